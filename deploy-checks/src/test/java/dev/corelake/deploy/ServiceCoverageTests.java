package dev.corelake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service module of the build has a manifest in k8s/base, listed in its
 * kustomization: a new service cannot be merged without one.
 *
 * @author Corelake
 */
class ServiceCoverageTests {

	private static final Pattern SERVICE_MODULE = Pattern.compile("<module>([a-z0-9-]+-service)</module>");

	static List<String> serviceModules(String pom) {
		List<String> modules = new ArrayList<>();
		Matcher matcher = SERVICE_MODULE.matcher(pom);
		while (matcher.find()) {
			modules.add(matcher.group(1));
		}
		return modules;
	}

	/**
	 * The service modules that have no manifest, or whose manifest the base kustomization
	 * does not list.
	 */
	static List<String> withoutManifest(String pom, Path base) {
		String kustomization = read(base.resolve("kustomization.yaml"));
		List<String> missing = new ArrayList<>();
		for (String module : serviceModules(pom)) {
			Path manifest = base.resolve(module + ".yaml");
			boolean listed = kustomization.lines().anyMatch((line) -> line.strip().equals("- " + module + ".yaml"));
			boolean deployment = Files.exists(manifest) && Workloads.services(Manifests.read(manifest))
				.stream()
				.anyMatch((candidate) -> Manifests.name(candidate).equals(module));
			if (!listed || !deployment) {
				missing.add(module);
			}
		}
		return missing;
	}

	@Test
	void everyServiceModuleHasAManifest() {
		String pom = read(Manifests.root().resolve("pom.xml"));
		assertThat(serviceModules(pom)).contains("auth-service", "config-service", "catalog-service");
		assertThat(withoutManifest(pom, Manifests.root().resolve("k8s/base"))).isEmpty();
	}

	@Test
	void aServiceModuleWithoutAManifestIsReported() {
		String pom = Fixtures.text("bad/coverage/pom.xml");
		assertThat(withoutManifest(pom, Manifests.root().resolve("k8s/base"))).containsExactly("ghost-service");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
