package dev.corelake.standalone;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control that stops and starts a single service exists for tests only: it is
 * compiled into the test classes, not into the all-in-one jar; nothing the jar runs
 * refers to it; the launcher's public API offers no way to swap a service; and no
 * property of any profile can switch it on, because there is nothing to switch.
 *
 * @author Corelake
 */
class ServiceControlTests {

	private static final Path MAIN_CLASSES = Path.of("target", "classes");

	@Test
	void controlIsNotPartOfTheAllInOneJar() throws IOException {
		assertThat(MAIN_CLASSES.resolve("dev/corelake/standalone/PlatformLauncher.class")).exists();
		for (String testOnly : List.of("ServiceControl", "FaultProxy")) {
			assertThat(MAIN_CLASSES.resolve("dev/corelake/standalone/" + testOnly + ".class")).doesNotExist();
			try (Stream<Path> classes = Files.walk(MAIN_CLASSES)) {
				assertThat(classes.filter((path) -> path.toString().endsWith(".class")))
					.as("main classes referring to %s", testOnly)
					.noneMatch((path) -> refersTo(path, testOnly));
			}
		}
	}

	@Test
	void launcherOffersNoPublicWayToSwapAService() {
		assertThat(Stream.of(PlatformLauncher.RunningPlatform.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()))
			.map(Method::getName)).containsExactlyInAnyOrder("port", "url", "context", "services", "close");
	}

	@Test
	void restartArgumentsPinTheActualPorts() {
		String[] pinned = ServiceControl.pinPorts(new String[] { "--spring.config.name=catalog-service",
				"--server.port=0", "--management.server.port=0", "--corelake.data-dir=/tmp/x" }, 41234, 41235);
		assertThat(pinned).containsExactly("--spring.config.name=catalog-service", "--corelake.data-dir=/tmp/x",
				"--server.port=41234", "--management.server.port=41235");
	}

	private static boolean refersTo(Path classFile, String name) {
		try {
			return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(name);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
