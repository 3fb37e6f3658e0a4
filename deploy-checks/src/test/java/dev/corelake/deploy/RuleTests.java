package dev.corelake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule holds for Corelake's manifests, and fails for the right reason on a manifest
 * broken on purpose: each file in {@code bad/rules/} is named
 * {@code <rule>--<case>.yaml}, breaks that rule only, and says on its first line
 * ({@code # expect: ...}) what the violation must mention.
 *
 * @author Corelake
 */
class RuleTests {

	private static final String BAD = "bad/rules/";

	static List<Rules.Rule> rules() {
		return Rules.ALL;
	}

	/** Base and every overlay's own files: what an operator applies, file by file. */
	static List<HasMetadata> manifests() {
		return Manifests.read(Manifests.objectFiles(Manifests.root().resolve("k8s")));
	}

	@ParameterizedTest
	@MethodSource("rules")
	void corelakeManifestsFollowTheRule(Rules.Rule rule) {
		assertThat(rule.check().apply(manifests())).isEmpty();
	}

	static List<String> badManifests() {
		try (Stream<Path> files = Files.list(resourceDirectory(BAD))) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@ParameterizedTest
	@MethodSource("badManifests")
	void badManifestBreaksItsRuleOnly(String file) {
		String rule = file.substring(0, file.indexOf("--"));
		String text = Fixtures.text(BAD + file);
		String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "").strip();
		List<Violation> violations = Rules.check(Manifests.parse(text, file));
		assertThat(violations).as("violations of %s", file).isNotEmpty();
		assertThat(violations.stream().map(Violation::rule).collect(Collectors.toSet())).as(violations.toString())
			.isEqualTo(Set.of(rule));
		assertThat(violations).as(violations.toString())
			.anyMatch((violation) -> violation.message().contains(expected));
	}

	@Test
	void everyRuleHasABadManifest() {
		List<String> missing = new ArrayList<>();
		for (Rules.Rule rule : Rules.ALL) {
			if (badManifests().stream().noneMatch((file) -> file.startsWith(rule.id() + "--"))) {
				missing.add(rule.id());
			}
		}
		assertThat(missing).as("rules without a bad manifest in " + BAD).isEmpty();
	}

	@Test
	void theGoodFixtureBreaksNoRule() {
		assertThat(Rules.check(Fixtures.read("good/service.yaml"))).isEmpty();
	}

	private static Path resourceDirectory(String name) {
		try {
			return Path.of(RuleTests.class.getClassLoader().getResource(name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
