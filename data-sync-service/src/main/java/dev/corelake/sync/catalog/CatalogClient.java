package dev.corelake.sync.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.corelake.errors.client.UpstreamProblemException;
import dev.corelake.platform.downstream.DownstreamClients;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls catalog-service through the platform's resilient client (timeouts, breaker,
 * retries of idempotent calls): reads a dataset's owner, creates a dataset, registers a
 * version. Inside a user's request the user's token is relayed; in a run (no request) the
 * service's own client-credentials token is used.
 *
 * @author Corelake
 */
@Component
public class CatalogClient {

	/** The downstream name (and resilience4j instance) of catalog-service. */
	public static final String SERVICE = "catalog-service";

	private final DownstreamClients clients;

	CatalogClient(DownstreamClients clients) {
		this.clients = clients;
	}

	/**
	 * A dataset, if it exists and the caller may see it.
	 * @param name the dataset
	 * @return its owner and latest version, or empty when absent (or invisible)
	 */
	public Optional<DatasetInfo> dataset(String name) {
		try {
			return Optional
				.ofNullable(client().get().uri("/api/v1/datasets/{name}", name).retrieve().body(DatasetInfo.class));
		}
		catch (UpstreamProblemException ex) {
			if ("DATASET_NOT_FOUND".equals(ex.getUpstreamCode())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Creates a dataset unless it exists.
	 * @param name the dataset
	 * @param owner its owner
	 * @param description its description
	 */
	public void createDataset(String name, String owner, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("owner", owner);
		body.put("description", description);
		try {
			client().post()
				.uri("/api/v1/datasets")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.toBodilessEntity();
		}
		catch (UpstreamProblemException ex) {
			if (!"DATASET_ALREADY_EXISTS".equals(ex.getUpstreamCode())) {
				throw ex;
			}
		}
	}

	/**
	 * Registers a version; the catalog answers an earlier registration with the same
	 * {@code producedBy} instead of creating a second one, so this may be retried.
	 * @param dataset the dataset
	 * @param version the version
	 * @return the version's number
	 */
	public int registerVersion(String dataset, NewVersion version) {
		ResponseEntity<VersionInfo> answer = client().post()
			.uri("/api/v1/datasets/{name}/versions", dataset)
			.contentType(MediaType.APPLICATION_JSON)
			.body(version)
			.retrieve()
			.toEntity(VersionInfo.class);
		VersionInfo info = answer.getBody();
		if (info == null) {
			throw new IllegalStateException("catalog-service answered the registration without a body");
		}
		return info.version();
	}

	private RestClient client() {
		return this.clients.forService(SERVICE);
	}

	/**
	 * The fields of a dataset this service reads.
	 *
	 * @param name name
	 * @param owner owner
	 * @param latestVersion newest version number
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DatasetInfo(String name, String owner, int latestVersion) {
	}

	/**
	 * The fields of a registered version this service reads.
	 *
	 * @param version its number
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record VersionInfo(int version) {
	}

	/**
	 * A version to register.
	 *
	 * @param location where its files are
	 * @param format {@code PARQUET}
	 * @param schema the columns
	 * @param rowCount rows
	 * @param bytes bytes of the files
	 * @param producedBy {@code sync-run:<id>}
	 * @param source where the data came from
	 */
	public record NewVersion(String location, String format, List<Field> schema, long rowCount, long bytes,
			String producedBy, Origin source) {
	}

	/**
	 * A column.
	 *
	 * @param name name
	 * @param type Spark SQL type
	 * @param nullable whether values may be missing
	 */
	public record Field(String name, String type, boolean nullable) {
	}

	/**
	 * The external origin of synced data (lineage).
	 *
	 * @param kind {@code jdbc}, {@code csv} or {@code jsonl}
	 * @param name the source's name
	 * @param detail the table or file (never credentials)
	 */
	public record Origin(String kind, String name, String detail) {
	}

}
