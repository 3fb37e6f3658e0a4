package dev.corelake.model.downstream;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.corelake.errors.client.UpstreamProblemException;
import dev.corelake.platform.downstream.DownstreamClients;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * ai-model-service's view of compute-service: submit {@code train} and {@code predict}
 * jobs, read, cancel and read the logs of a job. While serving a request the caller's
 * token is relayed, so compute-service applies the caller's own rights (a dataset they
 * may not read is not found for the job either); in the background this service's own
 * client-credentials token is used.
 *
 * @author Corelake
 */
@Component
public class ComputeClient {

	/** The downstream service name (client, breaker, retry and bulkhead instances). */
	public static final String SERVICE = "compute-service";

	/** Where compute-service answers for jobs. */
	public static final String JOBS = "/api/v1/compute/jobs";

	private final DownstreamClients clients;

	ComputeClient(DownstreamClients clients) {
		this.clients = clients;
	}

	/**
	 * Submits a job.
	 * @param job the job, as compute-service's API takes it
	 * @return the job as accepted
	 * @throws UpstreamProblemException compute-service's own refusal (400 …), or 503
	 * naming compute-service when it cannot be reached
	 */
	public Job submit(Map<String, Object> job) {
		return client().post().uri(JOBS).contentType(MediaType.APPLICATION_JSON).body(job).retrieve().body(Job.class);
	}

	/**
	 * Reads a job.
	 * @param id the job
	 * @return the job
	 */
	public Job job(String id) {
		return client().get().uri(JOBS + "/{id}", id).retrieve().body(Job.class);
	}

	/**
	 * Asks for a job to be cancelled.
	 * @param id the job
	 * @return the job after the request
	 */
	public Job cancel(String id) {
		return client().post().uri(JOBS + "/{id}/cancel", id).retrieve().body(Job.class);
	}

	/**
	 * A job's log lines.
	 * @param id the job
	 * @return the lines, as compute-service shows them
	 */
	public List<Map<String, Object>> logs(String id) {
		return client().get()
			.uri(JOBS + "/{id}/logs", id)
			.retrieve()
			.body(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
	}

	private RestClient client() {
		return this.clients.forService(SERVICE);
	}

	/**
	 * The fields of a compute job this service reads.
	 *
	 * @param id job id
	 * @param kind {@code train}, {@code predict} …
	 * @param state {@code queued}, {@code running}, {@code committing},
	 * {@code succeeded}, {@code failed}, {@code cancelled}, {@code timed-out}
	 * @param progress how far it is
	 * @param error why it failed
	 * @param result what it produced ({@code training} for a train job)
	 * @param output the output dataset (predict jobs)
	 * @param outputVersion the registered output version
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Job(String id, String kind, String state, Progress progress, Error error, JsonNode result,
			String output, Integer outputVersion) {

		/**
		 * Progress, in percent of the tasks known.
		 * @return 0 to 100
		 */
		public int percent() {
			return (this.progress != null) ? this.progress.percent() : 0;
		}

	}

	/**
	 * Progress of a job.
	 *
	 * @param percent tasks done, percent
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Progress(int percent) {
	}

	/**
	 * Why a job failed.
	 *
	 * @param code a stable code
	 * @param message the failure summarised
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Error(String code, String message) {
	}

}
