package dev.corelake.platform.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.security.ClientCredentialsTokens;
import dev.corelake.platform.security.RevokedTokens;
import org.junit.jupiter.api.Test;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The calls a service makes to auth-service on its own behalf, with auth-service gone:
 * getting its client-credentials token fails fast with a 503 naming auth-service, and
 * reading the revocation feed keeps what it knew.
 *
 * @author Corelake
 */
class ServiceTokensTests {

	@Test
	void authServiceDownThenServiceTokenFailsWithUpstreamUnavailable() throws IOException {
		String url = "http://127.0.0.1:" + closedPort() + "/api/v1/auth/token";
		ClientCredentialsTokens tokens = new ClientCredentialsTokens(PlatformSecurityAutoConfiguration.client(url),
				"catalog-service", "secret", Clock.systemUTC());
		long started = System.nanoTime();
		CorelakeException failure = catchThrowableOfType(CorelakeException.class, tokens::token);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(failure.getStatusCode().value()).isEqualTo(503);
		assertThat(failure.getErrorCode().code()).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThatProblem(503, "application/problem+json", problemJson(failure)).hasUpstreamService("auth-service");
	}

	@Test
	void authServiceDownThenKnownRevocationsAreKept() throws IOException {
		Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		RevokedTokens revoked = new RevokedTokens(
				PlatformSecurityAutoConfiguration.client("http://127.0.0.1:" + closedPort() + "/revocations"), clock,
				Duration.ofSeconds(30));
		revoked.revoke("stolen", clock.instant().plusSeconds(600));
		revoked.poll();
		assertThat(revoked.isRevoked("stolen")).isTrue();
		assertThat(revoked.age()).isNull();
	}

	@Test
	void noClientConfiguredThenNoServiceToken() {
		ClientCredentialsTokens tokens = new ClientCredentialsTokens(
				PlatformSecurityAutoConfiguration.client("http://127.0.0.1:1/token"), null, null, Clock.systemUTC());
		assertThat(tokens.token()).isEmpty();
	}

	private static String problemJson(CorelakeException failure) {
		return "{\"status\":503,\"upstream\":" + tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.writeValueAsString(failure.extensions().get("upstream")) + "}";
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
