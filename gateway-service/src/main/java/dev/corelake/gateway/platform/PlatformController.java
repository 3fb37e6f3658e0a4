package dev.corelake.gateway.platform;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The platform views the gateway serves itself: every service's readiness, and each
 * service's OpenAPI document for the API explorer ({@code /swagger-ui.html}). Both are
 * public.
 *
 * @author Corelake
 */
@RestController
@RequestMapping("/api/v1/platform")
class PlatformController {

	private final ServiceHealthProbe health;

	private final ApiDocsClient apiDocs;

	PlatformController(ServiceHealthProbe health, ApiDocsClient apiDocs) {
		this.health = health;
		this.apiDocs = apiDocs;
	}

	/**
	 * Every service's readiness and how long its probe took, and the overall status.
	 * @return the health
	 */
	@GetMapping("/health")
	PlatformHealth health() {
		return this.health.check();
	}

	/**
	 * A service's OpenAPI document, with the gateway as its server.
	 * @param service the service name
	 * @return the document
	 */
	@GetMapping(path = "/api-docs/{service}", produces = "application/json")
	String apiDocs(@PathVariable String service) {
		String gateway = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return this.apiDocs.fetch(service, gateway);
	}

}
