package dev.corelake.platform.system;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.corelake.errors.client.ProblemResponseErrorHandler;
import dev.corelake.errors.client.UpstreamFailureInterceptor;
import dev.corelake.errors.security.ProblemAccessDeniedHandler;
import dev.corelake.errors.security.ProblemAuthenticationEntryPoint;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.platform.security.BoundedBearerTokenResolver;
import dev.corelake.platform.security.ClientCredentialsTokens;
import dev.corelake.platform.security.CorelakeAuthorities;
import dev.corelake.platform.security.CorelakeJwtDecoders;
import dev.corelake.platform.security.HeaderValues;
import dev.corelake.platform.security.RevokedTokens;
import dev.corelake.platform.security.SecurityProperties;
import dev.corelake.platform.security.TokenRelay;
import feign.RequestInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.client.RestClient;

/**
 * Zero trust in every service: each request needs a valid Corelake access token (checked
 * against auth-service's keys, issuer, audience, expiry and revocation list), 401 and 403
 * are problems, roles are authorities for method security, and outbound calls carry a
 * token.
 * <p>
 * A service that needs its own rules declares a {@code SecurityFilterChain} bean named
 * {@code corelakeSecurityFilterChain}; one with its own key source declares a
 * {@link JwtDecoder}. Both replace the defaults here.
 *
 * @author Corelake
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class PlatformSecurityAutoConfiguration {

	private static final java.time.Duration FEED_TIMEOUT = java.time.Duration.ofSeconds(2);

	@Bean
	@ConditionalOnMissingBean
	RevokedTokens revokedTokens(SecurityProperties properties) {
		return new RevokedTokens(client(properties.revocationsUri().toString()), Clock.systemUTC(),
				properties.clockSkew());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "corelake.platform.security.enabled", matchIfMissing = true)
	SmartLifecycle revocationPolling(RevokedTokens revoked, SecurityProperties properties) {
		return new RevocationPolling(revoked, properties.revocationPollInterval().toMillis());
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties, RevokedTokens revoked) {
		return CorelakeJwtDecoders.strict(CorelakeJwtDecoders.fromJwks(properties, revoked));
	}

	@Bean
	@ConditionalOnMissingBean
	ClientCredentialsTokens clientCredentialsTokens(SecurityProperties properties) {
		return new ClientCredentialsTokens(client(properties.tokenUri().toString()), properties.clientId(),
				properties.clientSecret(), Clock.systemUTC());
	}

	/**
	 * No per-filter security observations: the platform turns them off
	 * ({@code management.observations.enable.spring.security=false}), and this setting
	 * also stops Spring Security from wrapping each filter of every request in an
	 * observation that is then thrown away. Request metrics and traces stay.
	 * @return the settings
	 */
	@Bean
	@ConditionalOnMissingBean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(new HeaderValues());
		firewall.setAllowedHeaderNames(HeaderValues.names());
		return firewall;
	}

	@Bean
	RequestInterceptor tokenRelayFeignInterceptor(ClientCredentialsTokens serviceTokens) {
		return TokenRelay.feignInterceptor(serviceTokens);
	}

	@Bean(name = "corelakeSecurityFilterChain")
	@ConditionalOnMissingBean(name = "corelakeSecurityFilterChain")
	SecurityFilterChain corelakeSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
			JwtDecoder decoder, ProblemWriter problems) throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler(problems);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// no sessions, so nothing to log out of: without this, GET or POST /logout on
			// any service answered a 302 to a login page that does not exist
			.logout((logout) -> logout.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
		if (!properties.enabled()) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		http.authorizeHttpRequests((requests) -> {
			// the management port is never routed from outside; probes must work without
			// a token
			requests.requestMatchers("/actuator/**", "/error").permitAll();
			properties.publicPaths().forEach((path) -> requests.requestMatchers(path).permitAll());
			requests.anyRequest().authenticated();
		})
			.oauth2ResourceServer((server) -> server
				.bearerTokenResolver(new BoundedBearerTokenResolver(properties.maxTokenSize().toBytes()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(new CorelakeAuthorities())));
		return http.build();
	}

	static RestClient client(String url) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(FEED_TIMEOUT)
			.withReadTimeout(FEED_TIMEOUT);
		return RestClient.builder()
			.baseUrl(url)
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.requestInterceptor(new UpstreamFailureInterceptor("auth-service"))
			.defaultStatusHandler(new ProblemResponseErrorHandler("auth-service"))
			.build();
	}

	/** Polls the revocation feed on a daemon thread while the application runs. */
	static final class RevocationPolling implements SmartLifecycle {

		private final RevokedTokens revoked;

		private final long intervalMillis;

		private ScheduledExecutorService scheduler;

		RevocationPolling(RevokedTokens revoked, long intervalMillis) {
			this.revoked = revoked;
			this.intervalMillis = intervalMillis;
		}

		@Override
		public synchronized void start() {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "corelake-revocations");
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler.scheduleWithFixedDelay(this.revoked::poll, 0, this.intervalMillis, TimeUnit.MILLISECONDS);
		}

		@Override
		public synchronized void stop() {
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
		}

		@Override
		public synchronized boolean isRunning() {
			return this.scheduler != null;
		}

	}

}
