package dev.corelake.deploy;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest files, as they are, accepted by an API server: created on the fabric8 mock
 * server (CRUD mode) and read back unchanged. No real API server runs on the build
 * machine; this proves the objects serialise to what the API takes, not admission.
 *
 * @author Corelake
 */
@EnableKubernetesMockClient(crud = true)
class MockServerApplyTests {

	static KubernetesClient client;

	@Test
	void baseFilesApplyAndReadBack() {
		List<HasMetadata> objects = Manifests.read(Manifests.objectFiles(Manifests.root().resolve("k8s/base")));
		applyAndReadBack(client, objects);
		assertThat(client.apps().deployments().inNamespace("corelake").list().getItems())
			.extracting((deployment) -> deployment.getMetadata().getName())
			.containsAll(Workloads.services(objects).stream().map(Manifests::name).toList());
		Deployment auth = client.apps().deployments().inNamespace("corelake").withName("auth-service").get();
		assertThat(auth.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
			.containsKey("memory");
	}

	@Test
	void overlayAndComponentFilesApplyAndReadBack() {
		for (String directory : List.of("k8s/overlays/dev", "k8s/overlays/prod", "k8s/components")) {
			applyAndReadBack(client, Manifests.read(Manifests.objectFiles(Manifests.root().resolve(directory))));
		}
	}

	/**
	 * Creates (or replaces) each object and checks the server returns it as sent.
	 */
	static void applyAndReadBack(KubernetesClient client, List<HasMetadata> objects) {
		assertThat(objects).isNotEmpty();
		for (HasMetadata object : objects) {
			client.resource(object).createOr((existing) -> existing.update());
			HasMetadata stored = client.resource(object).get();
			assertThat(stored).as(object.getKind() + " " + Manifests.name(object)).isNotNull();
			assertThat(stored.getKind()).isEqualTo(object.getKind());
			assertThat(specOf(stored)).as(object.getKind() + " " + Manifests.name(object)).isEqualTo(specOf(object));
		}
	}

	/**
	 * The object without what the server adds (metadata such as uid and resourceVersion).
	 */
	private static String specOf(HasMetadata object) {
		HasMetadata copy = Manifests.copy(object);
		copy.setMetadata(null);
		return Manifests.yaml(copy);
	}

}
