package dev.corelake.config.secret;

import java.nio.file.Path;

import dev.corelake.config.ConfigServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * In the {@code prod} profile config-service refuses to start without its secrets key
 * instead of generating one that would make every stored secret unreadable.
 *
 * @author Corelake
 */
class SecretsStartupTests {

	@TempDir
	Path directory;

	@Test
	void startWhenProdProfileAndNoKeyFileThenFailsAndGeneratesNothing() {
		Path key = this.directory.resolve("secrets.key");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(ConfigServiceApplication.class).profiles("prod")
				.run("--server.port=0", "--management.server.port=0", "--corelake.config.secrets.key-file=" + key))
			.havingRootCause()
			.withMessageContaining("does not exist")
			.withMessageContaining("prod");
		assertThat(key).doesNotExist();
	}

}
