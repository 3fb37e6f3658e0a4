package dev.corelake.config.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.corelake.config.property.ScopeKey;
import dev.corelake.config.system.ConfigChanged;
import dev.corelake.config.system.ConfigServiceProperties;
import dev.corelake.config.system.RevisionCounter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Holds the long-poll watches of this replica and completes them when their view gets a
 * newer revision. A waiting watch is a {@link DeferredResult} in a set: no thread waits
 * for it.
 * <p>
 * Writes made on this replica wake the hub right after their commit; writes made on other
 * replicas are found by reading the shared revision counter every
 * {@code corelake.config.watch.poll-interval} (one primary-key read), then the namespaces
 * and profiles changed since the last revision seen. All of it runs on one hub thread,
 * and each changed view is read once per round however many watches wait for it.
 *
 * @author Corelake
 */
@Component
class WatchHub implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WatchHub.class);

	private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	private final RevisionCounter counter;

	private final ViewService views;

	private final ConfigServiceProperties.Watch settings;

	private volatile ScheduledExecutorService hub;

	/**
	 * Guards {@link #seen}; not the lifecycle's monitor, so stopping never waits on a
	 * slow database.
	 */
	private final Object checking = new Object();

	private long seen;

	private final JsonMapper json;

	WatchHub(RevisionCounter counter, ViewService views, ConfigServiceProperties properties, JsonMapper json) {
		this.json = json;
		this.counter = counter;
		this.views = views;
		this.settings = properties.watch();
	}

	/**
	 * Adds a watch; completes it at once when the view is already newer.
	 * @param watch the watch
	 * @return whether it was accepted (false when the hub is full)
	 */
	boolean add(Watch watch) {
		if (this.watches.size() >= this.settings.maxWaiters()) {
			return false;
		}
		watch.result().onCompletion(() -> this.watches.remove(watch));
		this.watches.add(watch);
		// registered before the check, so a write committed in between cannot be missed
		if (this.views.revision(watch.namespace(), watch.profile()) > watch.revision()) {
			View view = this.views.view(watch.namespace(), watch.profile());
			watch.complete(Watch.answer(view, watch.readsSecrets(), this.json));
		}
		return true;
	}

	int size() {
		return this.watches.size();
	}

	@TransactionalEventListener
	void onLocalWrite(ConfigChanged changed) {
		ScheduledExecutorService executor = this.hub;
		if (executor != null) {
			executor.execute(this::check);
		}
	}

	/** One round: find what changed since the last round and answer its watchers. */
	void check() {
		synchronized (this.checking) {
			checkChanges();
		}
	}

	private void checkChanges() {
		try {
			long newest = this.counter.current();
			if (newest <= this.seen) {
				return;
			}
			List<ScopeKey> changed = this.views.changedSince(this.seen);
			this.seen = newest;
			if (changed.isEmpty()) {
				return;
			}
			// each changed view is read and serialized once per round (twice when both
			// readers who may and who may not see secrets wait for it)
			Map<List<String>, View> read = new HashMap<>();
			Map<List<Object>, ResponseEntity<?>> answers = new HashMap<>();
			Function<List<String>, View> reader = (key) -> this.views.view(key.get(0), key.get(1));
			for (Watch watch : this.watches) {
				if (changed.stream().anyMatch(watch::sees)) {
					View view = read.computeIfAbsent(List.of(watch.namespace(), watch.profile()), reader);
					if (view.revision() > watch.revision()) {
						watch.complete(answers.computeIfAbsent(
								List.of(watch.namespace(), watch.profile(), watch.readsSecrets()),
								(key) -> Watch.answer(view, watch.readsSecrets(), this.json)));
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// the database may be briefly unreachable: watches wait for the next round
			logger.warn("Checking for configuration changes failed: " + ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		synchronized (this.checking) {
			this.seen = this.counter.current();
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "config-watch-hub");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
		this.hub = executor;
	}

	/** Answers every waiting watch 304 so clients re-poll (another replica) at once. */
	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.hub;
		this.hub = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.watches.forEach(Watch::expire);
	}

	@Override
	public boolean isRunning() {
		return this.hub != null;
	}

}
