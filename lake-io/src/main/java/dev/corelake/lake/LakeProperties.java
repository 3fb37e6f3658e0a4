package dev.corelake.lake;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lake is and how to reach it ({@code corelake.lake.*}).
 *
 * @param uri root of the lake: {@code file:./data/lake} by default,
 * {@code hdfs://namenode:8020/corelake} on Kubernetes
 * @param hadoop extra Hadoop configuration, e.g. {@code "[dfs.replication]": "1"}
 * @param stagingLeaseTtl age after which a staging area's lease is stale: the run that
 * owned it is taken for dead (producers heartbeat at least every third of it)
 * @author Corelake
 */
@ConfigurationProperties("corelake.lake")
public record LakeProperties(@DefaultValue("file:./data/lake") URI uri, Map<String, String> hadoop,
		@DefaultValue("2m") Duration stagingLeaseTtl) {

	public LakeProperties {
		if (uri == null) {
			throw new IllegalArgumentException("corelake.lake.uri must be set");
		}
		hadoop = (hadoop != null) ? Map.copyOf(hadoop) : Map.of();
		if (stagingLeaseTtl == null || stagingLeaseTtl.isNegative() || stagingLeaseTtl.isZero()) {
			throw new IllegalArgumentException("corelake.lake.staging-lease-ttl must be positive");
		}
	}

}
