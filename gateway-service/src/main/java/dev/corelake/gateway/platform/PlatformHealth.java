package dev.corelake.gateway.platform;

import java.time.Instant;
import java.util.List;

/**
 * The platform's health as the gateway sees it.
 *
 * @param status {@code UP} when every service is ready, {@code DOWN} when none is,
 * {@code DEGRADED} otherwise
 * @param checkedAt when the probes ran
 * @param services each service's readiness
 * @author Corelake
 */
record PlatformHealth(String status, Instant checkedAt, List<ServiceHealth> services) {

	static final String UP = "UP";

	static final String DOWN = "DOWN";

	static final String DEGRADED = "DEGRADED";

	static PlatformHealth of(Instant checkedAt, List<ServiceHealth> services) {
		long up = services.stream().filter((service) -> UP.equals(service.status())).count();
		String status = (up == services.size()) ? UP : (up == 0) ? DOWN : DEGRADED;
		return new PlatformHealth(status, checkedAt, services);
	}

	/**
	 * One service's readiness.
	 *
	 * @param name the service
	 * @param status {@code UP} when its readiness probe answered 2xx, else {@code DOWN}
	 * @param latencyMs how long the probe took
	 * @param detail why it is down, when it is
	 */
	record ServiceHealth(String name, String status, long latencyMs, String detail) {
	}

}
