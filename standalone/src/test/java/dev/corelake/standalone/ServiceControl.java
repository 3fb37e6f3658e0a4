package dev.corelake.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops and starts a single service of a running all-in-one platform: stopping closes the
 * service's application context (in-flight requests finish, its ports close); starting
 * runs it again with the same arguments on the same API and management ports, so every
 * other service, and the gateway, find it where it was.
 * <p>
 * Test code only, on purpose: it is not in the all-in-one jar, no production profile or
 * property can reach it, and {@code ServiceControlTests} checks that it stays so.
 *
 * @author Corelake
 */
final class ServiceControl implements FaultLoad.Outage {

	private final PlatformLauncher.RunningPlatform platform;

	/** The start arguments of each stopped service, with its ports pinned. */
	private final Map<String, String[]> stopped = new ConcurrentHashMap<>();

	ServiceControl(PlatformLauncher.RunningPlatform platform) {
		this.platform = platform;
	}

	/**
	 * Stops a service: its context closes, its ports stop answering.
	 * @param service the service name
	 * @return how long stopping took
	 */
	@Override
	public synchronized Duration stop(String service) {
		if (PlatformLauncher.GATEWAY.equals(service)) {
			throw new IllegalArgumentException("The gateway is the front door; stop the services behind it");
		}
		if (this.stopped.containsKey(service)) {
			throw new IllegalStateException(service + " is stopped already");
		}
		ConfigurableApplicationContext context = this.platform.context(service);
		String[] args = pinPorts(context.getBean(ApplicationArguments.class).getSourceArgs(),
				PlatformLauncher.portOf(context),
				context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
		long start = System.nanoTime();
		context.close();
		this.stopped.put(service, args);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Starts a stopped service again, on the ports it had.
	 * @param service the service name
	 * @return how long starting took
	 */
	@Override
	public synchronized Duration start(String service) {
		String[] args = this.stopped.get(service);
		if (args == null) {
			throw new IllegalStateException(service + " is not stopped");
		}
		ServiceDefinition definition = PlatformLauncher.SERVICES.stream()
			.filter((candidate) -> candidate.name().equals(service))
			.findFirst()
			.orElseThrow();
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(definition.application())
			.registerShutdownHook(false)
			.run(args);
		this.platform.replace(service, context);
		this.stopped.remove(service);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Whether a service is stopped by this control.
	 * @param service the service name
	 * @return {@code true} when stopped
	 */
	boolean isStopped(String service) {
		return this.stopped.containsKey(service);
	}

	/**
	 * Closes every circuit breaker of every running service (the gateway's included), so
	 * that what a test observes next does not depend on failures counted before it.
	 */
	void resetCircuitBreakers() {
		for (String service : this.platform.services()) {
			ConfigurableApplicationContext context = this.platform.context(service);
			if (this.stopped.containsKey(service) || !context.isActive()) {
				continue;
			}
			context.getBeanProvider(CircuitBreakerRegistry.class)
				.ifAvailable((registry) -> registry.getAllCircuitBreakers().forEach(CircuitBreaker::reset));
		}
	}

	/**
	 * The arguments with the API and management ports fixed to those in use (a service
	 * first started on port 0 would otherwise come back elsewhere).
	 */
	static String[] pinPorts(String[] args, int port, int managementPort) {
		List<String> pinned = new ArrayList<>(Arrays.stream(args)
			.filter((arg) -> !arg.startsWith("--server.port=") && !arg.startsWith("--management.server.port="))
			.toList());
		pinned.add("--server.port=" + port);
		pinned.add("--management.server.port=" + managementPort);
		return pinned.toArray(String[]::new);
	}

}
