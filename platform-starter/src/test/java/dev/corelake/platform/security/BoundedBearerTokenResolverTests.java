package dev.corelake.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link BoundedBearerTokenResolver} answers exactly as Spring Security's
 * {@link DefaultBearerTokenResolver} (same token, or the same refusal) for well-formed
 * and malformed headers, and refuses oversized tokens before reading them.
 */
class BoundedBearerTokenResolverTests {

	private final BoundedBearerTokenResolver resolver = new BoundedBearerTokenResolver(8192);

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void headersAreResolvedOrRefusedAsSpringSecurityDoes() {
		List<String> headers = new ArrayList<>(List.of("Bearer abc", "bearer abc", "BEARER abc.def-ghi_jkl~mno+p/q==",
				"Bearer abc=", "Bearer a==", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer abc def",
				"Bearer abc=d", "Bearer =abc", "Bearer ab\tc", "Bearer abc\n", "Bearer é", "Bearerabc",
				"Basic dXNlcg==", "Token abc", "", " Bearer abc", "Bearer\tabc", "bearers abc", "Bearer abc%3D"));
		for (char c = 0; c < 256; c++) {
			headers.add("Bearer ab" + c + "cd");
		}
		for (String header : headers) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
			request.addHeader("Authorization", header);
			assertThat(outcome(this.resolver, request)).as("[%s]", header).isEqualTo(outcome(this.spring, request));
		}
	}

	@Test
	void requestWithoutAuthorizationHasNoToken() {
		assertThat(this.resolver.resolve(new MockHttpServletRequest("GET", "/api/v1/things"))).isNull();
	}

	@Test
	void tokenInTheQueryAsWellAsTheHeaderIsTreatedAsSpringSecurityDoes() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
		request.setQueryString("access_token=xyz");
		request.addParameter("access_token", "xyz");
		request.addHeader("Authorization", "Bearer abc");
		assertThat(outcome(this.resolver, request)).isEqualTo(outcome(this.spring, request)).isEqualTo("token: abc");
	}

	@Test
	void tokenOnlyInTheQueryIsNotUsed() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
		request.setQueryString("access_token=xyz");
		request.addParameter("access_token", "xyz");
		assertThat(this.resolver.resolve(request)).isNull();
	}

	@Test
	void oversizedTokenIsRefusedBeforeItIsRead() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
		request.addHeader("Authorization", "Bearer " + "a".repeat(8193));
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> this.resolver.resolve(request))
			.withMessage("Bearer token too large");
	}

	private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
			MockHttpServletRequest request) {
		try {
			return "token: " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused: " + ex.getError().getErrorCode() + " " + ex.getMessage();
		}
	}

}
