package dev.corelake.model.training;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.corelake.model.system.ModelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings unfinished training runs up to date from compute-service in the background, so a
 * run finishes (and its version is registered) even when nobody reads it.
 *
 * @author Corelake
 */
@Component
class TrainingPoller implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TrainingPoller.class);

	/** Most runs one pass refreshes. */
	static final int BATCH = 100;

	private final TrainingService service;

	private final long intervalMillis;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "corelake-model-training-poller");
		thread.setDaemon(true);
		return thread;
	});

	TrainingPoller(TrainingService service, ModelProperties properties) {
		this.service = service;
		this.intervalMillis = properties.training().pollInterval().toMillis();
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.intervalMillis > 0) {
			this.timer.scheduleWithFixedDelay(this::poll, this.intervalMillis, this.intervalMillis,
					TimeUnit.MILLISECONDS);
		}
	}

	void poll() {
		try {
			this.service.refreshUnfinished(BATCH);
		}
		catch (RuntimeException ex) {
			logger.warn("Training runs not refreshed: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
