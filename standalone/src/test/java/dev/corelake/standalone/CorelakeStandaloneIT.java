package dev.corelake.standalone;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code ./corelake up} configured through its environment variables: data directory and
 * {@code CORELAKE_}-prefixed ports (never the {@code <SERVICE>_PORT} names Kubernetes
 * injects).
 *
 * @author Corelake
 */
class CorelakeStandaloneIT {

	@TempDir
	Path dataDir;

	@Test
	void bootFromEnvironmentUsesPrefixedVariablesOnly() {
		Map<String, String> environment = new java.util.HashMap<>();
		environment.put("CORELAKE_DATA_DIR", this.dataDir.toString());
		for (String service : new String[] { "AUTH", "CONFIG", "CATALOG", "SYNC", "COMPUTE", "AI_MODEL", "GATEWAY" }) {
			environment.put("CORELAKE_" + service + "_PORT", "0");
			environment.put("CORELAKE_" + service + "_MANAGEMENT_PORT", "0");
		}
		// what Kubernetes would inject for a Service named catalog-service: ignored
		environment.put("CATALOG_SERVICE_PORT", "tcp://10.0.0.1:8080");
		try (PlatformLauncher.RunningPlatform platform = CorelakeStandalone.boot(environment)) {
			assertThat(platform.services()).containsExactly("auth-service", "config-service", "catalog-service",
					"data-sync-service", "compute-service", "ai-model-service", "gateway-service");
			assertThat(platform.port("gateway-service")).isPositive().isNotEqualTo(8080);
			assertThat(platform.port("catalog-service")).isPositive().isNotEqualTo(8083);
			assertThat(this.dataDir.resolve("catalog")).isDirectory();
			assertThat(this.dataDir.resolve("auth")).isDirectory();
		}
	}

	@Test
	void portThatIsNotANumberIsRefusedWithItsName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CorelakeStandalone
				.boot(Map.of("CORELAKE_DATA_DIR", this.dataDir.toString(), "CORELAKE_AUTH_PORT", "eighty")))
			.withMessageContaining("CORELAKE_AUTH_PORT");
	}

}
