package dev.corelake.catalog.lake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the sweeper every {@code corelake.catalog.sweeper.interval}: a report only, unless
 * {@code corelake.catalog.sweeper.delete=true}.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SweeperProperties.class)
class SweeperSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(SweeperSchedule.class);

	private final SweeperProperties properties;

	private final OrphanSweeper sweeper;

	SweeperSchedule(SweeperProperties properties, OrphanSweeper sweeper) {
		this.properties = properties;
		this.sweeper = sweeper;
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
			OrphanReport report = this.properties.delete() ? this.sweeper.sweep() : this.sweeper.report();
			if (!report.orphans().isEmpty()) {
				logger.info("Lake sweeper: {} orphans, {} bytes{}", report.orphans().size(), report.orphanBytes(),
						report.dryRun() ? " (dry run: corelake.catalog.sweeper.delete=false)"
								: ", " + report.removedBytes() + " bytes removed");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Lake sweeper failed; the next run retries: {}", ex.getMessage());
		}
	}

}
