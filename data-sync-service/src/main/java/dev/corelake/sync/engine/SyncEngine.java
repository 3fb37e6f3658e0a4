package dev.corelake.sync.engine;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.corelake.lake.Lake;
import dev.corelake.sync.format.ParquetPartWriter;
import dev.corelake.sync.job.Job;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.run.Run;
import dev.corelake.sync.run.RunQueuedEvent;
import dev.corelake.sync.run.RunRepository;
import dev.corelake.sync.run.RunState;
import dev.corelake.sync.schedule.JobScheduler;
import dev.corelake.sync.source.SourceRepository;
import dev.corelake.sync.system.RunProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The executing side of the service. Every poll interval (and at once when a run is
 * queued) it fires due schedules, admits queued runs — and running runs whose instance
 * died — within the limits (overall and per source, counted in the shared database under
 * a row lock, so they hold across replicas; none while the heap is under pressure), and
 * retries due catalog registrations. A heartbeat extends this instance's leases, stores
 * progress and notices cancels; an instance that finds its lease gone stops that run
 * (another holds it). On shutdown the leases are released so the runs resume at once
 * elsewhere, or here after a restart.
 *
 * @author Corelake
 */
public class SyncEngine implements SmartLifecycle, RunWorker.Engine {

	private static final Log logger = LogFactory.getLog(SyncEngine.class);

	private final RunRepository runs;

	private final JobRepository jobs;

	private final SourceRepository sources;

	private final Lake lake;

	private final JdbcPuller jdbc;

	private final FilePuller files;

	private final HeapPressure heap;

	private final RunProperties properties;

	private final ParquetPartWriter.Settings parquet;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final JobScheduler scheduler;

	private final RunLog log;

	private final dev.corelake.sync.catalog.CatalogClient catalog;

	private volatile Committer committer;

	private volatile String instance;

	private final Map<Long, ActiveRun> active = new ConcurrentHashMap<>();

	private final AtomicBoolean ticking = new AtomicBoolean();

	private volatile ScheduledExecutorService timer;

	private volatile ExecutorService workers;

	private volatile ExecutorService committing;

	private volatile boolean running;

	SyncEngine(Parts parts) {
		this.runs = parts.runs();
		this.jobs = parts.jobs();
		this.sources = parts.sources();
		this.lake = parts.lake();
		this.jdbc = parts.jdbc();
		this.files = parts.files();
		this.heap = parts.heap();
		this.properties = parts.properties();
		this.parquet = parts.parquet();
		this.json = parts.json();
		this.clock = parts.clock();
		this.transactions = parts.transactions();
		this.scheduler = parts.scheduler();
		this.catalog = parts.catalog();
		this.log = new RunLog(this.runs, this.clock, this.properties.logLines());
		Gauge.builder("corelake.sync.runs.active", this.active, Map::size)
			.description("Runs this instance is executing")
			.register(parts.registry());
	}

	/**
	 * What the engine is made of.
	 *
	 * @param runs runs
	 * @param jobs jobs
	 * @param sources sources
	 * @param lake the lake
	 * @param jdbc the JDBC puller
	 * @param files the file puller
	 * @param heap back-pressure
	 * @param properties run settings
	 * @param parquet Parquet settings
	 * @param json JSON
	 * @param clock the clock
	 * @param transactions transactions
	 * @param scheduler the schedule firer
	 * @param catalog the catalog client
	 * @param registry metrics
	 */
	record Parts(RunRepository runs, JobRepository jobs, SourceRepository sources, Lake lake, JdbcPuller jdbc,
			FilePuller files, HeapPressure heap, RunProperties properties, ParquetPartWriter.Settings parquet,
			JsonMapper json, Clock clock, TransactionTemplate transactions, JobScheduler scheduler,
			dev.corelake.sync.catalog.CatalogClient catalog, MeterRegistry registry) {
	}

	private static String instanceName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "sync";
		}
		String name = host.replaceAll("[^A-Za-z0-9.-]", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
		return (name.length() > 64) ? name.substring(name.length() - 64) : name;
	}

	@Override
	public void start() {
		// a new name for every start, as a restarted process would have
		this.instance = instanceName();
		this.committer = new Committer(this.runs, this.jobs, this.sources, this.lake, this.catalog, this.transactions,
				this.json, this.clock, this.log, this.properties, this.instance);
		this.workers = Executors.newFixedThreadPool(this.properties.workerThreads(), daemon("sync-run"));
		this.committing = Executors.newSingleThreadExecutor(daemon("sync-commit"));
		this.timer = Executors.newScheduledThreadPool(2, daemon("sync-timer"));
		this.running = true;
		if (this.properties.autoStart()) {
			long poll = this.properties.pollInterval().toMillis();
			this.timer.scheduleWithFixedDelay(this::tick, 0, poll, TimeUnit.MILLISECONDS);
			long beat = Math.max(100, this.properties.leaseTtl().toMillis() / 3);
			this.timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
		}
		logger.info("Sync engine started as instance " + this.instance);
	}

	@Override
	public void stop() {
		this.running = false;
		this.active.values().forEach((run) -> run.stopping = true);
		shutdown(Duration.ofSeconds(15));
		int released = this.runs.release(this.instance, this.clock.instant());
		if (released > 0) {
			logger.info("Released " + released + " running run(s) to be resumed from their checkpoints");
		}
	}

	/**
	 * Stops as abruptly as a killed process would, for tests: the runs stay held by this
	 * instance until their leases pass, and nothing is cleaned.
	 */
	public void crash() {
		this.running = false;
		this.active.values().forEach((run) -> {
			run.stopping = true;
			Thread thread = run.thread;
			if (thread != null) {
				thread.interrupt();
			}
		});
		shutdown(Duration.ofSeconds(10));
	}

	private void shutdown(Duration wait) {
		ScheduledExecutorService currentTimer = this.timer;
		if (currentTimer != null) {
			currentTimer.shutdownNow();
		}
		for (ExecutorService executor : new ExecutorService[] { this.workers, this.committing }) {
			if (executor == null) {
				continue;
			}
			executor.shutdown();
			try {
				if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
					executor.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				executor.shutdownNow();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stops before the web server and the data source
		return Integer.MAX_VALUE - 1000;
	}

	/**
	 * Looks for work at once when a run is queued (after its transaction commits).
	 * @param event the event
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	public void onQueued(RunQueuedEvent event) {
		ScheduledExecutorService currentTimer = this.timer;
		if (this.running && this.properties.autoStart() && currentTimer != null) {
			currentTimer.execute(this::tick);
		}
	}

	/**
	 * One round: schedules, admissions, due registrations.
	 */
	public void tick() {
		if (!this.running || !this.ticking.compareAndSet(false, true)) {
			return;
		}
		try {
			this.scheduler.fireDue();
			admit();
			retryCommits();
		}
		catch (RuntimeException ex) {
			logger.warn("Sync engine round failed: " + ex.getMessage(), ex);
		}
		finally {
			this.ticking.set(false);
		}
	}

	private void admit() {
		int free = this.properties.workerThreads() - this.active.size();
		if (free <= 0) {
			return;
		}
		if (this.heap.pressured()) {
			logger.debug("Heap under pressure: no run admitted this round");
			return;
		}
		List<Long> claimed = this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			List<Long> ids = new ArrayList<>();
			List<Run> candidates = this.runs.startable(now, 50);
			if (candidates.isEmpty()) {
				return ids;
			}
			this.runs.lockAdmission();
			Map<Long, Integer> perSource = this.runs.runningPerSource(now);
			int total = perSource.values().stream().mapToInt(Integer::intValue).sum();
			// this instance's own runs whose lease lapsed while the heartbeat was held up
			// (a loaded machine) are alive: the query above does not count them, yet they
			// hold their source's and the instance's slots
			for (Run candidate : candidates) {
				if (candidate.state() == RunState.RUNNING && this.active.containsKey(candidate.id())) {
					Job job = this.jobs.findById(candidate.jobId()).orElse(null);
					if (job != null) {
						perSource.merge(job.sourceId(), 1, Integer::sum);
						total++;
					}
				}
			}
			for (Run candidate : candidates) {
				if (ids.size() >= free || total >= this.properties.maxConcurrent()) {
					break;
				}
				if (this.active.containsKey(candidate.id())) {
					// this instance's own attempt, whose lease lapsed while the heartbeat
					// was
					// held up (a loaded machine): it is alive, the heartbeat renews it;
					// taking
					// it over here would leave two attempts under one instance name
					continue;
				}
				Job job = this.jobs.findById(candidate.jobId()).orElse(null);
				if (job == null) {
					continue;
				}
				int forSource = perSource.getOrDefault(job.sourceId(), 0);
				if (candidate.state() == RunState.QUEUED && forSource >= this.properties.maxConcurrentPerSource()) {
					continue;
				}
				if (this.runs.claim(candidate.id(), this.instance, now, leaseUntil())) {
					ids.add(candidate.id());
					perSource.merge(job.sourceId(), 1, Integer::sum);
					total++;
				}
			}
			return ids;
		});
		for (long id : claimed) {
			ActiveRun run = new ActiveRun(id);
			this.active.put(id, run);
			this.workers.execute(() -> {
				run.thread = Thread.currentThread();
				try {
					new RunWorker(this, run).execute();
				}
				finally {
					run.thread = null;
					this.active.remove(id);
				}
			});
		}
	}

	private void retryCommits() {
		Instant now = this.clock.instant();
		for (Run run : this.runs.committable(now, 20)) {
			if (run.leaseUntil() != null
					&& this.runs.claimCommit(run.id(), this.instance, run.leaseUntil(), leaseUntil())) {
				this.committing.execute(() -> this.committer.commit(this.runs.findById(run.id()).orElseThrow()));
			}
		}
	}

	/**
	 * Extends the leases of this instance's runs, stores their progress, and notices
	 * cancels and lost leases.
	 */
	void heartbeat() {
		for (ActiveRun run : this.active.values()) {
			try {
				if (!this.runs.renew(run.id, this.instance, leaseUntil(), run.progress(), this.clock.instant())) {
					if (this.runs.findById(run.id).map(Run::state).orElse(RunState.FAILED) == RunState.RUNNING) {
						run.fenced = true;
					}
					continue;
				}
				if (this.runs.cancelRequested(run.id)) {
					run.cancelRequested = true;
				}
				run.heartbeatStaging();
			}
			catch (RuntimeException ex) {
				logger.warn("Heartbeat of run " + run.id + " failed: " + ex.getMessage());
			}
		}
	}

	/**
	 * The runs this instance is executing.
	 * @return their ids
	 */
	public java.util.Set<Long> activeRuns() {
		return java.util.Set.copyOf(this.active.keySet());
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public Instant leaseUntil() {
		return this.clock.instant().plus(this.properties.leaseTtl());
	}

	@Override
	public RunRepository runs() {
		return this.runs;
	}

	@Override
	public JobRepository jobs() {
		return this.jobs;
	}

	@Override
	public SourceRepository sources() {
		return this.sources;
	}

	@Override
	public Lake lake() {
		return this.lake;
	}

	@Override
	public JdbcPuller jdbc() {
		return this.jdbc;
	}

	@Override
	public FilePuller files() {
		return this.files;
	}

	@Override
	public HeapPressure heap() {
		return this.heap;
	}

	@Override
	public RunProperties properties() {
		return this.properties;
	}

	@Override
	public ParquetPartWriter.Settings parquet() {
		return this.parquet;
	}

	@Override
	public JsonMapper json() {
		return this.json;
	}

	@Override
	public Clock clock() {
		return this.clock;
	}

	@Override
	public RunLog log() {
		return this.log;
	}

	@Override
	public String instance() {
		return this.instance;
	}

	@Override
	public Committer committer() {
		return this.committer;
	}

}
