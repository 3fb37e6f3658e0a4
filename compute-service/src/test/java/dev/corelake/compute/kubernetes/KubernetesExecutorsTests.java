package dev.corelake.compute.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.Executors;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.memory.MemoryPlan;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.lake.Lake;
import dev.corelake.platform.test.MutableClock;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.spark.internal.config.ConfigEntry;
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
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spark Kubernetes executors at the spec level, against the fabric8 mock API server in
 * CRUD mode: no real API server (and so no real executor) can run on the build machine,
 * so these tests check what compute-service asks of Kubernetes and of Spark, and create
 * the executor pods Spark's driver would.
 *
 * @author Corelake
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorsTests {

	private static final String NAMESPACE = "corelake-jobs";

	private static final long GIB = 1024L * 1024 * 1024;

	private static final long MIB = 1024L * 1024;

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
		dataSource.setURL("jdbc:h2:mem:k8s-exec-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/compute").load().migrate();
		this.properties = new Binder(new MapConfigurationPropertySource(
				Map.of("corelake.compute.kubernetes.namespace", NAMESPACE, "corelake.compute.runner", "kubernetes",
						"corelake.compute.kubernetes.image", "registry.example/corelake/compute-service:1.2.3")))
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
	void driverPodCarriesTheExecutorConfWithNumbersDerivedFromTheBudget() {
		ComputeJob job = queued(new Executors(3, 2, 4 * GIB));
		this.runner.submit(job);

		Job created = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("corelake-job-" + job.id()).get();
		PodSpec pod = created.getSpec().getTemplate().getSpec();
		assertThat(created.getSpec().getTemplate().getMetadata().getLabels())
			.containsEntry("corelake.dev/spark-driver", "true")
			.containsEntry("app.kubernetes.io/component", "compute-job");
		// the driver manages its executor pods: the driver account, with its token
		assertThat(pod.getServiceAccountName()).isEqualTo("corelake-spark-driver");
		assertThat(pod.getAutomountServiceAccountToken()).isTrue();
		Container container = pod.getContainers().get(0);
		Map<String, String> conf = sparkConf(container.getArgs());
		MemoryPlan executor = this.budget.split(4 * GIB, 2);
		long heapMib = executor.heap() / MIB;
		assertThat(heapMib).isGreaterThan(512).isLessThan(4096);
		assertThat(conf).containsEntry("spark.master", "k8s://https://kubernetes.default.svc")
			.containsEntry("spark.submit.deployMode", "client")
			.containsEntry("spark.kubernetes.namespace", NAMESPACE)
			.containsEntry("spark.kubernetes.container.image", "registry.example/corelake/compute-service:1.2.3")
			.containsEntry("spark.kubernetes.executor.container.image",
					"registry.example/corelake/compute-service:1.2.3")
			.containsEntry("spark.kubernetes.authenticate.executor.serviceAccountName", "corelake-job")
			.containsEntry("spark.kubernetes.authenticate.oauthTokenFile",
					"/var/run/secrets/kubernetes.io/serviceaccount/token")
			.containsEntry("spark.executor.instances", "3")
			.containsEntry("spark.executor.cores", "2")
			.containsEntry("spark.kubernetes.executor.request.cores", "2")
			.containsEntry("spark.kubernetes.executor.limit.cores", "2")
			// requests = limits = heap + overhead = the executor's limit, to the MiB
			.containsEntry("spark.executor.memory", heapMib + "m")
			.containsEntry("spark.executor.memoryOverhead", (4096 - heapMib) + "m")
			.containsEntry("spark.kubernetes.executor.label.app.kubernetes.io/managed-by", "corelake")
			.containsEntry("spark.kubernetes.executor.label.app.kubernetes.io/component", "compute-executor")
			.containsEntry("spark.kubernetes.executor.label.corelake.dev/job-id", job.id())
			.containsEntry("spark.kubernetes.executor.annotation.corelake.dev/owner", "alice")
			.containsEntry("spark.kubernetes.executor.podNamePrefix", "corelake-job-" + job.id())
			.containsEntry("spark.kubernetes.driver.pod.name", "$(POD_NAME)")
			.containsEntry("spark.driver.host", "$(POD_IP)")
			.containsEntry("spark.driver.bindAddress", "0.0.0.0")
			.containsEntry("spark.driver.port", "7078")
			.containsEntry("spark.blockManager.port", "7079")
			.containsEntry("spark.dynamicAllocation.enabled", "false")
			.containsEntry("spark.kubernetes.executor.deleteOnTermination", "true")
			.containsEntry("spark.kubernetes.executor.disableConfigMap", "true");
		// the executor JVM's other flags come from the same split; Spark sets -Xmx itself
		assertThat(conf.get("spark.executor.extraJavaOptions"))
			.contains("-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=128m", "-XX:MaxDirectMemorySize=256m",
					"-XX:+ExitOnOutOfMemoryError", "-Xss" + executor.threadStack() / 1024 + "k")
			.doesNotContain("-Xmx", "-Xms");
		// the downward API gives what the args name; the driver's own heap is its limit's
		assertThat(container.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("POD_IP");
			assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
		}).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("POD_NAME");
			assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
		}).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("JAVA_MEMORY_OPTS");
			assertThat(env.getValue()).contains("-Xmx" + this.budget.split(2 * GIB, 1).heap() / MIB + "m");
		});
		assertThat(container.getPorts()).extracting((port) -> port.getContainerPort()).containsExactly(7078, 7079);
		assertThat(this.jobs.logs(job.id()))
			.anySatisfy((line) -> assertThat(line.message()).contains("3 Kubernetes executor pods of 2 cores"));
		assertThat(this.jobs.find(job.id()).orElseThrow().executors()).isEqualTo(new Executors(3, 2, 4 * GIB));
	}

	@Test
	void theDriverPodsWorkerBindsItsArgsBackToTheSameSparkSettings() {
		ComputeJob job = queued(new Executors(2, 1, 2 * GIB));
		this.runner.submit(job);
		Container container = client.batch()
			.v1()
			.jobs()
			.inNamespace(NAMESPACE)
			.withName("corelake-job-" + job.id())
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		// as the worker's Spring Boot application reads its command line and environment
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(container.getArgs().toArray(String[]::new)));
		Map<String, Object> variables = new LinkedHashMap<>();
		container.getEnv()
			.stream()
			.filter((env) -> env.getValue() != null)
			.forEach((env) -> variables.put(env.getName(), env.getValue()));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		ComputeProperties worker = Binder.get(environment)
			.bindOrCreate("corelake.compute", Bindable.of(ComputeProperties.class));
		assertThat(worker.worker().jobId()).isEqualTo(job.id());
		assertThat(worker.worker().executorPodTemplate()).isEqualTo(JobPodSpecs.executorPodTemplate());
		assertThat(worker.local().spark())
			.isEqualTo(JobPodSpecs.executorConf(job, this.budget.split(2 * GIB, 1), this.properties.kubernetes()));
	}

	@Test
	void everyExecutorSettingIsOneSparkKnows() {
		ComputeJob job = queued(new Executors(2, 1, 2 * GIB));
		Map<String, String> conf = JobPodSpecs.executorConf(job, this.budget.split(2 * GIB, 1),
				this.properties.kubernetes());
		// Spark registers its settings when their holders load: core, SQL and Kubernetes
		org.apache.spark.internal.config.package$.MODULE$.EXECUTOR_MEMORY();
		org.apache.spark.sql.internal.SQLConf$.MODULE$.SHUFFLE_PARTITIONS();
		org.apache.spark.deploy.k8s.Config$.MODULE$.KUBERNETES_NAMESPACE();
		org.apache.spark.deploy.k8s.Config$ k8s = org.apache.spark.deploy.k8s.Config$.MODULE$;
		// names Spark builds from a prefix and a suffix rather than registering
		List<String> built = List.of(
				k8s.KUBERNETES_AUTH_CLIENT_MODE_PREFIX() + "." + k8s.OAUTH_TOKEN_FILE_CONF_SUFFIX(),
				k8s.KUBERNETES_AUTH_CLIENT_MODE_PREFIX() + "." + k8s.CA_CERT_FILE_CONF_SUFFIX());
		assertThat(built).containsExactly("spark.kubernetes.authenticate.oauthTokenFile",
				"spark.kubernetes.authenticate.caCertFile");
		List<String> prefixes = List.of(k8s.KUBERNETES_EXECUTOR_LABEL_PREFIX(),
				k8s.KUBERNETES_EXECUTOR_ANNOTATION_PREFIX());
		assertThat(prefixes).containsExactly("spark.kubernetes.executor.label.",
				"spark.kubernetes.executor.annotation.");
		assertThat(conf.keySet()).allSatisfy((key) -> {
			if (prefixes.stream().noneMatch(key::startsWith) && !built.contains(key) && !key.equals("spark.master")
					&& !key.equals("spark.submit.deployMode")) {
				assertThat(ConfigEntry.findEntry(key)).as(key).isNotNull();
			}
		});
		assertThat(conf).containsKeys("spark.kubernetes.authenticate.executor.serviceAccountName",
				"spark.kubernetes.executor.podTemplateContainerName");
	}

	@Test
	void executorPodTemplateMeetsTheRestrictedProfileAndStartsSparksExecutorBackend() {
		Pod template = Serialization.unmarshal(JobPodSpecs.executorPodTemplate(), Pod.class);
		assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
		assertThat(template.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(template.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		assertThat(template.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		Container executor = template.getSpec().getContainers().get(0);
		assertThat(executor.getName()).isEqualTo("executor");
		assertThat(executor.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(executor.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(executor.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(executor.getVolumeMounts()).extracting((mount) -> mount.getMountPath()).containsExactly("/tmp");
		assertThat(executor.getCommand()).hasSize(3);
		assertThat(executor.getCommand().get(2)).contains(
				"org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend", "--driver-url $SPARK_DRIVER_URL",
				"-Xmx$SPARK_EXECUTOR_MEMORY", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
				"-cp '/app/app.jar:/app/lib/*'");
		// the class the command starts is on this classpath, as it is in the image
		assertThat(org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend.class).isNotNull();

		// the driver pod hands the template to its worker, which writes it for Spark
		ComputeJob job = queued(new Executors(1, 1, 2 * GIB));
		this.runner.submit(job);
		Container driver = client.batch()
			.v1()
			.jobs()
			.inNamespace(NAMESPACE)
			.withName("corelake-job-" + job.id())
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		assertThat(driver.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("CORELAKE_COMPUTE_WORKER_EXECUTORPODTEMPLATE");
			assertThat(env.getValue()).isEqualTo(JobPodSpecs.executorPodTemplate());
		});
	}

	@Test
	void jobWithoutExecutorsKeepsItsTokenlessLocalPod() {
		ComputeJob job = queued(null);
		this.runner.submit(job);
		PodSpec pod = client.batch()
			.v1()
			.jobs()
			.inNamespace(NAMESPACE)
			.withName("corelake-job-" + job.id())
			.get()
			.getSpec()
			.getTemplate()
			.getSpec();
		assertThat(pod.getServiceAccountName()).isEqualTo("corelake-job");
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getContainers().get(0).getArgs())
			.containsExactly("--corelake.compute.worker.job-id=" + job.id());
	}

	@Test
	void cancelDeletesTheExecutorPodsAndLeavesOtherJobsExecutors() {
		ComputeJob job = queued(new Executors(2, 1, 2 * GIB));
		ComputeJob other = queued(new Executors(1, 1, 2 * GIB));
		this.runner.submit(job);
		this.runner.submit(other);
		create(driverPod(job.id(), "Running"));
		create(executorPod(job.id(), 1, "Running"));
		create(executorPod(job.id(), 2, "Running"));
		create(driverPod(other.id(), "Running"));
		create(executorPod(other.id(), 1, "Running"));
		this.jobs.start(job.id());
		this.jobs.start(other.id());

		this.jobs.requestCancel(job.id());
		this.runner.cancel(this.jobs.find(job.id()).orElseThrow());

		assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
			.extracting((pod) -> pod.getMetadata().getName())
			.containsExactlyInAnyOrder("corelake-job-" + other.id() + "-abcde",
					"corelake-job-" + other.id() + "-exec-1");
		assertThat(this.jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
		assertThat(this.jobs.find(other.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void reaperDeletesExecutorPodsOfFinishedOrMissingJobsAndNeverALiveJobs() throws Exception {
		ComputeJob live = queued(new Executors(2, 1, 2 * GIB));
		this.jobs.start(live.id());
		ComputeJob finished = queued(new Executors(2, 1, 2 * GIB));
		this.jobs.start(finished.id());
		this.jobs.transition(finished.id(), Set.of(JobState.RUNNING), JobState.FAILED, "X", "x");
		String missing = UUID.randomUUID().toString();
		create(executorPod(live.id(), 1, "Running"));
		create(executorPod(live.id(), 2, "Pending"));
		create(executorPod(finished.id(), 1, "Running"));
		create(executorPod(missing, 1, "Running"));
		this.clock.advance(Duration.ofMinutes(10));
		try (Lake lake = Lake.open(this.lakeDir.toUri(), Map.of(), this.clock)) {
			ComputeReaper reaper = new ComputeReaper(client, lake, this.jobs, this.properties, Duration.ofMinutes(2),
					this.clock, this.meters, null);
			ComputeReaper.Result result = reaper.sweep();

			assertThat(result.executorPods()).isEqualTo(2);
			assertThat(result.pods()).isZero();
			assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
				.extracting((pod) -> pod.getMetadata().getName())
				.containsExactlyInAnyOrder("corelake-job-" + live.id() + "-exec-1",
						"corelake-job-" + live.id() + "-exec-2");
			assertThat(this.meters.counter("corelake.compute.reaper.deleted", "kind", "executor-pod").count())
				.isEqualTo(2);
			// a second sweep finds nothing more
			assertThat(reaper.sweep().executorPods()).isZero();
		}
	}

	@Test
	void aFailedExecutorPodDoesNotFailTheJobItsDriverPodDoes() {
		this.runner.start();
		ComputeJob job = queued(new Executors(2, 1, 2 * GIB));
		this.runner.submit(job);
		this.jobs.start(job.id());
		create(executorPod(job.id(), 1, "Failed"));
		create(driverPod(job.id(), "Failed"));
		ComputeJob failed = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(job.id()).orElseThrow(), (current) -> current.state() == JobState.FAILED);
		assertThat(failed.error()).contains("corelake-job-" + job.id() + "-abcde").doesNotContain("exec-1");
	}

	private ComputeJob queued(Executors executors) {
		ComputeJob job = new ComputeJob(UUID.randomUUID().toString(), JobKind.SQL, "alice", JobState.QUEUED,
				RunnerKind.KUBERNETES, "select 1 as one", "out", null, null, List.of(), 1, 2 * GIB, 600, 0, 0, false,
				JobProgress.NONE, null, null, null, null, this.clock.instant(), null, null, this.clock.instant(),
				executors);
		this.jobs.insert(job);
		return job;
	}

	private static void create(Pod pod) {
		client.pods().inNamespace(NAMESPACE).resource(pod).create();
	}

	private static Pod driverPod(String id, String phase) {
		return new PodBuilder().withNewMetadata()
			.withName("corelake-job-" + id + "-abcde")
			.withLabels(Map.of("app.kubernetes.io/managed-by", "corelake", "app.kubernetes.io/component", "compute-job",
					"corelake.dev/job-id", id))
			.endMetadata()
			.withNewStatus()
			.withPhase(phase)
			.endStatus()
			.build();
	}

	/** An executor pod as Spark's driver creates it with the conf above. */
	private static Pod executorPod(String id, int n, String phase) {
		return new PodBuilder().withNewMetadata()
			.withName("corelake-job-" + id + "-exec-" + n)
			.withLabels(Map.of("app.kubernetes.io/managed-by", "corelake", "app.kubernetes.io/component",
					"compute-executor", "corelake.dev/job-id", id, "spark-role", "executor", "spark-exec-id",
					Integer.toString(n)))
			.addNewOwnerReference()
			.withApiVersion("v1")
			.withKind("Pod")
			.withName("corelake-job-" + id + "-abcde")
			.withUid(UUID.randomUUID().toString())
			.withController(true)
			.endOwnerReference()
			.endMetadata()
			.withNewStatus()
			.withPhase(phase)
			.endStatus()
			.build();
	}

	private static Map<String, String> sparkConf(List<String> args) {
		Map<String, String> conf = new LinkedHashMap<>();
		String prefix = "--corelake.compute.local.spark[";
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				int end = arg.indexOf("]=");
				conf.put(arg.substring(prefix.length(), end), arg.substring(end + 2));
			}
		}
		return conf;
	}

}
