package dev.corelake.compute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.compute.catalog.CatalogClient;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.kubernetes.ComputeReaper;
import dev.corelake.compute.kubernetes.KubernetesJobRunner;
import dev.corelake.compute.kubernetes.PodWorker;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.run.CommitRecovery;
import dev.corelake.compute.run.JobAttempt;
import dev.corelake.compute.run.LocalSparkJobRunner;
import dev.corelake.compute.spark.JobProgressListener;
import dev.corelake.compute.spark.SharedSpark;
import dev.corelake.compute.spark.SparkJobExecution;
import dev.corelake.compute.sql.SqlGuard;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.lake.Lake;
import dev.corelake.lake.LakeProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.spark.sql.SparkSession;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of compute-service: the shared SparkSession (acquired for this context, released
 * when it closes), the SQL guard, the memory budget, the attempt runner and the runner of
 * the configured kind. A job pod (worker mode, no web server) gets only what running its
 * one job needs.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComputeProperties.class)
class ComputeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "")
	SparkSession sparkSession(ComputeProperties properties, LakeProperties lake) {
		Map<String, String> settings = new LinkedHashMap<>();
		// the lake's Hadoop settings apply to Spark's file system access too
		lake.hadoop().forEach((key, value) -> settings.put("spark.hadoop." + key, value));
		settings.putAll(properties.local().spark());
		String template = properties.worker().executorPodTemplate();
		if (template != null && !template.isBlank()) {
			// a job pod whose driver runs Kubernetes executors (JobPodSpecs): Spark reads
			// the executor pod template from a file
			settings.put("spark.kubernetes.executor.podTemplateFile", executorPodTemplate(template));
		}
		return SharedSpark.acquire(properties.local().cores(), settings);
	}

	private static String executorPodTemplate(String yaml) {
		try {
			Path file = Files.createTempFile("corelake-executor-pod", ".yaml");
			Files.writeString(file, yaml, StandardCharsets.UTF_8);
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the executor pod template", ex);
		}
	}

	@Bean
	SparkRelease sparkRelease(SparkSession session) {
		return new SparkRelease();
	}

	@Bean(destroyMethod = "")
	JobProgressListener jobProgressListener(SparkSession session) {
		JobProgressListener listener = new JobProgressListener();
		session.sparkContext().addSparkListener(listener);
		return listener;
	}

	@Bean
	ListenerRemoval listenerRemoval(SparkSession session, JobProgressListener listener) {
		return new ListenerRemoval(session, listener);
	}

	@Bean
	SqlGuard sqlGuard(SparkSession session) {
		return new SqlGuard(session);
	}

	@Bean
	JvmMemoryBudget jvmMemoryBudget(ComputeProperties properties) {
		return new JvmMemoryBudget(properties.memory());
	}

	@Bean
	SparkJobExecution sparkJobExecution(SparkSession session, JobProgressListener listener) {
		return new SparkJobExecution(session, listener);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService computeTimer() {
		AtomicInteger threads = new AtomicInteger();
		return Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "corelake-compute-timer-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	JobAttempt jobAttempt(JobRepository jobs, SparkJobExecution spark, Lake lake, CatalogClient catalog,
			JsonMapper json, ScheduledExecutorService computeTimer, LakeProperties lakeProperties) {
		return new JobAttempt(jobs, spark, lake, catalog, json, computeTimer, lakeProperties.stagingLeaseTtl());
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnProperty(name = "corelake.compute.runner", havingValue = "local", matchIfMissing = true)
	LocalSparkJobRunner localSparkJobRunner(JobRepository jobs, JobAttempt attempt, SparkSession session,
			JobProgressListener listener, JvmMemoryBudget budget, ComputeProperties properties,
			ScheduledExecutorService computeTimer, MeterRegistry meters) {
		return new LocalSparkJobRunner(jobs, attempt, session.sparkContext(), listener, budget, properties,
				computeTimer, meters);
	}

	@Bean
	@ConditionalOnWebApplication
	CommitRecovery commitRecovery(JobRepository jobs, JobAttempt attempt, ScheduledExecutorService computeTimer,
			ComputeProperties properties) {
		return new CommitRecovery(jobs, attempt, computeTimer, properties.jobs().commitRetryInterval().toMillis());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "corelake.compute.runner", havingValue = "kubernetes")
	@ConditionalOnMissingBean
	KubernetesClient kubernetesClient() {
		// in-cluster: the service account's token and the API server from the environment
		return new KubernetesClientBuilder().build();
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnProperty(name = "corelake.compute.runner", havingValue = "kubernetes")
	KubernetesJobRunner kubernetesJobRunner(KubernetesClient client, JobRepository jobs, JvmMemoryBudget budget,
			ComputeProperties properties, MeterRegistry meters) {
		return new KubernetesJobRunner(client, jobs, budget, properties, meters);
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnProperty(name = "corelake.compute.reaper.enabled", havingValue = "true", matchIfMissing = true)
	ComputeReaper computeReaper(ObjectProvider<KubernetesClient> client, Lake lake, JobRepository jobs,
			ComputeProperties properties, LakeProperties lakeProperties, Clock clock, MeterRegistry meters,
			ScheduledExecutorService computeTimer) {
		return new ComputeReaper(client.getIfAvailable(), lake, jobs, properties, lakeProperties.stagingLeaseTtl(),
				clock, meters, computeTimer);
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnProperty(name = "corelake.compute.worker.job-id")
	PodWorker podWorker(ComputeProperties properties, JobAttempt attempt, JobRepository jobs, SparkSession session,
			JobProgressListener listener, ScheduledExecutorService computeTimer) {
		return new PodWorker(properties.worker().jobId(), attempt, jobs, session, listener, computeTimer);
	}

	/** Gives the shared session back when this context closes. */
	static final class SparkRelease implements org.springframework.beans.factory.DisposableBean {

		@Override
		public void destroy() {
			SharedSpark.release();
		}

	}

	/** Unregisters this context's listener from the shared Spark context. */
	static final class ListenerRemoval implements org.springframework.beans.factory.DisposableBean {

		private final SparkSession session;

		private final JobProgressListener listener;

		ListenerRemoval(SparkSession session, JobProgressListener listener) {
			this.session = session;
			this.listener = listener;
		}

		@Override
		public void destroy() {
			if (!this.session.sparkContext().isStopped()) {
				this.session.sparkContext().removeSparkListener(this.listener);
			}
		}

	}

}
