package dev.corelake.sync.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import dev.corelake.sync.catalog.CatalogClient;
import dev.corelake.sync.job.Job;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.run.Checkpoint;
import dev.corelake.sync.run.Run;
import dev.corelake.sync.run.RunRepository;
import dev.corelake.sync.run.RunState;
import dev.corelake.sync.source.Source;
import dev.corelake.sync.source.SourceKind;
import dev.corelake.sync.source.SourceRepository;
import dev.corelake.sync.system.RunProperties;
import dev.corelake.sync.system.SyncErrorCode;
import org.apache.hadoop.fs.Path;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a {@code COMMITTING} run to {@code SUCCEEDED}: makes sure the target dataset
 * exists (created for the job's owner) and may be written by the job, commits the staging
 * area into the lake by rename, registers the version in catalog-service with its schema,
 * counts and origin ({@code producedBy: sync-run:<id>}), then ends the run and moves the
 * job's high-water mark in one transaction. Every step can be repeated (the lake commit
 * and the registration are idempotent), so when catalog-service is down the run stays
 * {@code COMMITTING} and is tried again later, with growing pauses, by any instance —
 * registered once, never lost.
 *
 * @author Corelake
 */
final class Committer {

	private final RunRepository runs;

	private final JobRepository jobs;

	private final SourceRepository sources;

	private final Lake lake;

	private final CatalogClient catalog;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final RunLog log;

	private final RunProperties properties;

	private final String instance;

	private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

	Committer(RunRepository runs, JobRepository jobs, SourceRepository sources, Lake lake, CatalogClient catalog,
			TransactionTemplate transactions, JsonMapper json, Clock clock, RunLog log, RunProperties properties,
			String instance) {
		this.runs = runs;
		this.jobs = jobs;
		this.sources = sources;
		this.lake = lake;
		this.catalog = catalog;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.log = log;
		this.properties = properties;
		this.instance = instance;
	}

	/**
	 * Tries to finish a committing run (held by this instance for the attempt).
	 * @param run the run
	 * @return {@code true} when it ended (succeeded or failed)
	 */
	boolean commit(Run run) {
		long id = run.id();
		try {
			Job job = this.jobs.findById(run.jobId()).orElseThrow();
			Source source = this.sources.findById(job.sourceId()).orElseThrow();
			RunPlan plan = this.json.readValue(run.planJson(), RunPlan.class);
			String versionId = "sync-" + id;
			Optional<CatalogClient.DatasetInfo> dataset = this.catalog.dataset(job.dataset());
			if (dataset.isEmpty()) {
				this.catalog.createDataset(job.dataset(), job.owner(), "Synced by data-sync job " + job.name() + ".");
			}
			else if (!job.ownerAdmin() && !job.owner().equals(dataset.get().owner())) {
				fail(run, CommonErrorCode.ACCESS_DENIED.code(),
						"Dataset '" + job.dataset() + "' belongs to " + dataset.get().owner()
								+ ", not to the job's owner " + job.owner() + "; nothing was committed.");
				return true;
			}
			List<Checkpoint> checkpoints = this.runs.checkpoints(id);
			Path version = this.lake.versionPath(job.dataset(), versionId);
			if (!this.lake.fileSystem().exists(version)) {
				Path stagingDir = new Path(new Path(new Path(this.lake.root(), Lake.STAGING), "sync"),
						Long.toString(id));
				if (!this.lake.fileSystem().exists(stagingDir)) {
					fail(run, SyncErrorCode.RUN_INTERRUPTED.code(),
							"The staging area of the run is gone (removed by hand or by the orphan sweeper).");
					return true;
				}
				Staging staging = this.lake.stage("sync", Long.toString(id));
				RunWorker.cleanStaging(this.lake.fileSystem(), staging.dir(), checkpoints);
				this.lake.commit(staging, job.dataset(), versionId);
			}
			URI location = this.lake.locationOf(job.dataset(), versionId);
			long rows = 0;
			long bytes = 0;
			for (Checkpoint checkpoint : checkpoints) {
				rows += checkpoint.rows();
				bytes += checkpoint.bytes();
			}
			List<CatalogClient.Field> schema = new ArrayList<>();
			plan.schema()
				.columns()
				.forEach((column) -> schema
					.add(new CatalogClient.Field(column.name(), column.sqlType(), column.nullable())));
			String detail = (source.kind() == SourceKind.JDBC) ? plan.table() : source.origin();
			int number = this.catalog.registerVersion(job.dataset(),
					new CatalogClient.NewVersion(location.toString(), "PARQUET", schema, rows, bytes, "sync-run:" + id,
							new CatalogClient.Origin(source.kind().apiName(), source.name(), detail)));
			Boolean ended = this.transactions.execute((status) -> {
				boolean done = this.runs.endCommitting(id, RunState.SUCCEEDED, null, null, number, location.toString(),
						this.clock.instant());
				if (done && plan.upperBound() != null) {
					this.jobs.setHighWaterMark(job.id(), this.json.writeValueAsString(plan.upperBound()));
				}
				return done;
			});
			if (Boolean.TRUE.equals(ended)) {
				this.failures.remove(id);
				this.log.info(id, "Registered as version " + number + " of dataset " + job.dataset() + " (" + rows
						+ " rows, " + bytes + " bytes, " + location + ").");
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			postpone(run, ex);
			return false;
		}
	}

	private void postpone(Run run, Exception ex) {
		int count = this.failures.merge(run.id(), 1, Integer::sum);
		Duration wait = this.properties.commitRetryInitial().multipliedBy(1L << Math.min(count - 1, 16));
		if (wait.compareTo(this.properties.commitRetryMax()) > 0) {
			wait = this.properties.commitRetryMax();
		}
		Instant next = this.clock.instant().plus(wait);
		String reason = describe(ex);
		this.runs.postponeCommit(run.id(), this.instance, next, "Registration pending: " + reason);
		this.log.warn(run.id(),
				"Could not register the version yet (" + reason + "); retrying in " + wait.toSeconds() + " s.");
	}

	private void fail(Run run, String code, String detail) {
		if (this.runs.endCommitting(run.id(), RunState.FAILED, code, detail, null, null, this.clock.instant())) {
			this.log.error(run.id(), "Failed (" + code + "): " + detail);
		}
		try {
			Staging staging = this.lake.stage("sync", Long.toString(run.id()));
			staging.abort();
		}
		catch (UncheckedIOException ex) {
			this.log.warn(run.id(), "Could not remove the staging area: " + ex.getMessage());
		}
	}

	private static String describe(Exception ex) {
		if (ex instanceof CorelakeException corelake) {
			return corelake.getErrorCode().code() + ": " + corelake.getBody().getDetail();
		}
		String text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		return (ex.getCause() != null && ex.getCause() != ex) ? text + " (" + ex.getCause() + ")" : text;
	}

}
