package dev.corelake.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlays as an operator installs them: rendered by {@code kubectl kustomize}, every
 * object strict Kubernetes, every rule kept, and the whole set accepted by an API server
 * (the fabric8 mock server in CRUD mode, since no real one runs on the build machine).
 * Skipped, with the reason logged, where kubectl is not installed; the files themselves
 * are still checked by {@link StrictParsingTests}, {@link RuleTests} and
 * {@link MockServerApplyTests}.
 *
 * @author Corelake
 */
@EnableKubernetesMockClient(crud = true)
class KustomizeRenderTests {

	private static final Log log = LogFactory.getLog(KustomizeRenderTests.class);

	static KubernetesClient client;

	@BeforeAll
	static void needsKubectl() {
		Optional<String> unavailable = Kubectl.unavailable();
		unavailable.ifPresent((reason) -> log.warn("Skipping the kustomize rendering checks: " + reason));
		Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
	}

	static List<HasMetadata> render(String overlay) {
		Path directory = Manifests.root().resolve("k8s").resolve(overlay);
		return Manifests.parse(Kubectl.kustomize(directory), "kubectl kustomize k8s/" + overlay);
	}

	@ParameterizedTest
	@ValueSource(strings = { "base", "overlays/dev", "overlays/prod" })
	void renderedObjectsFollowEveryRule(String overlay) {
		assertThat(Rules.check(render(overlay))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void renderedObjectsApplyToAnApiServer(String overlay) {
		List<HasMetadata> objects = render(overlay);
		MockServerApplyTests.applyAndReadBack(client, objects);
	}

	@Test
	void devBringsItsOwnDatabaseLakeAndIngress() {
		Map<String, List<String>> kinds = kinds(render("overlays/dev"));
		assertThat(kinds.get("StatefulSet")).containsExactlyInAnyOrder("postgres", "namenode", "datanode");
		assertThat(kinds.get("Ingress")).containsExactly("gateway-service");
		assertThat(kinds.get("NetworkPolicy")).contains("default-deny", "gateway-service");
		assertThat(kinds).doesNotContainKeys("HorizontalPodAutoscaler", "PodDisruptionBudget");
	}

	@Test
	void prodUsesExternalServicesAndScales() {
		List<HasMetadata> objects = render("overlays/prod");
		Map<String, List<String>> kinds = kinds(objects);
		assertThat(kinds).doesNotContainKeys("StatefulSet", "Ingress");
		assertThat(kinds.get("HorizontalPodAutoscaler")).containsExactlyInAnyOrder("gateway-service", "auth-service",
				"config-service", "catalog-service");
		assertThat(kinds.get("PodDisruptionBudget"))
			.containsAll(Workloads.services(objects).stream().map(Manifests::name).toList());
		Map<String, String> platform = objects.stream()
			.filter((object) -> object instanceof ConfigMap && Manifests.name(object).startsWith("corelake-platform-"))
			.map((object) -> ((ConfigMap) object).getData())
			.findFirst()
			.orElseThrow();
		assertThat(platform).containsEntry("CORELAKE_CONFIG_CLIENT_PROFILE", "prod");
		assertThat(platform.values()).noneMatch((value) -> value.startsWith("jdbc:postgresql://postgres:5432"));
	}

	private static Map<String, List<String>> kinds(List<HasMetadata> objects) {
		return objects.stream()
			.collect(Collectors.groupingBy(HasMetadata::getKind,
					Collectors.mapping(Manifests::name, Collectors.toList())));
	}

}
