package dev.corelake.model.system;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ai-model-service settings ({@code corelake.model.*}).
 *
 * @param serving online predictions
 * @param training training runs
 * @param spark the local Spark session that serves predictions
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.model")
public record ModelProperties(@Valid @DefaultValue Serving serving, @Valid @DefaultValue Training training,
		@Valid @DefaultValue Spark spark) {

	/**
	 * Online predictions.
	 *
	 * @param cacheSize loaded PipelineModels kept (least recently used ones are dropped)
	 * @param maxRows most rows one predict request may carry
	 */
	public record Serving(@DefaultValue("16") @Min(1) @Max(1000) int cacheSize,
			@DefaultValue("1000") @Min(1) @Max(100_000) int maxRows) {
	}

	/**
	 * Training runs.
	 *
	 * @param pollInterval how often unfinished runs are brought up to date from
	 * compute-service (0 turns the background refresh off; reads still refresh)
	 */
	public record Training(@DefaultValue("2s") @NotNull Duration pollInterval) {
	}

	/**
	 * The Spark session predictions run in. When another part of the JVM (compute-service
	 * in the all-in-one mode) already started Spark, that session is used and these
	 * settings do not apply.
	 *
	 * @param cores threads of {@code local[N]}; 0 for every processor
	 * @param settings further Spark settings
	 */
	public record Spark(@DefaultValue("2") @Min(0) @Max(256) int cores, @DefaultValue Map<String, String> settings) {
	}

}
