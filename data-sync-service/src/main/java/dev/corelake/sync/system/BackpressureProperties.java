package dev.corelake.sync.system;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Back-pressure on heap use ({@code corelake.sync.backpressure.*}): above the fraction,
 * running pulls pause between batches and no new run starts, until the heap (as measured
 * after the last garbage collection) drops below it again.
 *
 * @param heapFraction heap use after garbage collection, as a fraction of the maximum
 * heap, above which pulls slow down
 * @param pause how long a pull waits before looking again
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.sync.backpressure")
public record BackpressureProperties(@DefaultValue("0.80") @DecimalMin("0.05") @DecimalMax("1.0") double heapFraction,
		@DefaultValue("200ms") Duration pause) {
}
