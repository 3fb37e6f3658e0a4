package dev.corelake.catalog;

import dev.corelake.platform.test.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.corelake.catalog.system.ListingProperties;
import dev.corelake.errors.test.ProblemAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dataset and version API over real HTTP against a running service: the happy
 * journey, every kind of bad input (each answered with a conformant problem, never a 500,
 * and never changing what is stored) and concurrent registrations.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:catalog-api-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0",
		// the API's own behaviour is under test here, not the platform's token checks
		"corelake.platform.security.enabled=false" })
class DatasetApiTests {

	private static final String DATASETS = "/api/v1/datasets";

	/** An existing dataset that the bad inputs aim at. */
	private static final String TARGET = "bad-input-target";

	private static final String MISSING = "no-such-dataset";

	/**
	 * An encoded slash in a name: refused by the name validation (naming the field), or
	 * before it by Spring Security's firewall when the platform's security is on the
	 * class path. Either way a 400 problem that never reaches the handler.
	 */
	private static final String ENCODED_SLASH = "VALIDATION_FAILED|MALFORMED_REQUEST";

	private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private ListingProperties listing;

	@BeforeEach
	void targetExists() throws Exception {
		if (get(DATASETS + "/" + TARGET).status() == 404) {
			Answer created = post(DATASETS, json(Map.of("name", TARGET, "owner", "target-owner", "tags",
					List.of("fixture"), "retention", Map.of("keepLast", 3))));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
	}

	// --- happy journey

	@Test
	void createWhenValidThenCreatedWithEtagLocationAndBody() throws Exception {
		String name = unique("create");
		Answer answer = post(DATASETS, json(dataset(name)));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.header("ETag")).isEqualTo("\"0\"");
		assertThat(answer.header("Location")).endsWith(DATASETS + "/" + name);
		assertThat(answer.contentType()).startsWith("application/json");
		assertThat(answer.json()).containsEntry("name", name)
			.containsEntry("description", "Daily sales")
			.containsEntry("owner", "sales-team")
			.containsEntry("tags", List.of("finance", "sales"))
			.containsEntry("retention", Map.of("days", 30, "keepLast", 5))
			.containsEntry("latestVersion", 0)
			.containsEntry("revision", 0)
			.containsKeys("createdAt", "updatedAt");
	}

	@Test
	void createWhenOwnerAbsentThenAnonymousAndRetentionEmpty() throws Exception {
		String name = unique("anon");
		Answer answer = post(DATASETS, json(Map.of("name", name)));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(answer.json()).containsEntry("owner", "anonymous").containsEntry("tags", List.of());
		assertThat(answer.json().get("retention")).isEqualTo(mapOf("days", null, "keepLast", null));
	}

	@Test
	void journeyWhenDatasetCreatedChangedVersionedAndDeletedThenEveryStepAnswersAsDocumented() throws Exception {
		String name = unique("journey");
		String path = DATASETS + "/" + name;
		assertThat(post(DATASETS, json(dataset(name))).status()).isEqualTo(201);

		Answer read = get(path);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.json()).containsEntry("name", name).containsEntry("revision", 0);

		Answer patched = patch(path, "\"0\"", json(Map.of("description", "Daily sales, cleaned")));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");
		assertThat(patched.json()).containsEntry("description", "Daily sales, cleaned")
			.containsEntry("tags", List.of("finance", "sales"))
			.containsEntry("retention", Map.of("days", 30, "keepLast", 5))
			.containsEntry("revision", 1);

		Answer retagged = patch(path, "\"1\"",
				json(Map.of("tags", List.of("gold"), "retention", Map.of("keepLast", 2))));
		assertThat(retagged.status()).as(retagged.body()).isEqualTo(200);
		assertThat(retagged.header("ETag")).isEqualTo("\"2\"");
		assertThat(retagged.json()).containsEntry("description", "Daily sales, cleaned")
			.containsEntry("tags", List.of("gold"))
			.containsEntry("retention", mapOf("days", null, "keepLast", 2));

		Answer tagged = put(path + "/tags/pii");
		assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
		assertThat(tagged.header("ETag")).isEqualTo("\"3\"");
		assertThat(tagged.json()).containsEntry("tags", List.of("gold", "pii"));
		Answer taggedAgain = put(path + "/tags/pii");
		assertThat(taggedAgain.status()).isEqualTo(200);
		assertThat(taggedAgain.header("ETag")).as("adding a present tag changes nothing").isEqualTo("\"3\"");
		Answer untagged = delete(path + "/tags/gold", null);
		assertThat(untagged.status()).as(untagged.body()).isEqualTo(200);
		assertThat(untagged.header("ETag")).isEqualTo("\"4\"");
		assertThat(untagged.json()).containsEntry("tags", List.of("pii"));
		assertThat(delete(path + "/tags/gold", null).header("ETag")).isEqualTo("\"4\"");

		for (int number = 1; number <= 3; number++) {
			Answer registered = post(path + "/versions", json(version("hdfs://namenode:8020/lake/sales/v" + number)));
			assertThat(registered.status()).as(registered.body()).isEqualTo(201);
			assertThat(registered.header("Location")).endsWith(path + "/versions/" + number);
			assertThat(registered.json()).containsEntry("dataset", name)
				.containsEntry("version", number)
				.containsEntry("format", "PARQUET")
				.containsEntry("rowCount", 100)
				.containsEntry("bytes", 2048)
				.containsEntry("producedBy", version("hdfs://namenode:8020/lake/sales/v" + number).get("producedBy"));
		}
		assertThat(get(path).json()).containsEntry("latestVersion", 3).containsEntry("revision", 4);

		Answer versions = get(path + "/versions");
		assertThat(versions.status()).isEqualTo(200);
		assertThat(versionNumbers(versions)).containsExactly(3, 2, 1);
		assertThat(versions.json()).containsEntry("page", 0)
			.containsEntry("size", 20)
			.containsEntry("totalItems", 3)
			.containsEntry("totalPages", 1);
		Answer secondPage = get(path + "/versions?page=1&size=2");
		assertThat(versionNumbers(secondPage)).containsExactly(1);
		assertThat(secondPage.json()).containsEntry("totalItems", 3).containsEntry("totalPages", 2);

		Answer second = get(path + "/versions/2");
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json()).containsEntry("version", 2)
			.containsEntry("location", "hdfs://namenode:8020/lake/sales/v2")
			.containsEntry("schema", List.of(Map.of("name", "id", "type", "bigint", "nullable", false),
					Map.of("name", "amount", "type", "decimal(10,2)", "nullable", true)));

		Answer plan = get(path + "/retention");
		assertThat(plan.status()).isEqualTo(200);
		assertThat(plan.json()).containsEntry("dataset", name)
			.containsEntry("versionCount", 3)
			.containsEntry("dueForExpiry", List.of(1));

		Answer deleted = delete(path, "\"4\"");
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertProblem(get(path), 404, "DATASET_NOT_FOUND");
		assertProblem(get(path + "/versions"), 404, "DATASET_NOT_FOUND");
		assertProblem(get(path + "/versions/1"), 404, "DATASET_NOT_FOUND");
	}

	@Test
	void patchWhenRetentionIsEmptyObjectThenRetentionRemoved() throws Exception {
		String name = unique("noretention");
		post(DATASETS, json(dataset(name)));
		Answer patched = patch(DATASETS + "/" + name, "\"0\"", "{\"retention\":{}}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().get("retention")).isEqualTo(mapOf("days", null, "keepLast", null));
		assertThat(patched.json()).containsEntry("description", "Daily sales");
	}

	@Test
	void patchWhenIfMatchIsStarThenApplied() throws Exception {
		String name = unique("star");
		post(DATASETS, json(dataset(name)));
		Answer patched = patch(DATASETS + "/" + name, "*", json(Map.of("description", "any revision")));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json()).containsEntry("description", "any revision");
	}

	@Test
	void deleteWhenNoIfMatchThenDeleted() throws Exception {
		String name = unique("deleteme");
		post(DATASETS, json(dataset(name)));
		assertThat(delete(DATASETS + "/" + name, null).status()).isEqualTo(204);
		assertProblem(get(DATASETS + "/" + name), 404, "DATASET_NOT_FOUND");
	}

	@Test
	void deleteWhenIfMatchStaleThenPreconditionFailedAndDatasetKept() throws Exception {
		String name = unique("keepme");
		post(DATASETS, json(dataset(name)));
		Answer before = get(DATASETS + "/" + name);
		assertProblem(delete(DATASETS + "/" + name, "\"7\""), 412, "PRECONDITION_FAILED");
		Answer after = get(DATASETS + "/" + name);
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.json()).isEqualTo(before.json());
	}

	@Test
	void listWhenFilteredByPrefixOwnerOrTagThenOnlyMatchingDatasetsInNameOrder() throws Exception {
		String prefix = unique("lst") + "-";
		String owner = prefix + "owner";
		String tag = prefix + "tag";
		createDataset(prefix + "charlie", owner, List.of(tag));
		createDataset(prefix + "alpha", owner, List.of());
		createDataset(prefix + "bravo", "someone-else", List.of(tag));

		assertThat(names(get(DATASETS + "?prefix=" + prefix))).containsExactly(prefix + "alpha", prefix + "bravo",
				prefix + "charlie");
		assertThat(names(get(DATASETS + "?prefix=" + prefix + "b"))).containsExactly(prefix + "bravo");
		assertThat(names(get(DATASETS + "?owner=" + owner))).containsExactly(prefix + "alpha", prefix + "charlie");
		assertThat(names(get(DATASETS + "?tag=" + tag))).containsExactly(prefix + "bravo", prefix + "charlie");
		assertThat(names(get(DATASETS + "?prefix=" + prefix + "&owner=" + owner + "&tag=" + tag)))
			.containsExactly(prefix + "charlie");
		Answer none = get(DATASETS + "?prefix=" + prefix + "zulu");
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.json()).containsEntry("items", List.of())
			.containsEntry("totalItems", 0)
			.containsEntry("totalPages", 0);
	}

	@Test
	void listWhenPagedThenPagesFollowNameOrderWithTotals() throws Exception {
		String prefix = unique("pg") + "-";
		for (String suffix : List.of("e", "c", "a", "d", "b")) {
			createDataset(prefix + suffix, "pager", List.of());
		}
		Answer first = get(DATASETS + "?prefix=" + prefix + "&size=2");
		Answer second = get(DATASETS + "?prefix=" + prefix + "&size=2&page=1");
		Answer third = get(DATASETS + "?prefix=" + prefix + "&size=2&page=2");
		Answer beyond = get(DATASETS + "?prefix=" + prefix + "&size=2&page=3");
		assertThat(names(first)).containsExactly(prefix + "a", prefix + "b");
		assertThat(names(second)).containsExactly(prefix + "c", prefix + "d");
		assertThat(names(third)).containsExactly(prefix + "e");
		assertThat(names(beyond)).isEmpty();
		assertThat(second.json()).containsEntry("page", 1)
			.containsEntry("size", 2)
			.containsEntry("totalItems", 5)
			.containsEntry("totalPages", 3);
	}

	@Test
	void listWhenSizeAbsentThenTheConfiguredDefaultPageSizeAsItIsNow() throws Exception {
		String prefix = unique("dflt") + "-";
		for (String suffix : List.of("a", "b", "c", "d")) {
			createDataset(prefix + suffix, "pager", List.of());
		}
		registerVersions(prefix + "a", 4);
		assertThat(get(DATASETS + "?prefix=" + prefix).json()).containsEntry("size", 20).containsEntry("totalPages", 1);
		int before = this.listing.getDefaultPageSize();
		try {
			// what a pushed corelake.catalog.listing.default-page-size does: rebinds this
			// bean in place
			this.listing.setDefaultPageSize(3);
			Answer datasets = get(DATASETS + "?prefix=" + prefix);
			assertThat(names(datasets)).containsExactly(prefix + "a", prefix + "b", prefix + "c");
			assertThat(datasets.json()).containsEntry("size", 3).containsEntry("totalPages", 2);
			Answer versions = get(DATASETS + "/" + prefix + "a/versions");
			assertThat(versionNumbers(versions)).hasSize(3);
			assertThat(versions.json()).containsEntry("size", 3);
			assertThat(get(DATASETS + "?prefix=" + prefix + "&size=4").json()).as("an explicit size still wins")
				.containsEntry("size", 4);
		}
		finally {
			this.listing.setDefaultPageSize(before);
		}
	}

	@Test
	void listWhenPrefixHasUnderscoreThenItMatchesOnlyAnUnderscore() throws Exception {
		String prefix = unique("us");
		createDataset(prefix + "_x", "escaper", List.of());
		createDataset(prefix + "ax", "escaper", List.of());
		assertThat(names(get(DATASETS + "?prefix=" + prefix + "_"))).containsExactly(prefix + "_x");
	}

	@Test
	void retentionWhenKeepLastThenVersionsBeyondItAreDueNewestFirst() throws Exception {
		String name = unique("keeplast");
		post(DATASETS, json(Map.of("name", name, "retention", Map.of("keepLast", 2))));
		registerVersions(name, 5);
		Answer plan = get(DATASETS + "/" + name + "/retention");
		assertThat(plan.status()).isEqualTo(200);
		assertThat(plan.json()).containsEntry("versionCount", 5)
			.containsEntry("policy", mapOf("days", null, "keepLast", 2))
			.containsEntry("dueForExpiry", List.of(3, 2, 1));
	}

	@Test
	void retentionWhenDaysThenVersionsOlderThanThatAreDueButNeverTheNewest() throws Exception {
		String name = unique("days");
		post(DATASETS, json(Map.of("name", name, "retention", Map.of("days", 7))));
		registerVersions(name, 2);
		this.clock.advance(Duration.ofDays(8));
		registerVersions(name, 1);
		this.clock.advance(Duration.ofDays(1));
		assertThat(get(DATASETS + "/" + name + "/retention").json()).containsEntry("versionCount", 3)
			.containsEntry("dueForExpiry", List.of(2, 1));

		String lonely = unique("lonely");
		post(DATASETS, json(Map.of("name", lonely, "retention", Map.of("days", 1))));
		registerVersions(lonely, 1);
		this.clock.advance(Duration.ofDays(30));
		assertThat(get(DATASETS + "/" + lonely + "/retention").json()).as("the newest version is never due")
			.containsEntry("dueForExpiry", List.of());
	}

	@Test
	void retentionWhenNoPolicyThenNothingDue() throws Exception {
		String name = unique("forever");
		post(DATASETS, json(Map.of("name", name)));
		registerVersions(name, 3);
		this.clock.advance(Duration.ofDays(3650));
		assertThat(get(DATASETS + "/" + name + "/retention").json()).containsEntry("versionCount", 3)
			.containsEntry("dueForExpiry", List.of());
	}

	// --- conflicts and preconditions

	@Test
	void createWhenNameTakenThenConflict() throws Exception {
		String name = unique("taken");
		post(DATASETS, json(dataset(name)));
		Answer before = get(DATASETS + "/" + name);
		assertProblem(post(DATASETS, json(Map.of("name", name, "description", "impostor"))), 409,
				"DATASET_ALREADY_EXISTS")
			.hasDetailContaining(name);
		assertThat(get(DATASETS + "/" + name).json()).isEqualTo(before.json());
	}

	@Test
	void patchWhenIfMatchStaleThenPreconditionFailedAndDatasetUnchanged() throws Exception {
		String name = unique("stale");
		post(DATASETS, json(dataset(name)));
		assertThat(patch(DATASETS + "/" + name, "\"0\"", json(Map.of("description", "first"))).status()).isEqualTo(200);
		Answer before = get(DATASETS + "/" + name);
		Answer answer = patch(DATASETS + "/" + name, "\"0\"",
				json(Map.of("description", "lost update", "tags", List.of("x"))));
		assertProblem(answer, 412, "PRECONDITION_FAILED");
		assertThat(answer.json()).containsEntry("currentEtag", "\"1\"");
		Answer after = get(DATASETS + "/" + name);
		assertThat(after.header("ETag")).isEqualTo("\"1\"");
		assertThat(after.json()).isEqualTo(before.json());
	}

	@Test
	void patchWhenIfMatchMissingThenPreconditionRequired() throws Exception {
		assertProblem(patch(DATASETS + "/" + TARGET, null, json(Map.of("description", "no etag"))), 428,
				"PRECONDITION_REQUIRED");
	}

	@Test
	void patchWhenIfMatchNotQuotedThenInvalidParameter() throws Exception {
		assertProblem(patch(DATASETS + "/" + TARGET, "0", json(Map.of("description", "bare etag"))), 400,
				"INVALID_PARAMETER");
	}

	@Test
	void patchWhenConcurrentWithSameEtagThenOneWinsAndTheOthersFailThePrecondition() throws Exception {
		String name = unique("race");
		post(DATASETS, json(dataset(name)));
		List<Answer> answers = concurrently(6,
				(i) -> patch(DATASETS + "/" + name, "\"0\"", json(Map.of("description", "writer " + i))));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isIn(200, 412));
		assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		answers.stream()
			.filter((answer) -> answer.status() == 412)
			.forEach((answer) -> assertProblem(answer, 412, "PRECONDITION_FAILED"));
		assertThat(get(DATASETS + "/" + name).header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void createWhenSameNameConcurrentlyThenOneCreatedAndTheOthersConflict() throws Exception {
		String name = unique("samename");
		List<Answer> answers = concurrently(6, (i) -> post(DATASETS, json(Map.of("name", name))));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isIn(201, 409));
		assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSize(1);
		answers.stream()
			.filter((answer) -> answer.status() == 409)
			.forEach((answer) -> assertProblem(answer, 409, "DATASET_ALREADY_EXISTS"));
	}

	@Test
	void tagWhenDatasetAlreadyHasFiftyThenConflict() throws Exception {
		String name = unique("fifty");
		List<String> tags = IntStream.rangeClosed(1, 50).mapToObj((i) -> "t" + i).toList();
		assertThat(post(DATASETS, json(Map.of("name", name, "tags", tags))).status()).isEqualTo(201);
		Answer before = get(DATASETS + "/" + name);
		assertProblem(put(DATASETS + "/" + name + "/tags/one-too-many"), 409, "CONFLICT");
		assertThat(put(DATASETS + "/" + name + "/tags/t7").status()).as("a present tag is no new tag").isEqualTo(200);
		assertThat(get(DATASETS + "/" + name).json()).isEqualTo(before.json());
	}

	// --- not found

	@Test
	void operationsWhenDatasetUnknownThenDatasetNotFound() throws Exception {
		String path = DATASETS + "/" + MISSING;
		assertProblem(get(path), 404, "DATASET_NOT_FOUND").hasDetailContaining(MISSING);
		assertProblem(patch(path, "\"0\"", json(Map.of("description", "x"))), 404, "DATASET_NOT_FOUND");
		assertProblem(delete(path, null), 404, "DATASET_NOT_FOUND");
		assertProblem(put(path + "/tags/gold"), 404, "DATASET_NOT_FOUND");
		assertProblem(delete(path + "/tags/gold", null), 404, "DATASET_NOT_FOUND");
		assertProblem(post(path + "/versions", json(version("file:/lake/x"))), 404, "DATASET_NOT_FOUND");
		assertProblem(get(path + "/versions"), 404, "DATASET_NOT_FOUND");
		assertProblem(get(path + "/versions/1"), 404, "DATASET_NOT_FOUND");
		assertProblem(get(path + "/retention"), 404, "DATASET_NOT_FOUND");
	}

	@Test
	void getVersionWhenNumberUnknownThenDatasetVersionNotFound() throws Exception {
		String name = unique("oneversion");
		post(DATASETS, json(Map.of("name", name)));
		registerVersions(name, 1);
		assertProblem(get(DATASETS + "/" + name + "/versions/2"), 404, "DATASET_VERSION_NOT_FOUND")
			.hasDetailContaining(name);
	}

	// --- protocol

	@Test
	void createWhenContentTypeIsTextThenUnsupportedMediaType() throws Exception {
		assertProblem(send(
				request(DATASETS).header("Content-Type", "text/plain").POST(BodyPublishers.ofString("name=plain"))),
				415, "UNSUPPORTED_MEDIA_TYPE");
	}

	/**
	 * Tomcat refuses these before any filter runs, so they get its own 400 page rather
	 * than a problem (the gap docs/error-contract.md describes); they must still be
	 * client errors.
	 */
	@Test
	void requestWhenTomcatRefusesItBeforeTheApplicationThenClientError() throws Exception {
		long before = totalDatasets();
		Answer encodedNul = get(DATASETS + "/a%00b");
		Answer hugeQuery = get(DATASETS + "?prefix=" + "a".repeat(20 * 1024));
		assertThat(encodedNul.status()).as(encodedNul.body()).isEqualTo(400);
		assertThat(hugeQuery.status()).as(hugeQuery.body()).isEqualTo(400);
		assertThat(totalDatasets()).isEqualTo(before);
	}

	@Test
	void createWhenBodyIsNotUtf8ThenMalformedRequest() throws Exception {
		byte[] latin1 = "{\"name\":\"dat\u00e9name\"}".getBytes(StandardCharsets.ISO_8859_1);
		assertProblem(send(
				request(DATASETS).header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(latin1))),
				400, "MALFORMED_REQUEST");
	}

	@Test
	void putOnCollectionThenMethodNotAllowedWithAllowHeader() throws Exception {
		Answer answer = send(request(DATASETS).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json(Map.of("name", "put-me")))));
		assertProblem(answer, 405, "METHOD_NOT_ALLOWED");
		assertThat(answer.header("Allow")).contains("GET").contains("POST");
	}

	@Test
	void getWhenAcceptIsCsvThenNotAcceptable() throws Exception {
		assertProblem(send(request(DATASETS + "/" + TARGET).header("Accept", "text/csv").GET()), 406, "NOT_ACCEPTABLE");
	}

	@Test
	void createWhenBodyIsFiveMegabytesThenPayloadTooLargeAndNothingStored() throws Exception {
		long before = totalDatasets();
		String name = unique("huge");
		String body = json(Map.of("name", name, "description", "x".repeat(5 * 1024 * 1024)));
		assertProblem(post(DATASETS, body), 413, "PAYLOAD_TOO_LARGE");
		assertThat(totalDatasets()).isEqualTo(before);
		assertProblem(get(DATASETS + "/" + name), 404, "DATASET_NOT_FOUND");
	}

	// --- bad input

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputWhenSentThenConformantProblemNamingTheField(BadInput input) throws Exception {
		Answer answer = send(input.request(this));
		ProblemAssert problem = assertProblem(answer, input.status(), input.code());
		if (input.field() != null && input.code().startsWith(String.valueOf(answer.json().get("code")))) {
			problem.hasFieldError(input.field());
		}
	}

	@Test
	void badInputsWhenAllSentThenNoneIsAServerErrorAndNothingStoredChanged() throws Exception {
		post(DATASETS + "/" + TARGET + "/versions", json(version("s3a://bucket/target/v1")));
		List<Map<String, Object>> before = allDatasets();
		assertThat(before).isNotEmpty();
		List<String> answers = new ArrayList<>();
		for (BadInput input : badInputs().toList()) {
			Answer answer = send(input.request(this));
			answers.add(input + " -> " + answer.status());
			assertThat(answer.status()).as("%s answered %s", input, answer.body()).isBetween(400, 499);
			assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant();
		}
		assertThat(answers).hasSize((int) badInputs().count());
		assertThat(allDatasets()).isEqualTo(before);
	}

	static Stream<BadInput> badInputs() {
		String create = DATASETS;
		String target = DATASETS + "/" + TARGET;
		String versions = target + "/versions";
		return Stream.of(
				// malformed and mistyped bodies
				BadInput.post("create with malformed JSON", create, "{\"name\": \"broken\",", 400, "MALFORMED_REQUEST",
						null),
				BadInput.post("create with an empty body", create, "", 400, "MALFORMED_REQUEST", null),
				BadInput.post("create with a JSON array", create, "[]", 400, "MALFORMED_REQUEST", null),
				BadInput.post("create with JSON null", create, "null", 400, "MALFORMED_REQUEST", null),
				BadInput.post("create with a number as name", create, "{\"name\": 5}", 400, "VALIDATION_FAILED",
						"name"),
				BadInput.post("create with tags not a list", create, "{\"name\":\"tagless\",\"tags\":\"notalist\"}",
						400, "MALFORMED_REQUEST", "tags"),
				BadInput.post("create with retention days not a number", create,
						"{\"name\":\"retained\",\"retention\":{\"days\":\"ten\"}}", 400, "MALFORMED_REQUEST",
						"retention.days"),
				BadInput.post("create with an unknown field", create, "{\"name\":\"extra\",\"colour\":\"blue\"}", 400,
						"MALFORMED_REQUEST", "colour"),
				BadInput.post("create with an unknown nested field", create,
						"{\"name\":\"extra\",\"retention\":{\"weeks\":2}}", 400, "MALFORMED_REQUEST",
						"retention.weeks"),
				// names
				BadInput.post("create without name", create, "{\"description\":\"nameless\"}", 400, "VALIDATION_FAILED",
						"name"),
				BadInput.post("create with null name", create, "{\"name\":null}", 400, "VALIDATION_FAILED", "name"),
				badName("path traversal", "../x"), badName("empty", ""), badName("300 characters", "a".repeat(300)),
				badName("64 characters", "a".repeat(64)), badName("an accent", "daténame"),
				badName("CJK characters", "名前"), badName("a zero-width space", "zero\u200Bwidth"),
				badName("a right-to-left override", "\u202Eevil"), badName("upper case", "Sales"),
				badName("a leading digit", "1sales"), badName("a slash", "a/b"), badName("a space", "a b"),
				badName("a leading dash", "-sales"),
				// other dataset fields
				BadInput.post("create with a 2001-character description", create,
						json(Map.of("name", "wordy", "description", "d".repeat(2001))), 400, "VALIDATION_FAILED",
						"description"),
				BadInput.post("create with an invalid owner", create,
						json(Map.of("name", "owned", "owner", "bad owner!")), 400, "VALIDATION_FAILED", "owner"),
				BadInput.post("create with an invalid tag", create,
						json(Map.of("name", "tagged", "tags", List.of("Bad Tag"))), 400, "VALIDATION_FAILED", "tags[]"),
				BadInput.post("create with a null tag", create, "{\"name\":\"tagged\",\"tags\":[null]}", 400,
						"VALIDATION_FAILED", "tags[]"),
				BadInput.post("create with a NUL character in the description", create,
						json(Map.of("name", "nul", "description", "before\u0000after")), 400, "VALIDATION_FAILED",
						"description"),
				BadInput.post("create with a description nested 5000 arrays deep", create,
						"{\"name\":\"deep\",\"description\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400,
						"MALFORMED_REQUEST", null),
				BadInput.post("create with a 5000-digit number", create,
						"{\"name\":\"long\",\"retention\":{\"days\":" + "9".repeat(5000) + "}}", 400,
						"MALFORMED_REQUEST", null),
				BadInput.post("create with 51 tags", create,
						json(Map.of("name", "tagged", "tags",
								IntStream.rangeClosed(1, 51).mapToObj((i) -> "t" + i).toList())),
						400, "VALIDATION_FAILED", "tags"),
				BadInput.post("create with retention days 0", create,
						json(Map.of("name", "retained", "retention", Map.of("days", 0))), 400, "VALIDATION_FAILED",
						"retention.days"),
				BadInput.post("create with negative keepLast", create,
						json(Map.of("name", "retained", "retention", Map.of("keepLast", -1))), 400, "VALIDATION_FAILED",
						"retention.keepLast"),
				// names in the path
				BadInput.get("get with URL-encoded traversal", DATASETS + "/%2E%2E%2Fx", 400, ENCODED_SLASH, "name"),
				BadInput.get("get with encoded slash", DATASETS + "/a%2Fb", 400, ENCODED_SLASH, "name"),
				BadInput.get("get with upper case", DATASETS + "/Sales", 400, "VALIDATION_FAILED", "name"),
				BadInput.get("get with an accent", DATASETS + "/dat%C3%A9name", 400, "VALIDATION_FAILED", "name"),
				BadInput.get("get with CJK characters", DATASETS + "/%E5%90%8D%E5%89%8D", 400, "VALIDATION_FAILED",
						"name"),
				BadInput.get("get with a zero-width space", DATASETS + "/zero%E2%80%8Bwidth", 400, "VALIDATION_FAILED",
						"name"),
				BadInput.get("get with a right-to-left override", DATASETS + "/%E2%80%AEevil", 400, "VALIDATION_FAILED",
						"name"),
				BadInput.get("get with 300 characters", DATASETS + "/" + "a".repeat(300), 400, "VALIDATION_FAILED",
						"name"),
				BadInput.get("versions of a traversal name", DATASETS + "/%2E%2E%2Fx/versions", 400, ENCODED_SLASH,
						"name"),
				BadInput.put("tag with an invalid tag", target + "/tags/Bad%20Tag", 400, "VALIDATION_FAILED", "tag"),
				// versions
				BadInput.post("version with rowCount a string", versions, versionJson("\"rowCount\":\"x\""), 400,
						"MALFORMED_REQUEST", "rowCount"),
				BadInput.post("version with negative rowCount", versions, versionJson("\"rowCount\":-1"), 400,
						"VALIDATION_FAILED", "rowCount"),
				BadInput.post("version with rowCount 1e30", versions, versionJson("\"rowCount\":1e30"), 400,
						"MALFORMED_REQUEST", "rowCount"),
				BadInput.post("version with rowCount 1.5", versions, versionJson("\"rowCount\":1.5"), 400,
						"MALFORMED_REQUEST", "rowCount"),
				BadInput.post("version with rowCount beyond long", versions,
						versionJson("\"rowCount\":123456789012345678901234567890"), 400, "MALFORMED_REQUEST", null),
				BadInput.post("version with rowCount null", versions, versionJson("\"rowCount\":null"), 400,
						"VALIDATION_FAILED", "rowCount"),
				BadInput.post("version with bytes at Long.MAX_VALUE", versions,
						versionJson("\"bytes\":" + Long.MAX_VALUE), 400, "VALIDATION_FAILED", "bytes"),
				BadInput.post("version with unknown format XLS", versions, versionJson("\"format\":\"XLS\""), 400,
						"MALFORMED_REQUEST", "format"),
				BadInput.post("version with lower-case format", versions, versionJson("\"format\":\"parquet\""), 400,
						"MALFORMED_REQUEST", "format"),
				BadInput.post("version without format", versions, versionJson("\"format\":null"), 400,
						"VALIDATION_FAILED", "format"),
				BadInput.post("version with '..' in location", versions,
						versionJson("\"location\":\"hdfs://namenode/lake/../etc\""), 400, "VALIDATION_FAILED",
						"location"),
				BadInput.post("version with trailing '..' in location", versions,
						versionJson("\"location\":\"s3a://bucket/lake/..\""), 400, "VALIDATION_FAILED", "location"),
				BadInput.post("version with ftp location", versions,
						versionJson("\"location\":\"ftp://files.example.com/lake/x\""), 400, "VALIDATION_FAILED",
						"location"),
				BadInput.post("version with relative location", versions, versionJson("\"location\":\"lake/x\""), 400,
						"VALIDATION_FAILED", "location"),
				BadInput.post("version with 1025-character location", versions,
						versionJson("\"location\":\"file:/" + "a".repeat(1020) + "\""), 400, "VALIDATION_FAILED",
						"location"),
				BadInput.post("version without location", versions, versionJson("\"location\":null"), 400,
						"VALIDATION_FAILED", "location"),
				BadInput.post("version with schema not a list", versions, versionJson("\"schema\":\"id bigint\""), 400,
						"MALFORMED_REQUEST", "schema"),
				BadInput.post("version with a null column", versions, versionJson("\"schema\":[null]"), 400,
						"VALIDATION_FAILED", "schema[0]"),
				BadInput.post("version with a column missing nullable", versions,
						versionJson("\"schema\":[{\"name\":\"id\",\"type\":\"bigint\"}]"), 400, "VALIDATION_FAILED",
						"schema[0].nullable"),
				BadInput.post("version with an invalid column name", versions,
						versionJson("\"schema\":[{\"name\":\"id; drop table\",\"type\":\"bigint\",\"nullable\":true}]"),
						400, "VALIDATION_FAILED", "schema[0].name"),
				BadInput.post("version with an unknown field", versions, versionJson("\"checksum\":\"abc\""), 400,
						"MALFORMED_REQUEST", "checksum"),
				BadInput.post("version with an invalid producer", versions, versionJson("\"producedBy\":\"spark job\""),
						400, "VALIDATION_FAILED", "producedBy"),
				BadInput.get("version 0", versions + "/0", 400, "VALIDATION_FAILED", "version"),
				BadInput.get("version -1", versions + "/-1", 400, "VALIDATION_FAILED", "version"),
				BadInput.get("version abc", versions + "/abc", 400, "INVALID_PARAMETER", null),
				BadInput.get("version beyond int", versions + "/99999999999", 400, "INVALID_PARAMETER", null),
				// paging and filters
				BadInput.get("list with size 0", DATASETS + "?size=0", 400, "VALIDATION_FAILED", "size"),
				BadInput.get("list with size 1000", DATASETS + "?size=1000", 400, "VALIDATION_FAILED", "size"),
				BadInput.get("list with page -1", DATASETS + "?page=-1", 400, "VALIDATION_FAILED", "page"),
				BadInput.get("list with size abc", DATASETS + "?size=abc", 400, "INVALID_PARAMETER", null),
				BadInput.get("list with an upper-case prefix", DATASETS + "?prefix=Sales", 400, "VALIDATION_FAILED",
						"prefix"),
				BadInput.get("list with a wildcard prefix", DATASETS + "?prefix=%25", 400, "VALIDATION_FAILED",
						"prefix"),
				BadInput.get("list with an invalid owner", DATASETS + "?owner=bad%20owner", 400, "VALIDATION_FAILED",
						"owner"),
				BadInput.get("list with an invalid tag", DATASETS + "?tag=Gold", 400, "VALIDATION_FAILED", "tag"),
				BadInput.get("versions with size 0", versions + "?size=0", 400, "VALIDATION_FAILED", "size"),
				BadInput.get("versions with size 1000", versions + "?size=1000", 400, "VALIDATION_FAILED", "size"),
				// updates
				BadInput.patch("patch without If-Match", target, null, "{\"description\":\"x\"}", 428,
						"PRECONDITION_REQUIRED", null),
				BadInput.patch("patch with a stale If-Match", target, "\"999\"", "{\"description\":\"x\"}", 412,
						"PRECONDITION_FAILED", null),
				BadInput.patch("patch with an unquoted If-Match", target, "0", "{\"description\":\"x\"}", 400,
						"INVALID_PARAMETER", null),
				BadInput.patch("patch with an unknown field", target, "\"0\"", "{\"name\":\"renamed\"}", 400,
						"MALFORMED_REQUEST", "name"),
				BadInput.patch("patch with 51 tags", target, "\"0\"",
						json(Map.of("tags", IntStream.rangeClosed(1, 51).mapToObj((i) -> "t" + i).toList())), 400,
						"VALIDATION_FAILED", "tags"),
				BadInput.patch("patch with a null tag", target, "\"0\"", "{\"tags\":[\"ok\",null]}", 400,
						"VALIDATION_FAILED", "tags[]"),
				BadInput.patch("patch with a NUL character in the description", target, "\"0\"",
						"{\"description\":\"\\u0000\"}", 400, "VALIDATION_FAILED", "description"),
				BadInput.patch("patch with retention keepLast 0", target, "\"0\"", "{\"retention\":{\"keepLast\":0}}",
						400, "VALIDATION_FAILED", "retention.keepLast"),
				BadInput.patch("patch with malformed JSON", target, "\"0\"", "{\"description\":", 400,
						"MALFORMED_REQUEST", null),
				BadInput.delete("delete with a stale If-Match", target, "\"999\"", 412, "PRECONDITION_FAILED"),
				BadInput.delete("delete with an unquoted If-Match", target, "abc", 400, "INVALID_PARAMETER"),
				// protocol
				new BadInput("create as text/plain", "POST", create, "text/plain", null, null, "name=plain", 415,
						"UNSUPPORTED_MEDIA_TYPE", null),
				new BadInput("version as text/plain", "POST", versions, "text/plain", null, null, "location=x", 415,
						"UNSUPPORTED_MEDIA_TYPE", null),
				new BadInput("patch as form data", "PATCH", target, "application/x-www-form-urlencoded", "\"0\"", null,
						"description=x", 415, "UNSUPPORTED_MEDIA_TYPE", null),
				new BadInput("put on the collection", "PUT", create, "application/json", null, null, "{\"name\":\"x\"}",
						405, "METHOD_NOT_ALLOWED", null),
				new BadInput("delete on the collection", "DELETE", create, null, null, null, null, 405,
						"METHOD_NOT_ALLOWED", null),
				new BadInput("get accepting text/csv", "GET", target, null, null, "text/csv", null, 406,
						"NOT_ACCEPTABLE", null),
				BadInput.get("get of an unknown endpoint", "/api/v1/nothing", 404, "NOT_FOUND", null),
				BadInput.get("get with a trailing slash", target + "/", 404, "NOT_FOUND", null),
				// unknown resources
				BadInput.get("get of an unknown dataset", DATASETS + "/" + MISSING, 404, "DATASET_NOT_FOUND", null),
				BadInput.delete("delete of an unknown dataset", DATASETS + "/" + MISSING, null, 404,
						"DATASET_NOT_FOUND"),
				BadInput.post("version of an unknown dataset", DATASETS + "/" + MISSING + "/versions",
						json(version("file:/lake/x")), 404, "DATASET_NOT_FOUND", null),
				BadInput.get("unknown version", versions + "/4242", 404, "DATASET_VERSION_NOT_FOUND", null));
	}

	private static BadInput badName(String what, String name) {
		return BadInput.post("create with a name with " + what, DATASETS, json(mapOf("name", name)), 400,
				"VALIDATION_FAILED", "name");
	}

	/**
	 * A valid version body with one member replaced.
	 */
	private static String versionJson(String member) {
		Map<String, Object> valid = version("file:/lake/bad");
		String name = member.substring(1, member.indexOf('"', 1));
		valid.remove(name);
		String body = json(valid);
		return body.substring(0, body.length() - 1) + "," + member + "}";
	}

	@Test
	void registerWhenSchemaHasTheLargestAllowedColumnsThenCreatedAndReadBack() throws Exception {
		String name = unique("wide");
		post(DATASETS, json(Map.of("name", name)));
		List<Map<String, Object>> schema = IntStream.range(0, 1000)
			.mapToObj((i) -> mapOf("name", "c" + String.format("%04d", i) + "x".repeat(123), "type",
					"decimal(38, 10)" + " ".repeat(241), "nullable", true))
			.toList();
		Map<String, Object> version = version("file:/lake/wide");
		version.put("schema", schema);
		String body = json(version);
		assertThat(body.length()).as("the request stays under the 1 MB body limit").isLessThan(1024 * 1024);
		Answer registered = post(DATASETS + "/" + name + "/versions", body);
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Answer read = get(DATASETS + "/" + name + "/versions/1");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("schema")).isEqualTo(schema);
	}

	@Test
	void deleteWhenConcurrentThenOneDeletesAndNoneFails() throws Exception {
		for (int round = 0; round < 5; round++) {
			String name = unique("twice");
			post(DATASETS, json(Map.of("name", name, "tags", List.of("a", "b"))));
			List<Answer> answers = concurrently(4, (i) -> delete(DATASETS + "/" + name, null));
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isIn(204, 404, 412));
			assertThat(answers).filteredOn((answer) -> answer.status() == 204).hasSize(1);
			assertProblem(get(DATASETS + "/" + name), 404, "DATASET_NOT_FOUND");
		}
	}

	// --- concurrency

	@Test
	void versionsWhenRegisteredConcurrentlyThenNumberedOneToTwentyWithoutGapsOrDuplicates() throws Exception {
		String name = unique("concurrent");
		post(DATASETS, json(Map.of("name", name)));
		List<Answer> answers = concurrently(20,
				(i) -> post(DATASETS + "/" + name + "/versions", json(version("file:/lake/concurrent/v" + i))));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
		List<Integer> numbers = answers.stream()
			.map((answer) -> (Integer) answer.json().get("version"))
			.sorted()
			.toList();
		assertThat(numbers).isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
		Answer listed = get(DATASETS + "/" + name + "/versions?size=50");
		assertThat(versionNumbers(listed)).isEqualTo(IntStream.rangeClosed(1, 20).map((i) -> 21 - i).boxed().toList());
		assertThat(get(DATASETS + "/" + name).json()).containsEntry("latestVersion", 20);
	}

	private <T> List<T> concurrently(int tasks, Task<T> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < tasks; i++) {
				int index = i;
				futures.add(executor.submit(() -> {
					start.await();
					return task.run(index);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@FunctionalInterface
	interface Task<T> {

		T run(int index) throws Exception;

	}

	// --- helpers

	private static String unique(String base) {
		return base + "-" + SEQUENCE.incrementAndGet();
	}

	private static Map<String, Object> dataset(String name) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("name", name);
		dataset.put("description", "Daily sales");
		dataset.put("owner", "sales-team");
		dataset.put("tags", List.of("sales", "finance"));
		dataset.put("retention", Map.of("days", 30, "keepLast", 5));
		return dataset;
	}

	private static Map<String, Object> version(String location) {
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("location", location);
		version.put("format", "PARQUET");
		version.put("schema", List.of(mapOf("name", "id", "type", "bigint", "nullable", false),
				mapOf("name", "amount", "type", "decimal(10,2)", "nullable", true)));
		version.put("rowCount", 100);
		version.put("bytes", 2048);
		// one producer per location: registering the same producer again is idempotent
		version.put("producedBy", "compute-job:" + Integer.toHexString(location.hashCode()));
		return version;
	}

	private static Map<String, Object> mapOf(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private void createDataset(String name, String owner, List<String> tags) throws Exception {
		Answer answer = post(DATASETS, json(Map.of("name", name, "owner", owner, "tags", tags)));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	private void registerVersions(String name, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			Answer answer = post(DATASETS + "/" + name + "/versions",
					json(version("s3a://lake/" + name + "/" + SEQUENCE.incrementAndGet())));
			assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<String> names(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return ((List<Map<String, Object>>) answer.json().get("items")).stream()
			.map((item) -> (String) item.get("name"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> versionNumbers(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return ((List<Map<String, Object>>) answer.json().get("items")).stream()
			.map((item) -> (Integer) item.get("version"))
			.toList();
	}

	private long totalDatasets() throws Exception {
		Answer answer = get(DATASETS + "?size=1");
		assertThat(answer.status()).isEqualTo(200);
		return ((Number) answer.json().get("totalItems")).longValue();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> allDatasets() throws Exception {
		List<Map<String, Object>> all = new ArrayList<>();
		for (int page = 0;; page++) {
			Answer answer = get(DATASETS + "?size=200&page=" + page);
			assertThat(answer.status()).isEqualTo(200);
			List<Map<String, Object>> items = (List<Map<String, Object>>) answer.json().get("items");
			all.addAll(items);
			if (items.size() < 200) {
				return all;
			}
		}
	}

	/**
	 * Asserts a conformant problem.
	 * @param answer the answer
	 * @param status the expected status
	 * @param code the expected code, or alternatives separated by {@code |}
	 * @return the assertion, for more checks
	 */
	private static ProblemAssert assertProblem(Answer answer, int status, String code) {
		assertThat(answer.status()).as("never a server error: %s", answer.body()).isLessThan(500);
		ProblemAssert problem = assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(status);
		assertThat(answer.json().get("code")).as(answer.body()).isIn((Object[]) code.split("\\|"));
		return problem;
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
	}

	private Answer get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	private Answer post(String path, String body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
	}

	private Answer put(String path) throws IOException, InterruptedException {
		return send(request(path).PUT(BodyPublishers.noBody()));
	}

	private Answer patch(String path, String ifMatch, String body) throws IOException, InterruptedException {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
			.method("PATCH", BodyPublishers.ofString(body));
		if (ifMatch != null) {
			builder.header("If-Match", ifMatch);
		}
		return send(builder);
	}

	private Answer delete(String path, String ifMatch) throws IOException, InterruptedException {
		HttpRequest.Builder builder = request(path).DELETE();
		if (ifMatch != null) {
			builder.header("If-Match", ifMatch);
		}
		return send(builder);
	}

	private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return new Answer(HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8)));
	}

	/**
	 * What the service answered.
	 *
	 * @param response the response
	 */
	record Answer(HttpResponse<String> response) {

		int status() {
			return this.response.statusCode();
		}

		String contentType() {
			return header("Content-Type");
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		String body() {
			return this.response.body();
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.response.body(), Map.class);
		}

	}

	/**
	 * One bad request and the problem it must be answered with.
	 *
	 * @param description what is wrong with it
	 * @param method HTTP method
	 * @param path path and query
	 * @param contentType request content type, or {@code null}
	 * @param ifMatch {@code If-Match} header, or {@code null}
	 * @param accept {@code Accept} header, or {@code null}
	 * @param body request body, or {@code null}
	 * @param status expected status
	 * @param code expected problem code
	 * @param field the field {@code errors[]} must name, or {@code null}
	 */
	record BadInput(String description, String method, String path, String contentType, String ifMatch, String accept,
			String body, int status, String code, String field) {

		static BadInput post(String description, String path, String body, int status, String code, String field) {
			return new BadInput(description, "POST", path, "application/json", null, null, body, status, code, field);
		}

		static BadInput get(String description, String path, int status, String code, String field) {
			return new BadInput(description, "GET", path, null, null, null, null, status, code, field);
		}

		static BadInput put(String description, String path, int status, String code, String field) {
			return new BadInput(description, "PUT", path, null, null, null, null, status, code, field);
		}

		static BadInput patch(String description, String path, String ifMatch, String body, int status, String code,
				String field) {
			return new BadInput(description, "PATCH", path, "application/json", ifMatch, null, body, status, code,
					field);
		}

		static BadInput delete(String description, String path, String ifMatch, int status, String code) {
			return new BadInput(description, "DELETE", path, null, ifMatch, null, null, status, code, null);
		}

		HttpRequest.Builder request(DatasetApiTests tests) {
			HttpRequest.Builder builder = tests.request(this.path)
				.method(this.method,
						(this.body != null) ? BodyPublishers.ofString(this.body) : BodyPublishers.noBody());
			if (this.contentType != null) {
				builder.header("Content-Type", this.contentType);
			}
			if (this.ifMatch != null) {
				builder.header("If-Match", this.ifMatch);
			}
			if (this.accept != null) {
				builder.header("Accept", this.accept);
			}
			return builder;
		}

		@Override
		public String toString() {
			return this.description + " -> " + this.status + " " + this.code
					+ ((this.field != null) ? " (" + this.field + ")" : "");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

}
