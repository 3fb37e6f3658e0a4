package dev.corelake.catalog.version;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs retention every {@code corelake.catalog.retention.interval}. Every replica runs
 * it; expiring is a conditional update, so each version is expired once.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(RetentionSchedule.class);

	private final RetentionProperties properties;

	private final RetentionExecutor executor;

	RetentionSchedule(RetentionProperties properties, RetentionExecutor executor) {
		this.properties = properties;
		this.executor = executor;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.properties.enabled()) {
			registrar.addFixedDelayTask(
					new FixedDelayTask(this::run, this.properties.interval(), this.properties.initialDelay()));
		}
	}

	void run() {
		try {
			this.executor.applyAll()
				.forEach((result) -> logger.info("Retention: dataset '{}' expired {}, retried {}", result.dataset(),
						result.expired(), result.retried()));
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled retention failed; the next run retries", ex);
		}
	}

}
