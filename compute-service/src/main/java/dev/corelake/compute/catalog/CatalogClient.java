package dev.corelake.compute.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamProblemException;
import dev.corelake.platform.downstream.DownstreamClients;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * compute-service's view of catalog-service: the few fields it reads and writes. Called
 * while serving a request, it relays the caller's token, so a dataset the caller may not
 * read is not found for the job either; called in the background (registering an output),
 * it uses this service's own client-credentials token.
 *
 * @author Corelake
 */
@Component
public class CatalogClient {

	/** The downstream service name (client, breaker, retry and bulkhead instances). */
	public static final String SERVICE = "catalog-service";

	private final DownstreamClients clients;

	CatalogClient(DownstreamClients clients) {
		this.clients = clients;
	}

	/**
	 * Pins a table of a query to a dataset version: the given one, else the latest.
	 * @param dataset the dataset
	 * @param requested the version, or {@code null} for the latest
	 * @return the version and where its files are
	 * @throws UpstreamProblemException 404 {@code DATASET_NOT_FOUND} when the caller may
	 * not read it, or 404 {@code DATASET_VERSION_NOT_FOUND}
	 * @throws CorelakeException 400 {@code DATASET_HAS_NO_VERSION}
	 */
	public VersionInfo resolve(String dataset, Integer requested) {
		int version;
		if (requested != null) {
			version = requested;
		}
		else {
			version = dataset(dataset).latestVersion();
			if (version == 0) {
				throw new CorelakeException(ComputeErrorCode.DATASET_HAS_NO_VERSION,
						"Dataset '" + dataset + "' has no version yet; register one before querying it.");
			}
		}
		return client().get()
			.uri("/api/v1/datasets/{name}/versions/{version}", dataset, version)
			.retrieve()
			.body(VersionInfo.class);
	}

	/**
	 * Reads a dataset.
	 * @param name the dataset
	 * @return it
	 * @throws UpstreamProblemException 404 when the caller may not read it
	 */
	public DatasetInfo dataset(String name) {
		return client().get().uri("/api/v1/datasets/{name}", name).retrieve().body(DatasetInfo.class);
	}

	/**
	 * Reads a dataset, if the caller may see it.
	 * @param name the dataset
	 * @return it, or empty when it does not exist for the caller
	 */
	public Optional<DatasetInfo> findDataset(String name) {
		try {
			return Optional.of(dataset(name));
		}
		catch (UpstreamProblemException ex) {
			if ("DATASET_NOT_FOUND".equals(ex.getUpstreamCode())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Creates a dataset owned by the caller.
	 * @param name the dataset
	 * @param description its description
	 * @return it
	 */
	public DatasetInfo createDataset(String name, String description) {
		return client().post()
			.uri("/api/v1/datasets")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "description", description))
			.retrieve()
			.body(DatasetInfo.class);
	}

	/**
	 * Registers a version. Idempotent: registering the same {@code producedBy} again
	 * answers the version registered the first time.
	 * @param dataset the dataset
	 * @param version the version
	 * @return the registered version
	 */
	public VersionInfo register(String dataset, NewVersion version) {
		ResponseEntity<VersionInfo> response = client().post()
			.uri("/api/v1/datasets/{name}/versions", dataset)
			.contentType(MediaType.APPLICATION_JSON)
			.body(version)
			.retrieve()
			.toEntity(VersionInfo.class);
		return response.getBody();
	}

	private RestClient client() {
		return this.clients.forService(SERVICE);
	}

	/**
	 * The fields of a dataset this service reads.
	 *
	 * @param name name
	 * @param owner owner
	 * @param latestVersion newest version, 0 when none
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DatasetInfo(String name, String owner, int latestVersion) {
	}

	/**
	 * The fields of a version this service reads.
	 *
	 * @param dataset dataset name
	 * @param version number
	 * @param location lake URI
	 * @param format file format
	 * @param schema its columns (empty when the catalog does not know them)
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record VersionInfo(String dataset, int version, String location, String format, List<Column> schema) {
	}

	/**
	 * A version to register.
	 *
	 * @param location lake URI of the committed files
	 * @param format file format
	 * @param schema columns
	 * @param rowCount rows
	 * @param bytes size
	 * @param producedBy {@code compute-job:<id>}
	 * @param inputs the exact input versions (lineage)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record NewVersion(String location, String format, List<Column> schema, long rowCount, long bytes,
			String producedBy, List<Input> inputs) {
	}

	/**
	 * A column.
	 *
	 * @param name name
	 * @param type Spark SQL type
	 * @param nullable whether it may hold nulls
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Column(String name, String type, boolean nullable) {
	}

	/**
	 * An input version.
	 *
	 * @param dataset dataset
	 * @param version version number
	 */
	public record Input(String dataset, int version) {
	}

}
