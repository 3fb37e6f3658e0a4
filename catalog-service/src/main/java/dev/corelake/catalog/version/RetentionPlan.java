package dev.corelake.catalog.version;

import java.util.List;

import dev.corelake.catalog.dataset.Retention;

/**
 * What a dataset's retention policy means now.
 *
 * @param dataset dataset name
 * @param policy the policy
 * @param versionCount how many versions exist
 * @param dueForExpiry version numbers the policy lets go, newest first
 * @author Corelake
 */
record RetentionPlan(String dataset, Retention policy, int versionCount, List<Integer> dueForExpiry) {

}
