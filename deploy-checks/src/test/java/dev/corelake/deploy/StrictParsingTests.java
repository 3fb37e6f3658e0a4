package dev.corelake.deploy;

import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every manifest in k8s/ is Kubernetes as the API server knows it: no unknown kinds, no
 * unknown fields, no wrong types.
 *
 * @author Corelake
 */
class StrictParsingTests {

	@Test
	void everyManifestParsesStrictly() {
		List<Path> files = Manifests.files(Manifests.root().resolve("k8s"));
		assertThat(files).hasSizeGreaterThan(10);
		for (Path file : files) {
			assertThat(Manifests.read(file)).as(file.toString()).isNotEmpty();
		}
	}

	@Test
	void parseWhenAFieldIsMisspeltFailsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.read("bad/parse/unknown-field.yaml"))
			.withMessageContaining("unknown fields [Deployment.spec.template.spec.containers[0].resource]");
	}

	@Test
	void parseWhenAFieldIsNestedWronglyFailsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.read("bad/parse/misplaced-field.yaml"))
			.withMessageContaining("unknown fields [Service.spec.ports[0].containerPort]");
	}

	@Test
	void parseWhenTheKindIsUnknownFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.read("bad/parse/unknown-kind.yaml"))
			.withMessageContaining("unknown kind apps/v1/Deploymnet");
	}

	@Test
	void parseWhenAValueHasTheWrongTypeFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.read("bad/parse/wrong-type.yaml"))
			.withMessageContaining("does not parse");
	}

	@Test
	void parseSkipsCommentOnlyDocuments() {
		List<HasMetadata> objects = Manifests.parse(
				"# nothing\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n" + "  name: corelake\n---\n", "inline");
		assertThat(objects).singleElement().extracting(HasMetadata::getKind).isEqualTo("Namespace");
	}

	@Test
	void parseWhenADocumentIsNoObjectFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> Manifests.parse("- just\n- a list\n", "inline"))
			.withMessageContaining("inline document 1");
	}

}
