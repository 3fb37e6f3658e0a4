package dev.corelake.sync.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How synced Parquet files are written ({@code corelake.sync.parquet.*}). The row group
 * size bounds the memory a running pull buffers per column chunk set.
 *
 * @param rowGroupBytes target row group size
 * @param pageBytes target page size
 * @param compression compression codec
 * @param dictionary whether columns are dictionary-encoded (smaller files for repeated
 * values, more work while writing)
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.sync.parquet")
public record ParquetSettingsProperties(@DefaultValue("16777216") @Min(65536) @Max(1_073_741_824) long rowGroupBytes,
		@DefaultValue("1048576") @Min(4096) @Max(67_108_864) int pageBytes,
		@DefaultValue("SNAPPY") @NotNull CompressionCodecName compression, @DefaultValue("true") boolean dictionary) {
}
