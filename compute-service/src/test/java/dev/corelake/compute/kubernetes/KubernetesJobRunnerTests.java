package dev.corelake.compute.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.ml.ModelCards;
import dev.corelake.compute.ml.PredictionSpec;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.lake.Lake;
import dev.corelake.platform.test.MutableClock;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes runner and the reaper against the fabric8 mock API server in CRUD mode
 * (no real cluster can run here; the mock stores objects but runs no controllers, so the
 * tests create and update the pods a Job controller and kubelet would).
 *
 * @author Corelake
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobRunnerTests {

	private static final String NAMESPACE = "corelake";

	private static final long GIB = 1024L * 1024 * 1024;

	static KubernetesClient client;

	@TempDir
	Path lakeDir;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ComputeProperties properties;

	private JobRepository jobs;

	private JvmMemoryBudget budget;

	private KubernetesJobRunner runner;

	@BeforeEach
	void setUp() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(
				"jdbc:h2:mem:k8s-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/compute").load().migrate();
		this.properties = new Binder(new MapConfigurationPropertySource(
				Map.of("corelake.compute.kubernetes.namespace", NAMESPACE, "corelake.compute.runner", "kubernetes")))
			.bindOrCreate("corelake.compute", Bindable.of(ComputeProperties.class));
		this.jobs = new JobRepository(JdbcClient.create(dataSource), JsonMapper.builder().build(), this.clock,
				this.properties);
		this.budget = new JvmMemoryBudget(this.properties.memory());
		this.runner = new KubernetesJobRunner(client, this.jobs, this.budget, this.properties, this.meters);
	}

	@AfterEach
	void tearDown() {
		this.runner.stop();
		client.batch().v1().jobs().inNamespace(NAMESPACE).delete();
		client.pods().inNamespace(NAMESPACE).delete();
	}

	@Test
	void jobSpecHasLimitsDerivedHeapLabelsTtlDeadlineAndSecurity() {
		ComputeJob job = queued(2 * GIB, 2, 600);
		this.runner.submit(job);

		Job created = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("corelake-job-" + job.id()).get();
		assertThat(created.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "corelake")
			.containsEntry("app.kubernetes.io/component", "compute-job")
			.containsEntry("corelake.dev/job-id", job.id());
		assertThat(created.getMetadata().getAnnotations()).containsEntry("corelake.dev/owner", "alice");
		assertThat(created.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
		assertThat(created.getSpec().getActiveDeadlineSeconds()).isEqualTo(600 + 300);
		assertThat(created.getSpec().getBackoffLimit()).isZero();
		PodSpec pod = created.getSpec().getTemplate().getSpec();
		assertThat(created.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("corelake.dev/job-id",
				job.id());
		assertThat(pod.getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getServiceAccountName()).isEqualTo("corelake-job");
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		Container container = pod.getContainers().get(0);
		assertThat(container.getArgs()).containsExactly("--corelake.compute.worker.job-id=" + job.id());
		assertThat(container.getResources().getLimits().get("memory").getNumericalAmount().longValue())
			.isEqualTo(2 * GIB);
		assertThat(container.getResources().getLimits().get("cpu").getAmount()).isEqualTo("2");
		assertThat(container.getResources().getRequests()).isEqualTo(container.getResources().getLimits());
		long heapMiB = this.budget.split(2 * GIB, 2).heap() / (1024 * 1024);
		assertThat(container.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("JAVA_MEMORY_OPTS");
			assertThat(env.getValue()).contains("-Xmx" + heapMiB + "m", "-XX:MaxMetaspaceSize=256m",
					"-XX:MaxDirectMemorySize=256m", "-XX:ReservedCodeCacheSize=128m");
		});
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
		assertThat(this.jobs.logs(job.id())).anySatisfy((line) -> assertThat(line.message()).contains("created"));

		// submitting again (a restart) creates nothing new
		this.runner.submit(job);
		assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
	}

	@Test
	void podKilledForMemoryFailsTheJobWithTheReason() {
		this.runner.start();
		ComputeJob job = queued(2 * GIB, 1, 600);
		this.runner.submit(job);
		Pod pod = client.pods().inNamespace(NAMESPACE).resource(podOf(job, "Pending", null)).create();
		assertThat(this.jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
		this.jobs.start(job.id());
		client.pods()
			.inNamespace(NAMESPACE)
			.resource(new PodBuilder(pod).editStatus()
				.withPhase("Failed")
				.addNewContainerStatus()
				.withName("compute")
				.withNewState()
				.withNewTerminated()
				.withReason("OOMKilled")
				.withExitCode(137)
				.endTerminated()
				.endState()
				.endContainerStatus()
				.endStatus()
				.build())
			.updateStatus();
		ComputeJob failed = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(job.id()).orElseThrow(), (current) -> current.state() == JobState.FAILED);
		assertThat(failed.errorCode()).isEqualTo("POD_FAILED");
		assertThat(failed.error()).contains("OOMKilled", "exit code 137");
	}

	@Test
	void podPastItsDeadlineTimesTheJobOut() {
		this.runner.start();
		ComputeJob job = queued(2 * GIB, 1, 60);
		this.runner.submit(job);
		this.jobs.start(job.id());
		client.pods().inNamespace(NAMESPACE).resource(podOf(job, "Failed", "DeadlineExceeded")).create();
		ComputeJob timedOut = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(job.id()).orElseThrow(), (current) -> current.state() == JobState.TIMED_OUT);
		assertThat(timedOut.errorCode()).isEqualTo("TIMED_OUT");
	}

	@Test
	void podOfAFinishedJobChangesNothing() {
		ComputeJob job = queued(2 * GIB, 1, 60);
		this.jobs.start(job.id());
		this.jobs.transition(job.id(), Set.of(JobState.RUNNING), JobState.SUCCEEDED, null, null);
		this.runner.onPod(podOf(job, "Failed", null));
		assertThat(this.jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
	}

	@Test
	void cancelDeletesTheJobAndItsPods() {
		ComputeJob job = queued(2 * GIB, 1, 600);
		this.runner.submit(job);
		client.pods().inNamespace(NAMESPACE).resource(podOf(job, "Running", null)).create();
		this.jobs.start(job.id());
		this.jobs.requestCancel(job.id());
		this.runner.cancel(this.jobs.find(job.id()).orElseThrow());
		assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems()).isEmpty();
		assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
		assertThat(this.jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void reaperRemovesOrphansAndNeverALiveJob() throws Exception {
		ComputeJob running = queued(2 * GIB, 1, 600);
		this.jobs.start(running.id());
		this.jobs.transition(running.id(), Set.of(JobState.RUNNING), JobState.QUEUED, null, null);
		this.jobs.start(running.id());
		ComputeJob finished = queued(2 * GIB, 1, 600);
		this.jobs.start(finished.id());
		this.jobs.transition(finished.id(), Set.of(JobState.RUNNING), JobState.FAILED, "X", "x");
		ComputeJob justFinished = queued(2 * GIB, 1, 600);
		String missing = UUID.randomUUID().toString();
		for (String id : List.of(running.id(), finished.id(), missing)) {
			client.batch().v1().jobs().inNamespace(NAMESPACE).resource(kubernetesJob(id)).create();
			client.pods().inNamespace(NAMESPACE).resource(podOf(id, "Running", null)).create();
		}
		try (Lake lake = Lake.open(this.lakeDir.toUri(), Map.of(), this.clock)) {
			lake.stage("compute", running.id() + "-2");
			lake.stage("compute", running.id() + "-1");
			lake.stage("compute", finished.id() + "-1");
			lake.stage("compute", missing + "-1");
			lake.stage("sync", missing + "-1");
			this.clock.advance(Duration.ofMinutes(10));
			this.jobs.start(justFinished.id());
			this.jobs.transition(justFinished.id(), Set.of(JobState.RUNNING), JobState.CANCELLED, "CANCELLED", "c");
			lake.stage("compute", justFinished.id() + "-1");
			client.batch().v1().jobs().inNamespace(NAMESPACE).resource(kubernetesJob(justFinished.id())).create();

			ComputeReaper reaper = new ComputeReaper(client, lake, this.jobs, this.properties, Duration.ofMinutes(2),
					this.clock, this.meters, null);
			ComputeReaper.Result result = reaper.sweep();

			assertThat(result.jobs()).isEqualTo(2);
			assertThat(result.pods()).isEqualTo(2);
			assertThat(result.stagingAreas()).isEqualTo(3);
			assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems())
				.extracting((job) -> job.getMetadata().getLabels().get("corelake.dev/job-id"))
				.containsExactlyInAnyOrder(running.id(), justFinished.id());
			assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
				.extracting((pod) -> pod.getMetadata().getLabels().get("corelake.dev/job-id"))
				.containsExactly(running.id());
			assertThat(lake.stagingAreas()).extracting((area) -> area.owner() + "/" + area.runId())
				.containsExactlyInAnyOrder("compute/" + running.id() + "-2", "compute/" + justFinished.id() + "-1",
						"sync/" + missing + "-1");
			assertThat(this.meters.counter("corelake.compute.reaper.deleted", "kind", "staging").count()).isEqualTo(3);
		}
	}

	@Test
	void trainJobRunsInAPodThatReadsItsTrainingFromTheRecord() {
		TrainingSpec training = new TrainingSpec("churn", "logistic_regression", List.of("age", "plan"), "churned",
				Map.of("maxIter", 50, "regParam", 0.01), 0.2, 42L);
		ComputeJob job = new ComputeJob(UUID.randomUUID().toString(), JobKind.TRAIN, "alice", JobState.QUEUED,
				RunnerKind.KUBERNETES, null, "model-churn", training, null,
				List.of(new ResolvedInput("customers@3", "customers", 3, "file:/lake/datasets/customers/v3",
						"PARQUET")),
				1, 2 * GIB, 600, 1, 0, false, JobProgress.NONE, null, null, null, null, this.clock.instant(), null,
				null, this.clock.instant());
		this.jobs.insert(job);
		this.runner.submit(job);

		Job created = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("corelake-job-" + job.id()).get();
		assertThat(created.getMetadata().getLabels()).containsEntry("corelake.dev/job-kind", "train");
		assertThat(created.getMetadata().getAnnotations()).containsEntry("corelake.dev/job-kind", "train")
			.containsEntry("corelake.dev/job-id", job.id());
		Container container = created.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getArgs()).containsExactly("--corelake.compute.worker.job-id=" + job.id());
		assertThat(container.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("CORELAKE_COMPUTE_WORKER_JOB_ID");
			assertThat(env.getValue()).isEqualTo(job.id());
		});
		// what the pod runs is the stored record, training included
		ComputeJob stored = this.jobs.find(job.id()).orElseThrow();
		assertThat(stored.kind()).isEqualTo(JobKind.TRAIN);
		assertThat(stored.training()).isEqualTo(training);
		assertThat(stored.output()).isEqualTo("model-churn");
		assertThat(stored.prediction()).isNull();

		PredictionSpec prediction = new PredictionSpec("churn", 2,
				List.of(new ModelCards.Feature("age", "int"), new ModelCards.Feature("plan", "string")));
		ComputeJob predict = new ComputeJob(UUID.randomUUID().toString(), JobKind.PREDICT, "alice", JobState.QUEUED,
				RunnerKind.KUBERNETES, null, "scores", null, prediction, List.of(), 1, 2 * GIB, 600, 0, 0, false,
				JobProgress.NONE, null, null, null, null, this.clock.instant(), null, null, this.clock.instant());
		this.jobs.insert(predict);
		this.runner.submit(predict);
		assertThat(client.batch()
			.v1()
			.jobs()
			.inNamespace(NAMESPACE)
			.withName("corelake-job-" + predict.id())
			.get()
			.getMetadata()
			.getLabels()).containsEntry("corelake.dev/job-kind", "predict");
		assertThat(this.jobs.find(predict.id()).orElseThrow().prediction()).isEqualTo(prediction);
	}

	private ComputeJob queued(long memory, int cores, int timeoutSeconds) {
		ComputeJob job = new ComputeJob(UUID.randomUUID().toString(), JobKind.SQL, "alice", JobState.QUEUED,
				RunnerKind.KUBERNETES, "select 1 as one", "out", null, null, List.of(), cores, memory, timeoutSeconds,
				0, 0, false, JobProgress.NONE, null, null, null, null, this.clock.instant(), null, null,
				this.clock.instant());
		this.jobs.insert(job);
		return job;
	}

	private static Job kubernetesJob(String id) {
		return new JobBuilder().withNewMetadata()
			.withName("corelake-job-" + id)
			.withLabels(Map.of("app.kubernetes.io/managed-by", "corelake", "app.kubernetes.io/component", "compute-job",
					"corelake.dev/job-id", id))
			.endMetadata()
			.build();
	}

	private static Pod podOf(ComputeJob job, String phase, String reason) {
		return podOf(job.id(), phase, reason);
	}

	private static Pod podOf(String id, String phase, String reason) {
		return new PodBuilder().withNewMetadata()
			.withName("corelake-job-" + id + "-abcde")
			.withLabels(Map.of("app.kubernetes.io/managed-by", "corelake", "app.kubernetes.io/component", "compute-job",
					"corelake.dev/job-id", id))
			.endMetadata()
			.withNewStatus()
			.withPhase(phase)
			.withReason(reason)
			.endStatus()
			.build();
	}

}
