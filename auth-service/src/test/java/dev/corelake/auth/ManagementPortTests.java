package dev.corelake.auth;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port answers probes without a token, while the API port keeps actuator
 * paths behind authentication.
 *
 * @author Corelake
 */
class ManagementPortTests extends AbstractApiTests {

	@Autowired
	private Environment environment;

	@Test
	void healthProbesWhenCalledOnTheManagementPortThenUpWithoutAToken() {
		AuthApi management = new AuthApi(this.environment.getRequiredProperty("local.management.port", Integer.class));
		for (String probe : new String[] { "liveness", "readiness" }) {
			Answer health = management.get("/actuator/health/" + probe, null);
			assertThat(health.status()).as(health.body()).isEqualTo(200);
			assertThat(health.body()).contains("\"UP\"");
		}
		this.api.get("/actuator/health", null).assertProblem(401, "AUTHENTICATION_REQUIRED");
	}

}
