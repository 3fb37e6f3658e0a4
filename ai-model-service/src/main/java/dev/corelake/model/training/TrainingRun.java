package dev.corelake.model.training;

import java.time.Instant;
import java.util.Map;

/**
 * A training run: a compute-service {@code train} job, mirrored.
 *
 * @param id run id
 * @param model the model it trains
 * @param owner who started it
 * @param state its state
 * @param progress percent
 * @param computeJobId the compute job
 * @param algorithm the algorithm
 * @param dataset the dataset as asked ({@code name} or {@code name@3})
 * @param request the training request as submitted
 * @param result the compute job's {@code training} result, once it succeeded
 * @param modelVersion the version it produced
 * @param errorCode why it failed
 * @param errorMessage why it failed, summarised
 * @param createdAt when it was started
 * @param updatedAt last change
 * @param finishedAt when it finished
 * @author Corelake
 */
public record TrainingRun(String id, String model, String owner, RunState state, int progress, String computeJobId,
		String algorithm, String dataset, Map<String, Object> request, Map<String, Object> result, Integer modelVersion,
		String errorCode, String errorMessage, Instant createdAt, Instant updatedAt, Instant finishedAt) {

}
