package dev.corelake.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own configuration files ({@code <service>.yml},
 * {@code <service>-postgres.yml}) read from the environment, so the manifests can be
 * checked against the variables the service really reads, not against a naming guess.
 * Read from the service's module when it is in this repository (else from the test
 * fixtures' {@code modules/} directory).
 *
 * @param portVariable the variable of {@code server.port}, if any
 * @param managementPortVariable the variable of {@code management.server.port}, if any
 * @param databaseVariables every {@code CORELAKE_*} variable the postgres profile reads
 * @author Corelake
 */
record ServiceSettings(Optional<String> portVariable, Optional<String> managementPortVariable,
		Set<String> databaseVariables) {

	private static final Pattern MANAGEMENT_PORT = Pattern.compile("\\$\\{(CORELAKE_[A-Z0-9_]+_MANAGEMENT_PORT)[:}]");

	private static final Pattern PORT = Pattern.compile("\\$\\{(CORELAKE_[A-Z0-9_]+?_PORT)[:}]");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(CORELAKE_[A-Z0-9_]+)[:}]");

	/**
	 * The settings of a service, when its configuration files can be found.
	 * @param service the service (module) name
	 * @return its settings, or empty when its module is not here (yet)
	 */
	static Optional<ServiceSettings> of(String service) {
		Optional<String> main = read(service, service + ".yml");
		if (main.isEmpty()) {
			return Optional.empty();
		}
		Set<String> database = new LinkedHashSet<>();
		read(service, service + "-postgres.yml").ifPresent((postgres) -> {
			Matcher matcher = VARIABLE.matcher(postgres);
			while (matcher.find()) {
				database.add(matcher.group(1));
			}
		});
		Matcher management = MANAGEMENT_PORT.matcher(main.get());
		Optional<String> managementPort = management.find() ? Optional.of(management.group(1)) : Optional.empty();
		Matcher port = PORT.matcher(main.get());
		Optional<String> apiPort = Optional.empty();
		while (port.find()) {
			if (!port.group(1).endsWith("_MANAGEMENT_PORT")) {
				apiPort = Optional.of(port.group(1));
				break;
			}
		}
		return Optional.of(new ServiceSettings(apiPort, managementPort, database));
	}

	private static Optional<String> read(String service, String file) {
		Path inModule = Manifests.root().resolve(service).resolve("src/main/resources").resolve(file);
		try {
			if (Files.exists(inModule)) {
				return Optional.of(Files.readString(inModule));
			}
			try (InputStream fixture = ServiceSettings.class.getClassLoader()
				.getResourceAsStream("modules/" + service + "/" + file)) {
				return (fixture != null) ? Optional.of(new String(fixture.readAllBytes(), StandardCharsets.UTF_8))
						: Optional.empty();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
