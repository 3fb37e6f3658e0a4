package dev.corelake.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The deliberately broken manifests in src/test/resources.
 *
 * @author Corelake
 */
final class Fixtures {

	private Fixtures() {
	}

	static String text(String resource) {
		try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<HasMetadata> read(String resource) {
		return Manifests.parse(text(resource), resource);
	}

}
