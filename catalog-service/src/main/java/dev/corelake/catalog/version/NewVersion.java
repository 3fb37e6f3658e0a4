package dev.corelake.catalog.version;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A version to register.
 *
 * @param location lake URI of the committed files: {@code hdfs://host[:port]/path},
 * {@code file:/path} or {@code s3a://bucket/path}; no {@code ..} segments
 * @param format file format
 * @param schema columns, in order
 * @param rowCount number of rows
 * @param bytes total size in bytes
 * @param producedBy the job or run that produced the files: {@code sync-run:<id>},
 * {@code compute-job:<id>}, {@code training-run:<id>}; registering the same producer (or
 * location) again is idempotent
 * @param inputs the dataset versions the files were produced from (lineage), at most 100
 * @param source the external origin of synced data
 * @author Corelake
 */
record NewVersion(@NotNull @Size(max = 1024) @Pattern(regexp = LOCATION, message = LOCATION_MESSAGE) String location,
		@NotNull VersionFormat format, @NotNull @Size(max = 1000) List<@Valid @NotNull SchemaField> schema,
		@NotNull @PositiveOrZero @Max(Long.MAX_VALUE / 2) Long rowCount,
		@NotNull @PositiveOrZero @Max(Long.MAX_VALUE / 2) Long bytes,
		@Size(max = 256) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/@-]*") String producedBy,
		@Size(max = 100) List<@Valid @NotNull InputRef> inputs, @Valid VersionSource source) {

	static final String LOCATION = "(?!.*(^|/)\\.\\.(/|$))(hdfs://[A-Za-z0-9.-]+(:[0-9]{1,5})?|file:|s3a://[a-z0-9.-]+)/[A-Za-z0-9._~=/+-]*";

	static final String LOCATION_MESSAGE = "must be an hdfs://, file: or s3a:// URI without '..' segments";

}
