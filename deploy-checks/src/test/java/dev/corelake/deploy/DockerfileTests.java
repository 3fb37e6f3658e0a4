package dev.corelake.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import dev.corelake.platform.memory.JvmMemoryBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/Dockerfile keeps the image rules: a pinned JRE base, Spring Boot's layers, a
 * non-root user the manifests agree with, container-aware JVM defaults.
 *
 * @author Corelake
 */
class DockerfileTests {

	private static String dockerfile() throws IOException {
		return Files.readString(Manifests.root().resolve("docker/Dockerfile"));
	}

	@Test
	void baseImageIsPinnedToARelease() throws IOException {
		String base = dockerfile().lines()
			.filter((line) -> line.startsWith("ARG BASE_IMAGE="))
			.findFirst()
			.orElseThrow()
			.substring("ARG BASE_IMAGE=".length());
		assertThat(base).matches("[a-z0-9./-]+:[0-9]+\\.[0-9]+\\.[0-9]+[^ ]*").doesNotContain("latest");
	}

	@Test
	void runtimeStageHoldsTheLayersAndRunsAsTheManifestsUser() throws IOException {
		String runtime = dockerfile().substring(dockerfile().lastIndexOf("\nFROM "));
		assertThat(runtime).startsWith("\nFROM ${BASE_IMAGE}\n").doesNotContain("mvn").doesNotContain("BUILD_IMAGE");
		assertThat(runtime).contains("USER 10001:10001");
		assertThat(dockerfile()).contains("-Djarmode=tools -jar app.jar extract --layers");
		// the manifests' pods run as the image's user
		assertThat(RuleTests.manifests()).filteredOn((object) -> Manifests.name(object).endsWith("-service"))
			.allSatisfy((object) -> Workloads.podTemplate(object)
				.ifPresent((template) -> assertThat(template.getSpec().getSecurityContext().getRunAsUser())
					.isEqualTo(10001L)));
	}

	@Test
	void jvmDefaultsAreContainerAwareAndBounded() throws IOException {
		assertThat(dockerfile()).contains("-XX:+ExitOnOutOfMemoryError");
		List<String> options = JvmMemoryBudget.split(WorkloadRules.imageMemoryOptions());
		assertThat(options).anyMatch((option) -> option.startsWith("-XX:MaxRAMPercentage="))
			.noneMatch((option) -> option.startsWith("-Xmx"));
		// every area outside the heap is capped, so the defaults alone have a bound
		assertThat(JvmMemoryBudget.of(768L * 1024 * 1024, options, 80).fits()).isTrue();
	}

}
