package dev.corelake.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * This service's own access token, for calls made outside any user's request (background
 * jobs): obtained with the client-credentials grant and reused until shortly before it
 * expires.
 *
 * @author Corelake
 */
public class ClientCredentialsTokens {

	private final RestClient tokenEndpoint;

	private final String clientId;

	private final String clientSecret;

	private final Clock clock;

	private String token;

	private Instant refreshAt = Instant.MIN;

	/**
	 * Creates the source.
	 * @param tokenEndpoint client whose base URL is the token endpoint (with timeouts)
	 * @param clientId this service's client id, or {@code null} when it has none
	 * @param clientSecret the client's secret
	 * @param clock the clock
	 */
	public ClientCredentialsTokens(RestClient tokenEndpoint, String clientId, String clientSecret, Clock clock) {
		this.tokenEndpoint = tokenEndpoint;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.clock = clock;
	}

	/**
	 * The current token, fetched when missing or about to expire.
	 * @return the token, or empty when no client is configured
	 */
	public synchronized Optional<String> token() {
		if (this.clientId == null || this.clientId.isBlank()) {
			return Optional.empty();
		}
		if (this.token == null || !this.clock.instant().isBefore(this.refreshAt)) {
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", "client_credentials");
			form.add("client_id", this.clientId);
			form.add("client_secret", this.clientSecret);
			TokenResponse response = this.tokenEndpoint.post()
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(TokenResponse.class);
			if (response == null || response.access_token() == null) {
				return Optional.empty();
			}
			this.token = response.access_token();
			long lifetime = Math.max(1, response.expires_in());
			// refresh when 80% of the lifetime has passed
			this.refreshAt = this.clock.instant().plusSeconds(lifetime * 4 / 5);
		}
		return Optional.of(this.token);
	}

	/**
	 * The token endpoint's answer (members as RFC 6749 names them).
	 *
	 * @param access_token the token
	 * @param expires_in its lifetime in seconds
	 */
	@SuppressWarnings("checkstyle:RecordComponentName")
	record TokenResponse(String access_token, long expires_in) {
	}

}
