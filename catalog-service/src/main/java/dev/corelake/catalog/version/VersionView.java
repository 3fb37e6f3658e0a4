package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.List;

/**
 * A dataset version as the API shows it.
 *
 * @param dataset dataset name
 * @param version version number
 * @param location lake URI
 * @param format file format
 * @param schema columns
 * @param rowCount rows
 * @param bytes size
 * @param producedBy producing job or run
 * @param createdAt registration time
 * @param inputs the versions it was produced from
 * @param source the external origin, or {@code null}
 * @param expiredAt when retention expired it (its files are then removed), or
 * {@code null}
 * @author Corelake
 */
record VersionView(String dataset, int version, String location, String format, List<SchemaField> schema, long rowCount,
		long bytes, String producedBy, Instant createdAt, List<InputRef> inputs, VersionSource source,
		Instant expiredAt) {

}
