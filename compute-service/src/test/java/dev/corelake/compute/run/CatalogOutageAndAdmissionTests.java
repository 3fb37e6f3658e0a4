package dev.corelake.compute.run;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.corelake.compute.CatalogRelay;
import dev.corelake.compute.ComputeTestSupport;
import dev.corelake.compute.job.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * catalog-service failing at the moment a job registers its output, and admission
 * control. compute-service reaches the (real) catalog through the test platform's
 * {@link CatalogRelay}, told here to refuse registrations, or to pass one to the catalog
 * and then drop the answer, so the job cannot tell whether it was registered.
 *
 * @author Corelake
 */
@TestPropertySource(properties = "corelake.compute.local.max-queued-jobs=2")
class CatalogOutageAndAdmissionTests extends ComputeTestSupport {

	private static final String ALICE = "outage-alice";

	private static String alice;

	@BeforeAll
	static void seed() {
		alice = platform().token(ALICE, "DATA_ENGINEER");
		platform().seed(alice, "outage_orders", "seed-1",
				platform().spark().range(0, 2000).selectExpr("id", "cast(id % 5 as int) as shop"));
	}

	@AfterEach
	void relayPassesEverythingAgain() {
		relay().reset();
	}

	private static CatalogRelay relay() {
		return platform().catalogRelay();
	}

	@Test
	void catalogDownAtCommitKeepsTheJobCommittingUntilItReturnsThenRegistersOnce() {
		relay().refuseRegistrations.set(true);
		String id = submit(alice, sqlJob("select shop, count(*) as n from outage_orders group by shop", "outage_a"));
		awaitState(alice, id, JobState.COMMITTING);
		int attempts = relay().refusedRegistrations.get();
		// retried every commit-retry-interval (500 ms) while the catalog stays away
		await().atMost(Duration.ofSeconds(20)).until(() -> relay().refusedRegistrations.get() >= attempts + 2);
		JsonNode stillCommitting = json(compute("GET", JOBS + "/" + id, alice, null));
		assertThat(stillCommitting.get("state").asString()).isEqualTo("committing");
		assertThat(versions("outage_a")).as("nothing registered while the catalog is away").isEmpty();

		relay().refuseRegistrations.set(false);
		JsonNode done = awaitState(alice, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("succeeded");
		List<JsonNode> versions = versions("outage_a");
		assertThat(versions).hasSize(1);
		assertThat(versions.get(0).get("producedBy").asString()).isEqualTo("compute-job:" + id);
		assertThat(versions.get(0).get("rowCount").asLong()).isEqualTo(5);
	}

	@Test
	void registrationWhoseAnswerIsLostIsNotRegisteredTwice() {
		relay().dropNextRegistrationAnswer.set(true);
		String id = submit(alice, sqlJob("select shop, max(id) as top from outage_orders group by shop", "outage_b"));
		JsonNode done = awaitState(alice, id, JobState.SUCCEEDED, JobState.FAILED);
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("succeeded");
		assertThat(relay().droppedAnswers.get()).as("the catalog registered, the job never heard").isEqualTo(1);
		List<JsonNode> versions = versions("outage_b");
		assertThat(versions).hasSize(1);
		assertThat(versions.get(0).get("producedBy").asString()).isEqualTo("compute-job:" + id);
	}

	@Test
	void submissionsBeyondTheQueueAreRefusedWith429AndRetryAfter() {
		// one slot and a queue of two: hold the slot and the queue with slow jobs
		relay().refuseRegistrations.set(false);
		// slow enough to hold the slot and the queue for a while, yet finite (8e8 pairs):
		// a cancelled job's Spark tasks that do not stop at once (a tight cross-join
		// loop)
		// must not hold the local executor for good, or the job submitted after the
		// cancels below waits for them
		String slow = "select count(*) as n from outage_orders a cross join outage_orders b "
				+ "cross join (select id from outage_orders where id < 200) c";
		String first = submit(alice, sqlJob(slow, "outage_q1"));
		String second = submit(alice, sqlJob(slow, "outage_q2"));
		HttpResponse<String> third = compute("POST", JOBS, alice, sqlJob(slow, "outage_q3"));
		try {
			assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
			assertThat(contentType(third)).startsWith("application/problem+json");
			assertThat(json(third).get("code").asString()).isEqualTo("JOB_QUEUE_FULL");
			assertThat(json(third).get("retryable").asBoolean()).isTrue();
			assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(catalog("GET", "/api/v1/datasets/outage_q3", alice).statusCode())
				.as("a refused job leaves nothing behind")
				.isEqualTo(404);
		}
		finally {
			compute("POST", JOBS + "/" + first + "/cancel", alice, null);
			compute("POST", JOBS + "/" + second + "/cancel", alice, null);
			awaitState(alice, first, JobState.CANCELLED, JobState.SUCCEEDED, JobState.FAILED);
			awaitState(alice, second, JobState.CANCELLED, JobState.SUCCEEDED, JobState.FAILED);
		}
		// with the queue drained, submissions are accepted again
		String again = submit(alice, sqlJob("select count(*) as n from outage_orders", "outage_q4"));
		assertThat(awaitState(alice, again, JobState.SUCCEEDED, JobState.FAILED).get("state").asString())
			.isEqualTo("succeeded");
	}

	private List<JsonNode> versions(String dataset) {
		HttpResponse<String> response = catalog("GET", "/api/v1/datasets/" + dataset + "/versions", alice);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		JsonNode items = body.has("content") ? body.get("content") : body.has("items") ? body.get("items") : body;
		List<JsonNode> versions = new java.util.ArrayList<>();
		items.forEach(versions::add);
		return versions;
	}

}
