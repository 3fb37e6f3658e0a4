package dev.corelake.compute.spark;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.compute.job.JobProgress;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows Spark's scheduler events and counts, per compute job (its Spark job group), the
 * stages and tasks done out of those started so far. Stages Spark skips (their output was
 * already computed) count as done when their Spark job ends.
 *
 * @author Corelake
 */
public class JobProgressListener extends SparkListener {

	private static final String GROUP = "spark.jobGroup.id";

	private final Map<String, Counts> groups = new ConcurrentHashMap<>();

	private final Map<Integer, Counts> bySparkJob = new ConcurrentHashMap<>();

	private final Map<Integer, Counts> byStage = new ConcurrentHashMap<>();

	/**
	 * Starts counting for a job group.
	 * @param group the group
	 */
	public void track(String group) {
		this.groups.put(group, new Counts());
	}

	/**
	 * The progress of a group.
	 * @param group the group
	 * @return its progress, {@link JobProgress#NONE} when unknown
	 */
	public JobProgress progress(String group) {
		Counts counts = this.groups.get(group);
		return (counts != null) ? counts.snapshot() : JobProgress.NONE;
	}

	/**
	 * Whether a group has Spark jobs running.
	 * @param group the group
	 * @return {@code true} while one of its Spark jobs has not ended
	 */
	public boolean isActive(String group) {
		Counts counts = this.groups.get(group);
		return counts != null && this.bySparkJob.containsValue(counts);
	}

	/**
	 * Stops counting for a group.
	 * @param group the group
	 */
	public void forget(String group) {
		Counts counts = this.groups.remove(group);
		if (counts != null) {
			this.bySparkJob.values().removeIf((value) -> value == counts);
			this.byStage.values().removeIf((value) -> value == counts);
		}
	}

	@Override
	public void onJobStart(SparkListenerJobStart event) {
		Properties properties = event.properties();
		String group = (properties != null) ? properties.getProperty(GROUP) : null;
		Counts counts = (group != null) ? this.groups.get(group) : null;
		if (counts == null) {
			return;
		}
		this.bySparkJob.put(event.jobId(), counts);
		for (StageInfo stage : CollectionConverters.asJava(event.stageInfos())) {
			this.byStage.put(stage.stageId(), counts);
			counts.stageStarted(event.jobId(), stage.stageId(), stage.numTasks());
		}
	}

	@Override
	public void onStageCompleted(SparkListenerStageCompleted event) {
		Counts counts = this.byStage.get(event.stageInfo().stageId());
		if (counts != null) {
			counts.stageDone(event.stageInfo().stageId(), false);
		}
	}

	@Override
	public void onTaskEnd(SparkListenerTaskEnd event) {
		Counts counts = this.byStage.get(event.stageId());
		if (counts != null && event.taskInfo() != null && event.taskInfo().successful()) {
			counts.tasksDone.incrementAndGet();
		}
	}

	@Override
	public void onJobEnd(SparkListenerJobEnd event) {
		Counts counts = this.bySparkJob.remove(event.jobId());
		if (counts != null) {
			counts.sparkJobEnded(event.jobId());
		}
	}

	/** Counters of one group. */
	private static final class Counts {

		private final AtomicInteger stagesDone = new AtomicInteger();

		private final AtomicInteger stagesTotal = new AtomicInteger();

		private final AtomicInteger tasksDone = new AtomicInteger();

		private final AtomicInteger tasksTotal = new AtomicInteger();

		private final Map<Integer, Integer> openStages = new ConcurrentHashMap<>();

		private final Map<Integer, Set<Integer>> stagesOfJob = new ConcurrentHashMap<>();

		void stageStarted(int sparkJob, int stage, int tasks) {
			this.stagesTotal.incrementAndGet();
			this.tasksTotal.addAndGet(tasks);
			this.openStages.put(stage, tasks);
			this.stagesOfJob.computeIfAbsent(sparkJob, (key) -> ConcurrentHashMap.newKeySet()).add(stage);
		}

		void stageDone(int stage, boolean skipped) {
			Integer tasks = this.openStages.remove(stage);
			if (tasks != null) {
				this.stagesDone.incrementAndGet();
				if (skipped) {
					this.tasksDone.addAndGet(tasks);
				}
			}
		}

		void sparkJobEnded(int sparkJob) {
			Set<Integer> stages = this.stagesOfJob.remove(sparkJob);
			if (stages != null) {
				stages.forEach((stage) -> stageDone(stage, true));
			}
		}

		JobProgress snapshot() {
			int total = this.tasksTotal.get();
			return new JobProgress(this.stagesDone.get(), this.stagesTotal.get(), Math.min(this.tasksDone.get(), total),
					total);
		}

	}

}
