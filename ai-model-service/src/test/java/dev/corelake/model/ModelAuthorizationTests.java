package dev.corelake.model;

import java.util.List;
import java.util.Map;

import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see, change and call which model, with real tokens checked against a real JWKS:
 * another user's private model does not exist for them (404, everywhere), a reader may
 * predict but not move aliases, a viewer may not train, and the caller's token is what
 * compute-service receives.
 *
 * @author Corelake
 */
@DirtiesContext
class ModelAuthorizationTests extends AbstractModelTests {

	private static TestJwtIssuer ISSUER;

	@BeforeAll
	static void startIssuer() {
		ISSUER = TestJwtIssuer.start();
		authUrl = ISSUER.authUrl().toString();
	}

	@AfterAll
	static void stopIssuer() {
		authUrl = null;
		ISSUER.close();
	}

	/** A context of its own (with security on), closed after this class. */
	@DynamicPropertySource
	static void secured(DynamicPropertyRegistry registry) {
		registry.add("corelake.test.context", () -> "secured");
	}

	@Test
	void anotherUsersPrivateModelDoesNotExistForThemUntilShared() {
		String aliceToken = ISSUER.token("alice", "DATA_SCIENTIST");
		Api alice = api().as(aliceToken);
		Api bob = api().as(ISSUER.token("bob", "DATA_SCIENTIST"));
		register(alice, "alice-private", artifacts().regressor("alice-private", 1, 10));
		assertThat(COMPUTE.authorizations()).contains("Bearer " + aliceToken);
		assertThat(alice.put("/api/v1/models/alice-private/aliases/champion", Map.of("version", 1), null).status())
			.isEqualTo(200);
		Map<String, Object> row = Map.of("rooms", 3, "area", 50.0);

		for (Api.Answer answer : List.of(bob.get("/api/v1/models/alice-private"),
				bob.get("/api/v1/models/alice-private/versions"), bob.get("/api/v1/models/alice-private/versions/1"),
				bob.get("/api/v1/models/alice-private/aliases"), bob.get("/api/v1/models/alice-private/training-runs"),
				bob.get("/api/v1/models/alice-private/compare?versions=1,2"),
				bob.get("/api/v1/models/alice-private/versions/1/lineage"),
				bob.post("/api/v1/models/alice-private/predict", Map.of("alias", "champion", "rows", List.of(row))),
				bob.post("/api/v1/models/alice-private/batch-predictions",
						Map.of("version", 1, "dataset", "customers", "output", "stolen")),
				bob.put("/api/v1/models/alice-private/aliases/champion", Map.of("version", 1), null),
				bob.put("/api/v1/models/alice-private/readers/bob", null, null),
				bob.post("/api/v1/models/alice-private/training-runs", trainingRequest("logistic_regression")))) {
			answer.problem().hasStatus(404).hasCode("MODEL_NOT_FOUND");
		}
		assertThat(bob.get("/api/v1/models").body()).doesNotContain("alice-private");

		assertThat(alice.put("/api/v1/models/alice-private/readers/bob", null, null).status()).isEqualTo(200);
		assertThat(bob.get("/api/v1/models/alice-private").status()).isEqualTo(200);
		Api.Answer predicted = bob.post("/api/v1/models/alice-private/predict",
				Map.of("alias", "champion", "rows", List.of(row)));
		assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
		bob.put("/api/v1/models/alice-private/aliases/champion", Map.of("version", 1), null)
			.problem()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
		bob.delete("/api/v1/models/alice-private/readers/bob", null).problem().hasStatus(403);
		assertThat(bob.get("/api/v1/models").body()).contains("\"name\":\"alice-private\"");
		assertThat(alice.get("/api/v1/models/alice-private/aliases/champion/history").list().get(0))
			.containsEntry("movedBy", "alice");
	}

	@Test
	void viewersReadSharedModelsButDoNotTrainAndAnonymousCallersAreRefused() {
		Api alice = api().as(ISSUER.token("alice", "DATA_SCIENTIST"));
		Api carol = api().as(ISSUER.token("carol", "VIEWER"));
		Api.Answer started = alice.post("/api/v1/models/shared-all/training-runs",
				trainingRequest("logistic_regression"));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		carol.get("/api/v1/models/shared-all").problem().hasStatus(404);
		assertThat(alice.put("/api/v1/models/shared-all/readers/*", null, null).status()).isEqualTo(200);
		assertThat(carol.get("/api/v1/models/shared-all").status()).isEqualTo(200);
		carol.post("/api/v1/models/carols/training-runs", trainingRequest("logistic_regression"))
			.problem()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
		carol.post("/api/v1/models/shared-all/training-runs/" + started.json().get("id") + "/cancel", "")
			.problem()
			.hasStatus(403);
		api().get("/api/v1/models").problem().hasStatus(401);
		api().as("not-a-token").get("/api/v1/models/shared-all").problem().hasStatus(401);

		Api reader = api().as(ISSUER.token("scorer",
				(claims) -> claims.claim("roles", List.of()).claim("scope", "models.read"), (header) -> {
				}));
		assertThat(reader.get("/api/v1/models/shared-all").status()).isEqualTo(200);
		reader.put("/api/v1/models/shared-all/readers/scorer", null, null).problem().hasStatus(403);
	}

}
