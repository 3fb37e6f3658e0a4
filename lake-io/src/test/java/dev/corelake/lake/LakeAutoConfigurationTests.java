package dev.corelake.lake;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link Lake} bean and its settings.
 *
 * @author Corelake
 */
class LakeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LakeAutoConfiguration.class));

	@TempDir
	Path tempDir;

	@Test
	void oneLakeOnTheConfiguredRootWithTheApplicationClock() {
		Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
		this.runner.withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC))
			.withPropertyValues("corelake.lake.uri=file:" + this.tempDir.resolve("lake"),
					"corelake.lake.hadoop[fs.permissions.umask-mode]=027", "corelake.lake.staging-lease-ttl=90s")
			.run((context) -> {
				Lake lake = context.getBean(Lake.class);
				assertThat(lake.uri().toString()).isEqualTo("file:" + this.tempDir.resolve("lake"));
				assertThat(lake.fileSystem().getConf().get("fs.permissions.umask-mode")).isEqualTo("027");
				assertThat(context.getBean(LakeProperties.class).stagingLeaseTtl()).isEqualTo(Duration.ofSeconds(90));
				lake.stage("sync", "run-1");
				assertThat(lake.stagingAreas()).singleElement()
					.satisfies((area) -> assertThat(area.lease()).isEqualTo(fixed));
			});
	}

	@Test
	void defaultsAreTheLocalLakeAndATwoMinuteLease() {
		LakeProperties defaults = new LakeProperties(java.net.URI.create("file:./data/lake"), null,
				Duration.ofMinutes(2));
		assertThat(defaults.hadoop()).isEmpty();
		this.runner.withPropertyValues("corelake.lake.uri=file:" + this.tempDir.resolve("d")).run((context) -> {
			LakeProperties properties = context.getBean(LakeProperties.class);
			assertThat(properties.stagingLeaseTtl()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.hadoop()).isEmpty();
		});
	}

	@Test
	void aNonPositiveLeaseTtlFailsStartup() {
		this.runner
			.withPropertyValues("corelake.lake.uri=file:" + this.tempDir.resolve("lake"),
					"corelake.lake.staging-lease-ttl=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void theLakeIsClosedWithTheContext() {
		Lake[] lake = new Lake[1];
		this.runner.withPropertyValues("corelake.lake.uri=file:" + this.tempDir.resolve("lake"))
			.run((context) -> lake[0] = context.getBean(Lake.class));
		assertThatIllegalStateException().isThrownBy(() -> lake[0].stage("sync", "after-close"));
	}

}
