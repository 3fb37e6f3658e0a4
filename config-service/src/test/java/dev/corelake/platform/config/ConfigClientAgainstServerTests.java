package dev.corelake.platform.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.config.ConfigServiceApplication;
import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * The config client against a real config-service: startup read, cache, start from cache
 * with the server down and catch-up when it returns, no cache and no server, corrupt
 * cache, pushed changes applied without restart, invalid pushed values rejected, masked
 * secrets left out, and shadowed keys reported. The client lives in platform-starter,
 * which cannot depend on config-service, so these tests live here; platform-starter's
 * {@code ConfigClientTests} cover the same paths against a stand-in server.
 *
 * @author Corelake
 */
class ConfigClientAgainstServerTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static TestJwtIssuer issuer;

	private static ConfigurableApplicationContext server;

	private static int serverPort;

	@TempDir
	static Path directory;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	@BeforeAll
	static void startServer() throws IOException {
		issuer = TestJwtIssuer.start();
		serverPort = freePort();
		server = startServer(serverPort, "server");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
		issuer.close();
	}

	@AfterEach
	void stopClients() {
		this.started.forEach(ConfigurableApplicationContext::close);
	}

	static ConfigurableApplicationContext startServer(int port, String database) {
		return new SpringApplicationBuilder(ConfigServiceApplication.class).run(
				"--spring.config.name=" + ConfigServiceApplication.CONFIG_NAME,
				"--spring.datasource.url=jdbc:h2:mem:" + database + "-" + port
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--server.port=" + port, "--management.server.port=0",
				"--corelake.platform.security.auth-url=" + issuer.authUrl(),
				"--corelake.config.secrets.key-file=" + directory.resolve("secrets-" + port + ".key"),
				"--corelake.config.watch.timeout=2s", "--corelake.config.watch.poll-interval=100ms");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String uniqueService() {
		return "demo-" + NAMES.incrementAndGet();
	}

	private static void write(int port, String namespace, String json) throws Exception {
		String path = "http://localhost:" + port + "/api/v1/config/namespaces/" + namespace
				+ "/profiles/default/properties";
		String admin = issuer.token("alice", "ADMIN");
		HttpResponse<String> current = HTTP.send(
				HttpRequest.newBuilder(URI.create(path)).header("Authorization", "Bearer " + admin).build(),
				HttpResponse.BodyHandlers.ofString());
		String etag = current.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> written = HTTP.send(HttpRequest.newBuilder(URI.create(path))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.header("If-Match", etag)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
	}

	private ConfigurableApplicationContext startClient(String service, String importLocation, String... extra) {
		List<String> args = new ArrayList<>(
				List.of("--spring.application.name=" + service, "--spring.config.import=" + importLocation,
						"--corelake.config.client.token=" + issuer.token(service,
								(claims) -> claims.claim("roles", List.of())
									.claim("scope", "config.read")
									.claim("client_id", service),
								(header) -> {
								}),
						"--corelake.config.client.cache-file=" + directory.resolve(service + ".json"),
						"--corelake.config.client.retry-delay=100ms", "--corelake.config.client.watch-timeout=10s",
						"--spring.datasource.url=jdbc:h2:mem:client-" + service, "--spring.flyway.enabled=false"));
		args.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		this.started.add(context);
		return context;
	}

	private static String serverImport() {
		return "corelake-config:http://localhost:" + serverPort;
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
		write(serverPort, "application", "{\"set\":[{\"key\":\"demo.greeting\",\"value\":\"hello " + service + "\"}]}");
		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"20\"},"
				+ "{\"key\":\"demo.password\",\"value\":\"server-secret\",\"secret\":true}]}");

		ConfigurableApplicationContext client = startClient(service, serverImport());
		assertThat(demo(client).getPageSize()).isEqualTo(20);
		assertThat(demo(client).getGreeting()).isEqualTo("hello " + service);
		assertThat(demo(client).getPassword()).as("a masked secret is left out, not bound as ******")
			.isEqualTo("local-password");
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.SERVER);
		assertThat(health(client)).isEqualTo("UP");
		assertThat(Files.readString(directory.resolve(service + ".json"))).contains("\"demo.page-size\":\"20\"");

		write(serverPort, service, "{\"message\":\"push\",\"set\":[{\"key\":\"demo.page-size\",\"value\":\"30\"}]}");
		await().atMost(Duration.ofSeconds(10)).until(() -> demo(client).getPageSize() == 30);
		assertThat(client.getEnvironment().getProperty("demo.page-size")).isEqualTo("30");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readString(directory.resolve(service + ".json")).contains("\"demo.page-size\":\"30\""));
	}

	@Test
	void pushedValueThatFailsValidationIsRejectedAndThePreviousValueKept() throws Exception {
		String service = uniqueService();
		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"20\"}]}");
		ConfigurableApplicationContext client = startClient(service, serverImport());
		long applied = state(client).appliedRevision();

		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"500\"}]}");
		await().atMost(Duration.ofSeconds(10)).until(() -> state(client).rejected() != null);
		assertThat(state(client).rejected()).contains("'demo' fails validation").contains("pageSize");
		assertThat(demo(client).getPageSize()).isEqualTo(20);
		assertThat(client.getEnvironment().getProperty("demo.page-size")).isEqualTo("20");
		assertThat(state(client).appliedRevision()).isEqualTo(applied);
		assertThat(Files.readString(directory.resolve(service + ".json"))).doesNotContain("\"500\"");

		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"40\"}]}");
		await().atMost(Duration.ofSeconds(10)).until(() -> demo(client).getPageSize() == 40);
		assertThat(state(client).rejected()).isNull();
	}

	@Test
	void serverDownThenStartsFromCacheDegradedAndCatchesUpWhenItReturns() throws Exception {
		String service = uniqueService();
		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"25\"}]}");
		startClient(service, serverImport()).close();

		int laterPort = freePort();
		ConfigurableApplicationContext client = startClient(service, "corelake-config:http://localhost:" + laterPort);
		assertThat(demo(client).getPageSize()).isEqualTo(25);
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.CACHE);
		assertThat(health(client)).isEqualTo("DEGRADED");

		ConfigurableApplicationContext second = startServer(laterPort, "second");
		try {
			write(laterPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"35\"}]}");
			await().atMost(Duration.ofSeconds(15)).until(() -> demo(client).getPageSize() == 35);
			assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.SERVER);
			assertThat(health(client)).isEqualTo("UP");
		}
		finally {
			client.close();
			second.close();
		}
	}

	@Test
	void noServerAndNoCacheThenStartupFailsClearlyUnlessOptional() throws Exception {
		String service = uniqueService();
		String nowhere = "corelake-config:http://localhost:" + freePort();
		assertThatException().isThrownBy(() -> startClient(service, nowhere))
			.withStackTraceContaining("did not answer")
			.withStackTraceContaining("no usable cache");

		ConfigurableApplicationContext client = startClient(service, "optional:" + nowhere);
		assertThat(demo(client).getPageSize()).as("local defaults").isEqualTo(10);
		assertThat(state(client).source()).isEqualTo(ConfigClientState.Source.NONE);
		assertThat(health(client)).isEqualTo("DEGRADED");
	}

	@Test
	void corruptOrForeignCacheIsIgnoredNotHalfUsed() throws Exception {
		String service = uniqueService();
		String nowhere = "corelake-config:http://localhost:" + freePort();
		Path cache = directory.resolve(service + ".json");
		Files.writeString(cache, "{\"namespace\":\"" + service + "\",\"profile\":\"default\",\"revision\":3,\"prop",
				StandardCharsets.UTF_8);
		assertThatException().isThrownBy(() -> startClient(service, nowhere))
			.withStackTraceContaining("no usable cache");
		Files.writeString(cache, "{\"namespace\":\"someone-else\",\"profile\":\"default\",\"revision\":3,"
				+ "\"properties\":{\"demo.page-size\":\"99\"}}", StandardCharsets.UTF_8);
		ConfigurableApplicationContext client = startClient(service, "optional:" + nowhere);
		assertThat(demo(client).getPageSize()).isEqualTo(10);
	}

	@Test
	void keysShadowedByLocalSettingsAreReported() throws Exception {
		String service = uniqueService();
		write(serverPort, service, "{\"set\":[{\"key\":\"demo.page-size\",\"value\":\"20\"},"
				+ "{\"key\":\"demo.greeting\",\"value\":\"from config-service\"}]}");
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

}
