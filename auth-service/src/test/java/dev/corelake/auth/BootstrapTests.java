package dev.corelake.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starting the service for real, with an empty data directory: the bootstrap admin
 * (generated and printed once locally, supplied in production), the key-encryption key
 * file, and startup refusing to run in the {@code prod} profile without its secrets.
 *
 * @author Corelake
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTests {

	private static final Pattern GENERATED = Pattern.compile("password: (\\S+)");

	@TempDir
	Path dataDir;

	@Test
	void firstStartWhenNoPasswordIsSetThenOneIsGeneratedLoggedOnceAndWorks(CapturedOutput output) throws Exception {
		String password;
		try (ConfigurableApplicationContext context = start()) {
			Matcher matcher = GENERATED.matcher(output.getOut());
			assertThat(matcher.find()).as(output.getOut()).isTrue();
			password = matcher.group(1);
			assertThat(output.getOut()).contains("WARN").contains("bootstrap administrator created");
			assertThat(new AuthApi(port(context)).login("admin", password).access()).isNotBlank();
		}
		Path keyFile = this.dataDir.resolve("auth/key-encryption.key");
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim())).hasSize(32);
		int printed = output.getOut().length();
		try (ConfigurableApplicationContext context = start()) {
			assertThat(output.getOut().substring(printed)).doesNotContain(password)
				.doesNotContain("bootstrap administrator created");
			assertThat(new AuthApi(port(context)).login("admin", password).access())
				.as("the second start reads the same keys and users")
				.isNotBlank();
		}
	}

	@Test
	void firstStartWhenPasswordAndPlatformSecretAreSuppliedThenNeitherIsLogged(CapturedOutput output) {
		String password = "Supplied-Admin-Pass-77";
		String secret = "supplied-platform-secret-0123456789abcdef";
		try (ConfigurableApplicationContext context = start("--corelake.auth.admin-password=" + password,
				"--corelake.auth.platform-client.secret=" + secret)) {
			AuthApi api = new AuthApi(port(context));
			assertThat(api.login("admin", password).access()).isNotBlank();
			assertThat(api
				.formWith(AuthApi.TOKEN, AuthApi.basic("corelake-platform", secret), "grant_type", "client_credentials")
				.status()).isEqualTo(200);
		}
		assertThat(output.getAll()).doesNotContain(password)
			.doesNotContain(secret)
			.contains("with the password from CORELAKE_ADMIN_PASSWORD");
	}

	@Test
	void prodStartWhenNoAdminPasswordThenStartupStopsWithAClearMessage() throws Exception {
		Path keyFile = this.dataDir.resolve("kek");
		Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]));
		assertThatException()
			.isThrownBy(
					() -> start("--spring.profiles.active=prod", "--corelake.auth.keys.encryption-key-file=" + keyFile))
			.satisfies((ex) -> assertThat(messages(ex)).anyMatch(
					(message) -> message.contains("CORELAKE_ADMIN_PASSWORD") && message.contains("prod profile")));
	}

	@Test
	void prodStartWhenKeyEncryptionKeyFileIsMissingThenStartupStopsAndNothingIsGenerated() {
		assertThatException()
			.isThrownBy(
					() -> start("--spring.profiles.active=prod", "--corelake.auth.admin-password=Prod-Admin-Pass-99"))
			.satisfies((ex) -> assertThat(messages(ex))
				.anyMatch((message) -> message.contains("key-encryption key file") && message.contains("Secret")));
		assertThat(this.dataDir.resolve("auth/key-encryption.key")).doesNotExist();
	}

	@Test
	void firstStartWhenSuppliedPasswordIsWeakThenStartupStopsWithoutPrintingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--corelake.auth.admin-password=password1234"))
			.satisfies((ex) -> assertThat(messages(ex))
				.anyMatch((message) -> message.contains("does not meet the password policy")
						&& message.contains("too common") && !message.contains("password1234")));
		assertThat(output.getAll()).doesNotContain("password1234");
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--corelake.data-dir=" + this.dataDir, "--corelake.auth.maintenance-interval=PT1H"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(AuthServiceApplication.class).registerShutdownHook(false)
			.run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

}
