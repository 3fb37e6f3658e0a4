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
		Map<String, String> environment = Map.of("CORELAKE_DATA_DIR", this.dataDir.toString(), "CORELAKE_AUTH_PORT",
				"0", "CORELAKE_AUTH_MANAGEMENT_PORT", "0", "CORELAKE_CONFIG_PORT", "0",
				"CORELAKE_CONFIG_MANAGEMENT_PORT", "0", "CORELAKE_CATALOG_PORT", "0",
				"CORELAKE_CATALOG_MANAGEMENT_PORT", "0", "CORELAKE_COMPUTE_PORT", "0",
				"CORELAKE_COMPUTE_MANAGEMENT_PORT", "0",
				// what Kubernetes would inject for a Service named catalog-service:
				// ignored
				"CATALOG_SERVICE_PORT", "tcp://10.0.0.1:8080");
		try (PlatformLauncher.RunningPlatform platform = CorelakeStandalone.boot(environment)) {
			assertThat(platform.services()).containsExactly("auth-service", "config-service", "catalog-service",
					"compute-service");
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
