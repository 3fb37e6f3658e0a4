package dev.corelake.compute.job;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import dev.corelake.compute.job.SubmitJobRequest.ExecutorsRequest;
import dev.corelake.compute.job.SubmitJobRequest.Resources;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.errors.CorelakeException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Submissions that ask for Spark Kubernetes executors are checked before anything is
 * stored or asked of the catalog: the Kubernetes runner only, a bounded count, and each
 * executor's memory through the same budget as a job's, refused with the numbers.
 *
 * @author Corelake
 */
class JobServiceExecutorsTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void executorThatCannotFitItsBudgetIsRefusedWithTheNumbers() {
		Fixture fixture = new Fixture(RunnerKind.KUBERNETES);
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fixture.service.submit(profile(new ExecutorsRequest(2, 1, "700m"))))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("JOB_MEMORY_BUDGET_EXCEEDED");
				assertThat(ex.getErrorCode().status()).isEqualTo(HttpStatus.BAD_REQUEST);
				long heap = fixture.budget.split(700 * MIB, 1).heap() / MIB;
				assertThat(ex.getBody().getDetail()).startsWith("Each executor: Asked for 700 MiB")
					.contains("leaves a heap of " + heap + " MiB", "Spark needs at least 512 MiB of heap",
							"ask for at least " + fixture.budget.minimumLimit(1) / MIB + " MiB");
				@SuppressWarnings("unchecked")
				Map<String, Long> budget = (Map<String, Long>) ex.getBody().getProperties().get("budgetMiB");
				assertThat(budget).containsEntry("limit", 700L).containsEntry("heap", heap);
			});
		assertThat(fixture.jobs.countUnfinished()).isZero();
	}

	@Test
	void executorAboveTheJobMaximumIsRefused() {
		Fixture fixture = new Fixture(RunnerKind.KUBERNETES);
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fixture.service.submit(profile(new ExecutorsRequest(2, 1, "32g"))))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("JOB_MEMORY_BUDGET_EXCEEDED");
				assertThat(ex.getBody().getDetail())
					.isEqualTo("Each executor: A job may ask for at most 16384 MiB; asked for 32768 MiB.");
			});
	}

	@Test
	void moreExecutorsThanConfiguredAreRefused() {
		Fixture fixture = new Fixture(RunnerKind.KUBERNETES);
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fixture.service.submit(profile(new ExecutorsRequest(9, 1, "2g"))))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("VALIDATION_FAILED");
				assertThat(ex.getBody().getProperties()).containsEntry("field", "resources.executors.count");
				assertThat(ex.getBody().getDetail()).contains("1 to 8 executors", "asked for 9");
			});
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fixture.service.submit(profile(new ExecutorsRequest(2, 17, "2g"))))
			.satisfies((ex) -> assertThat(ex.getBody().getProperties()).containsEntry("field",
					"resources.executors.cores"));
	}

	@Test
	void executorsNeedTheKubernetesRunner() {
		Fixture fixture = new Fixture(RunnerKind.LOCAL);
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fixture.service.submit(profile(new ExecutorsRequest(2, 1, "2g"))))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("VALIDATION_FAILED");
				assertThat(ex.getBody().getProperties()).containsEntry("field", "resources.executors");
			});
		assertThat(fixture.jobs.countUnfinished()).isZero();
	}

	private static SubmitJobRequest profile(ExecutorsRequest executors) {
		return new SubmitJobRequest(JobKind.PROFILE, null, null, "sales", null, null, new Resources(1, "2g", executors),
				null, null);
	}

	/**
	 * A service with a real job store and budget; the catalog, the lake and Spark are not
	 * needed, as every submission here is refused before they are used.
	 */
	private static final class Fixture {

		final JobRepository jobs;

		final JvmMemoryBudget budget;

		final JobService service;

		Fixture(RunnerKind kind) {
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL("jdbc:h2:mem:executors-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/compute").load().migrate();
			ComputeProperties properties = new Binder(
					new MapConfigurationPropertySource(Map.of("corelake.compute.runner", kind.name().toLowerCase())))
				.bindOrCreate("corelake.compute", Bindable.of(ComputeProperties.class));
			JsonMapper json = JsonMapper.builder().build();
			this.jobs = new JobRepository(JdbcClient.create(dataSource), json, Clock.systemUTC(), properties);
			this.budget = new JvmMemoryBudget(properties.memory());
			JobRunner runner = new JobRunner() {

				@Override
				public RunnerKind kind() {
					return kind;
				}

				@Override
				public long maxJobHeap() {
					return Long.MAX_VALUE;
				}

				@Override
				public void submit(ComputeJob job) {
					throw new AssertionError("nothing may be submitted");
				}

				@Override
				public void cancel(ComputeJob job) {
				}

			};
			this.service = new JobService(this.jobs, runner, null, this.budget, null, new JobAccess(false), properties,
					json, Clock.systemUTC(), null);
		}

	}

}
