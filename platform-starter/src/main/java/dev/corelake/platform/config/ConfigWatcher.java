package dev.corelake.platform.config;

import java.io.IOException;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Long-polls config-service for a newer view on one daemon thread and hands each one to
 * the {@link ConfigApplier}. When config-service does not answer, the service keeps its
 * configuration, shows as degraded, and retries; the first answer after an outage (or
 * after starting from the cache) brings it up to date at once, because the watch answers
 * immediately when a newer revision exists.
 *
 * @author Corelake
 */
class ConfigWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConfigWatcher.class);

	private final ConfigServerClient client;

	private final ConfigClientState state;

	private final ConfigApplier applier;

	private volatile Thread thread;

	ConfigWatcher(ConfigServerClient client, ConfigClientState state, ConfigApplier applier) {
		this.client = client;
		this.state = state;
		this.applier = applier;
	}

	@Override
	public synchronized void start() {
		if (!this.state.settings().watch()) {
			logger.info("corelake.config.client.watch=false: changes in config-service apply at the next start");
			return;
		}
		Thread watcher = new Thread(this::run, "corelake-config-watch");
		watcher.setDaemon(true);
		this.thread = watcher;
		watcher.start();
	}

	@Override
	public synchronized void stop() {
		Thread watcher = this.thread;
		this.thread = null;
		if (watcher != null) {
			watcher.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		// after a cold start from the cache, or an outage, read the view once: the server
		// may have been restored to a lower revision, which a watch would never report
		boolean resync = this.state.source() != ConfigClientState.Source.SERVER;
		while (this.thread == Thread.currentThread()) {
			try {
				if (resync) {
					ConfigSnapshot current = this.client.fetch();
					this.state.reachable();
					resync = false;
					if (current.revision() != this.state.appliedRevision()
							|| this.state.source() != ConfigClientState.Source.SERVER) {
						this.applier.apply(current);
					}
					continue;
				}
				Optional<ConfigSnapshot> newer = this.client.watch(this.state.seenRevision());
				this.state.reachable();
				newer.ifPresent(this.applier::apply);
			}
			catch (IOException | RuntimeException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				resync = true;
				this.state.unreachable(ex.getMessage());
				logger.warn("Watching config-service failed (" + ex.getMessage() + "); retrying in "
						+ this.state.settings().retryDelay().toMillis() + " ms");
				try {
					Thread.sleep(this.state.settings().retryDelay().toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
