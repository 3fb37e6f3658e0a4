package dev.corelake.auth.security;

import java.time.Clock;
import java.util.List;

import dev.corelake.auth.key.SigningKeys;
import dev.corelake.auth.system.AuthProperties;
import dev.corelake.auth.token.Revocations;
import dev.corelake.errors.security.ProblemAccessDeniedHandler;
import dev.corelake.errors.security.ProblemAuthenticationEntryPoint;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.platform.security.CorelakeAuthorities;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Protects auth-service's own API. The token, revocation and well-known endpoints and the
 * revocation feed are public; users, clients and keys are for ADMINs; everything else
 * needs a valid bearer token. Sessions are stateless and CSRF protection is off: no
 * cookie ever authenticates a request here. 401 and 403 are answered as problems.
 * <p>
 * Tokens are verified in-process against the key ring (no JWKS round trip), pinned to
 * RS256 and {@code typ: at+jwt}, with {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf} checked with the configured skew, and the {@code jti} checked against the
 * denylist. Roles and scopes become authorities as everywhere on the platform
 * ({@link CorelakeAuthorities}). The bean names make the platform starter's
 * resource-server auto-configuration back off.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final RequestMatcher PUBLIC_ENDPOINTS = new OrRequestMatcher(
			PathPatternRequestMatcher.pathPattern("/api/v1/auth/token"),
			PathPatternRequestMatcher.pathPattern("/api/v1/auth/revoke"),
			PathPatternRequestMatcher.pathPattern("/api/v1/auth/revocations"),
			PathPatternRequestMatcher.pathPattern("/.well-known/jwks.json"),
			PathPatternRequestMatcher.pathPattern("/.well-known/openid-configuration"));

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, Revocations revocations, AuthProperties properties, Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.jwkSource())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setAllowEmptyNotBeforeClaim(false);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()),
				new JwtTypeValidator("at+jwt"), new JwtClaimValidator<>(JwtClaimNames.SUB, (sub) -> sub != null),
				new RevokedTokenValidator(revocations))));
		return decoder;
	}

	/** The filter chain, in servlet web applications only. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class FilterChainConfiguration {

		@Bean
		SecurityFilterChain corelakeSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, ProblemWriter writer)
				throws Exception {
			ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(writer);
			ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(writer);
			http.csrf(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
					.permitAll()
					.requestMatchers(EndpointRequest.toAnyEndpoint())
					.permitAll()
					.requestMatchers(PUBLIC_ENDPOINTS)
					.permitAll()
					.requestMatchers("/api/v1/auth/users/**", "/api/v1/auth/clients/**", "/api/v1/auth/keys/**")
					.hasRole("ADMIN")
					.anyRequest()
					.authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer
					.jwt((jwt) -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new CorelakeAuthorities()))
					.bearerTokenResolver(new ProtectedBearerTokenResolver(PUBLIC_ENDPOINTS))
					.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler(accessDenied))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler(accessDenied));
			return http.build();
		}

	}

}
