package dev.corelake.sync.system;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs are admitted and executed ({@code corelake.sync.runs.*}).
 *
 * @param maxConcurrent most runs running at once across every replica of the service
 * @param maxConcurrentPerSource most runs reading one source at once, across replicas
 * @param workerThreads most runs this instance executes at once
 * @param leaseTtl how long a run stays claimed by an instance without a heartbeat; a
 * running run whose lease has passed belongs to a dead process and is resumed by any
 * instance
 * @param pollInterval how often an instance looks for queued runs, due schedules and
 * registrations to retry
 * @param chunkRows rows per chunk (one Parquet part file, one checkpoint), unless the job
 * says otherwise
 * @param batchRows rows handed from the reading thread to the writing thread at once
 * @param queueBatches batches buffered between the two threads
 * @param commitRetryInitial first wait before retrying a catalog registration
 * @param commitRetryMax longest wait between registration retries
 * @param logLines most log lines kept per run
 * @param autoStart whether the instance executes runs (off: API only, for tests)
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.sync.runs")
public record RunProperties(@DefaultValue("8") @Min(1) @Max(1000) int maxConcurrent,
		@DefaultValue("2") @Min(1) @Max(1000) int maxConcurrentPerSource,
		@DefaultValue("4") @Min(1) @Max(256) int workerThreads, @DefaultValue("30s") Duration leaseTtl,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("1000000") @Min(1) long chunkRows,
		@DefaultValue("1024") @Min(1) @Max(65536) int batchRows, @DefaultValue("4") @Min(1) @Max(64) int queueBatches,
		@DefaultValue("2s") Duration commitRetryInitial, @DefaultValue("1m") Duration commitRetryMax,
		@DefaultValue("1000") @Min(10) @Max(100_000) int logLines, @DefaultValue("true") boolean autoStart) {
}
