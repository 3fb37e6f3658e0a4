package dev.corelake.config.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.config.property.Scope;
import dev.corelake.config.system.ConfigAccess;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.platform.naming.ResourceName;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/config/spring/{application}/{profiles}}: the Spring Cloud Config Server
 * protocol over Corelake's views, for applications that are not Corelake services. Point
 * them at
 * {@code spring.config.import=configserver:http://<config-service>/api/v1/config/spring}
 * with a bearer token header or an API client's id and secret
 * ({@code spring.cloud.config.username}/{@code password}).
 * <p>
 * Secret values the caller may not read are left out rather than masked: an application
 * must never start with {@value ConfigAccess#MASK} as its database password. Labels (Git
 * branches in Spring Cloud Config Server) do not exist in Corelake and are refused, so
 * that nobody is silently served another label's values.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/config/spring",
		produces = { MediaType.APPLICATION_JSON_VALUE, SpringEnvironmentController.ENVIRONMENT_V2 })
class SpringEnvironmentController {

	/** The media type Spring Cloud Config clients ask for. */
	static final String ENVIRONMENT_V2 = "application/vnd.spring-cloud.config-server.v2+json";

	/** At most this many comma-separated profiles. */
	static final int MAX_PROFILES = 8;

	private final ViewService views;

	private final ConfigAccess access;

	SpringEnvironmentController(ViewService views, ConfigAccess access) {
		this.views = views;
		this.access = access;
	}

	@GetMapping("/{application}/{profiles}")
	SpringEnvironment environment(@PathVariable @ResourceName String application, @PathVariable String profiles) {
		List<String> names = profiles(profiles);
		List<Scope> layers = new ArrayList<>(this.views.layers(application, names));
		long revision = layers.stream().mapToLong(Scope::revision).max().orElse(0);
		boolean readsSecrets = this.access.readsSecrets();
		List<SpringEnvironment.PropertySource> sources = new ArrayList<>();
		for (int i = layers.size() - 1; i >= 0; i--) {
			Scope layer = layers.get(i);
			Map<String, String> source = new LinkedHashMap<>();
			layer.properties().forEach((key, value) -> {
				if (!value.secret() || readsSecrets) {
					source.put(key, value.value());
				}
			});
			sources.add(new SpringEnvironment.PropertySource("corelake:" + layer.key(), source));
		}
		return new SpringEnvironment(application, names, null, Long.toString(revision), null, sources);
	}

	@GetMapping("/{application}/{profiles}/{label}")
	SpringEnvironment environment(@PathVariable @ResourceName String application, @PathVariable String profiles,
			@PathVariable String label) {
		throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
				"Corelake configuration has no labels; ask for /{application}/{profiles} without one.")
			.withViolations(List.of(new FieldViolation("label", "labels are not supported")));
	}

	private static List<String> profiles(String profiles) {
		List<String> names = Arrays.stream(profiles.split(",", -1)).map(String::trim).toList();
		List<FieldViolation> violations = new ArrayList<>();
		if (names.size() > MAX_PROFILES) {
			violations.add(new FieldViolation("profiles", "at most " + MAX_PROFILES + " profiles"));
		}
		if (names.stream().anyMatch((name) -> !name.matches(ResourceName.PATTERN))) {
			violations.add(new FieldViolation("profiles", "each profile must match " + ResourceName.PATTERN));
		}
		if (!violations.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
					"Profiles are comma-separated names such as default,prod.")
				.withViolations(violations);
		}
		return names.stream().distinct().toList();
	}

}
