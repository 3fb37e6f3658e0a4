package dev.corelake.platform.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The config client against a stand-in config-service ({@link StubConfigServer}): startup
 * read, cache, pushed changes applied without restart, invalid pushed values rejected,
 * start from cache with the server down and catch-up when it returns, no cache and no
 * server, corrupt and foreign caches, masked secrets, shadowed keys, and the switches
 * that turn the import or the watch off. config-service's module runs the same paths
 * against the real server ({@code ConfigClientAgainstServerTests}).
 *
 * @author Corelake
 */
class ConfigClientTests {

	private static final AtomicInteger NAMES = new AtomicInteger();

	@TempDir
	Path directory;

	private StubConfigServer server;

	private final List<AutoCloseable> started = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = StubConfigServer.start(0);
		this.started.add(this.server);
	}

	@AfterEach
	void stopEverything() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	private static String uniqueService() {
		return "demo-" + NAMES.incrementAndGet();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private ConfigurableApplicationContext startClient(String service, String importLocation, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.application.name=" + service,
				"--spring.config.import=" + importLocation, "--corelake.config.client.token=" + StubConfigServer.TOKEN,
				"--corelake.config.client.cache-file=" + cacheFile(service),
				"--corelake.config.client.retry-delay=100ms", "--corelake.config.client.watch-timeout=10s"));
		args.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		this.started.add(context);
		return context;
	}

	private Path cacheFile(String service) {
		return this.directory.resolve(service + ".json");
	}

	private String serverImport() {
		return "corelake-config:" + this.server.url();
	}

	private static DemoApplication.DemoProperties demo(ConfigurableApplicationContext context) {
		return context.getBean(DemoApplication.DemoProperties.class);
	}

	private static ConfigClientState state(ConfigurableApplicationContext context) {
		return context.getBean(ConfigClientAutoConfiguration.STATE_BEAN, ConfigClientState.class);
	}

	private static String health(ConfigurableApplicationContext context) {
		return context.getBean("corelakeConfigHealthIndicator", HealthIndicator.class)
			.health(true)
			.getStatus()
			.getCode();
	}

	@Test
	void startReadsTheViewCachesItAndAppliesPushedChangesWithoutRestart() throws Exception {
		String service = uniqueService();
		this.server.set(service,
				Map.of("demo.page-size", "20", "demo.greeting", "hello", "demo.password", ConfigSnapshot.MASK),
				"demo.password");

		ConfigurableApplicationContext client = startClient(service, serverImport());
		assertThat(demo(client).getPageSize()).isEqualTo(20);
		assertThat(demo(client).getGreeting()).isEqualTo("hello");
		assertThat(demo(client).getPassword()).as("a masked secret is left out, not bound as ******")
			.isEqualTo("local-password");
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.SERVER);
		assertThat(health(client)).isEqualTo("UP");
		assertThat(Files.readString(cacheFile(service))).contains("\"demo.page-size\":\"20\"");

		this.server.set(service, Map.of("demo.page-size", "30", "demo.greeting", "hello"));
		await().atMost(Duration.ofSeconds(10)).until(() -> demo(client).getPageSize() == 30);
		assertThat(client.getEnvironment().getProperty("demo.page-size")).isEqualTo("30");
		assertThat(state(client).appliedRevision()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readString(cacheFile(service)).contains("\"demo.page-size\":\"30\""));
	}

	@Test
	void pushedValueThatFailsValidationIsRejectedAndThePreviousValueKept() throws Exception {
		String service = uniqueService();
		this.server.set(service, Map.of("demo.page-size", "20"));
		ConfigurableApplicationContext client = startClient(service, serverImport());
		long applied = state(client).appliedRevision();

		this.server.set(service, Map.of("demo.page-size", "500"));
		await().atMost(Duration.ofSeconds(10)).until(() -> state(client).rejected() != null);
		assertThat(state(client).rejected()).contains("'demo' fails validation").contains("pageSize");
		assertThat(demo(client).getPageSize()).isEqualTo(20);
		assertThat(client.getEnvironment().getProperty("demo.page-size")).isEqualTo("20");
		assertThat(state(client).appliedRevision()).isEqualTo(applied);
		assertThat(Files.readString(cacheFile(service))).doesNotContain("\"500\"");
		assertThat(client.getBean(ConfigClientAutoConfiguration.ConfigClientEndpoint.class).report())
			.containsKey("rejected");

		this.server.set(service, Map.of("demo.page-size", "40"));
		await().atMost(Duration.ofSeconds(10)).until(() -> demo(client).getPageSize() == 40);
		assertThat(state(client).rejected()).isNull();
	}

	@Test
	void serverDownThenStartsFromCacheDegradedAndCatchesUpWhenItReturns() throws Exception {
		String service = uniqueService();
		this.server.set(service, Map.of("demo.page-size", "25"));
		startClient(service, serverImport()).close();

		int laterPort = freePort();
		ConfigurableApplicationContext client = startClient(service, "corelake-config:http://127.0.0.1:" + laterPort);
		assertThat(demo(client).getPageSize()).isEqualTo(25);
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.CACHE);
		assertThat(health(client)).isEqualTo("DEGRADED");

		StubConfigServer later = StubConfigServer.start(laterPort);
		this.started.add(later);
		later.set(service, Map.of("demo.page-size", "35"));
		await().atMost(Duration.ofSeconds(15)).until(() -> demo(client).getPageSize() == 35);
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.SERVER);
		assertThat(health(client)).isEqualTo("UP");
	}

	@Test
	void noServerAndNoCacheThenStartupFailsClearlyUnlessOptional() throws Exception {
		String service = uniqueService();
		String nowhere = "corelake-config:http://127.0.0.1:" + freePort();
		assertThatException().isThrownBy(() -> startClient(service, nowhere))
			.withStackTraceContaining("did not answer")
			.withStackTraceContaining("no usable cache");

		ConfigurableApplicationContext client = startClient(service, "optional:" + nowhere);
		assertThat(demo(client).getPageSize()).as("local defaults").isEqualTo(10);
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.NONE);
		assertThat(health(client)).isEqualTo("DEGRADED");
	}

	@Test
	void serverThatRefusesTheTokenCountsAsUnreachable() {
		String service = uniqueService();
		this.server.acceptOnly("another-token");
		assertThatException().isThrownBy(() -> startClient(service, serverImport()))
			.withStackTraceContaining("answered HTTP 401");
	}

	@Test
	void corruptOrForeignCacheIsIgnoredNotHalfUsed() throws Exception {
		String service = uniqueService();
		String nowhere = "corelake-config:http://127.0.0.1:" + freePort();
		Files.writeString(cacheFile(service),
				"{\"namespace\":\"" + service + "\",\"profile\":\"default\",\"revision\":3,\"prop",
				StandardCharsets.UTF_8);
		assertThatException().isThrownBy(() -> startClient(service, nowhere))
			.withStackTraceContaining("no usable cache");
		Files.writeString(cacheFile(service), "{\"namespace\":\"someone-else\",\"profile\":\"default\",\"revision\":3,"
				+ "\"properties\":{\"demo.page-size\":\"99\"}}", StandardCharsets.UTF_8);
		ConfigurableApplicationContext client = startClient(service, "optional:" + nowhere);
		assertThat(demo(client).getPageSize()).isEqualTo(10);
	}

	@Test
	void keysShadowedByLocalSettingsAreReported() {
		String service = uniqueService();
		this.server.set(service, Map.of("demo.page-size", "20", "demo.greeting", "from config-service"));
		ConfigurableApplicationContext client = startClient(service, serverImport(),
				"--demo.greeting=from-the-command-line");
		assertThat(demo(client).getGreeting()).isEqualTo("from-the-command-line");
		Map<String, Object> report = client.getBean(ConfigClientAutoConfiguration.ConfigClientEndpoint.class).report();
		assertThat(report.get("shadowed")).asString()
			.contains("key=demo.greeting, shadowedBy=commandLineArgs")
			.doesNotContain("demo.page-size")
			.doesNotContain("from config-service");
		assertThat(report).containsEntry("source", "SERVER").containsEntry("namespace", service);
	}

	@Test
	void disabledImportReadsNothingAndStartsNoClient() {
		String service = uniqueService();
		this.server.set(service, Map.of("demo.page-size", "20"));
		ConfigurableApplicationContext client = startClient(service, serverImport(),
				"--corelake.config.client.enabled=false");
		assertThat(demo(client).getPageSize()).isEqualTo(10);
		assertThat(client.containsBean(ConfigClientAutoConfiguration.STATE_BEAN)).isFalse();
		assertThat(client.getBeanProvider(ConfigWatcher.class).getIfAvailable()).isNull();
		assertThat(this.server.viewReads()).isZero();
	}

	@Test
	void watchSwitchedOffThenReadsAtStartupOnly() {
		String service = uniqueService();
		this.server.set(service, Map.of("demo.page-size", "20"));
		ConfigurableApplicationContext client = startClient(service, serverImport(),
				"--corelake.config.client.watch=false");
		assertThat(demo(client).getPageSize()).isEqualTo(20);
		assertThat(client.getBean(ConfigWatcher.class).isRunning()).isFalse();
		assertThat(this.server.viewReads()).isEqualTo(1);
	}

}
