package dev.corelake.compute.job;

/**
 * How far a job's Spark work is.
 *
 * @param stagesDone stages finished (or skipped)
 * @param stagesTotal stages of the Spark jobs started so far
 * @param tasksDone tasks finished
 * @param tasksTotal tasks of those stages
 * @author Corelake
 */
public record JobProgress(int stagesDone, int stagesTotal, int tasksDone, int tasksTotal) {

	/** No work seen yet. */
	public static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

	/**
	 * Tasks done as a share of tasks known.
	 * @return 0 to 100
	 */
	public int percent() {
		return (this.tasksTotal == 0) ? 0 : (int) Math.min(100, 100L * this.tasksDone / this.tasksTotal);
	}

}
