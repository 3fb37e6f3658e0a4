package dev.corelake.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.corelake.auth.client.ApiClient;
import dev.corelake.auth.system.AuthProperties;
import dev.corelake.auth.system.Secrets;
import dev.corelake.auth.user.PasswordAuthenticator;
import dev.corelake.auth.user.Role;
import dev.corelake.auth.user.User;
import dev.corelake.auth.user.UserService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grants of the token endpoint. Refresh tokens rotate on every use; presenting one
 * that was already used means it was stolen (or the legitimate client raced itself), so
 * its whole family is revoked, with the access tokens issued from it.
 *
 * @author Corelake
 */
@Service
class TokenService {

	private static final Log log = LogFactory.getLog(TokenService.class);

	private static final String WRONG_CREDENTIALS = "The username or password is incorrect.";

	private static final String BAD_REFRESH_TOKEN = "The refresh token is invalid, expired or revoked.";

	private final PasswordAuthenticator authenticator;

	private final UserService users;

	private final AccessTokenIssuer issuer;

	private final RefreshTokenRepository refreshTokens;

	private final Revocations revocations;

	private final AuthProperties properties;

	private final SecureRandom random;

	private final Clock clock;

	private final TransactionTemplate transaction;

	TokenService(PasswordAuthenticator authenticator, UserService users, AccessTokenIssuer issuer,
			RefreshTokenRepository refreshTokens, Revocations revocations, AuthProperties properties,
			SecureRandom random, Clock clock, PlatformTransactionManager transactionManager) {
		this.authenticator = authenticator;
		this.users = users;
		this.issuer = issuer;
		this.refreshTokens = refreshTokens;
		this.revocations = revocations;
		this.properties = properties;
		this.random = random;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	TokenResponse password(String username, String password, String scope, String address) {
		requireNoScope(scope);
		User user = this.authenticator.authenticate(username, password, address)
			.orElseThrow(() -> OAuthException.invalidGrant(WRONG_CREDENTIALS));
		return this.transaction.execute((status) -> issueForUser(user, UUID.randomUUID().toString()));
	}

	TokenResponse refresh(String refreshToken, String scope) {
		requireNoScope(scope);
		String hash = Secrets.sha256(refreshToken);
		RefreshTokenRepository.StoredRefreshToken stored = this.refreshTokens.find(hash)
			.orElseThrow(() -> OAuthException.invalidGrant(BAD_REFRESH_TOKEN));
		Instant now = this.clock.instant();
		if (stored.revokedAt() != null || !stored.expiresAt().isAfter(now)) {
			throw OAuthException.invalidGrant(BAD_REFRESH_TOKEN);
		}
		if (stored.usedAt() != null) {
			reuseDetected(stored);
		}
		TokenResponse response = this.transaction.execute((status) -> {
			if (!this.refreshTokens.markUsed(hash, now)) {
				return null;
			}
			User user = this.users.find(stored.username()).filter(User::isEnabled).orElse(null);
			if (user == null) {
				status.setRollbackOnly();
				return null;
			}
			return issueForUser(user, stored.familyId());
		});
		if (response == null) {
			// Used concurrently by someone else, or the user is gone: the family ends
			// here
			reuseDetected(stored);
		}
		return response;
	}

	TokenResponse clientCredentials(ApiClient client, String scope) {
		Set<String> granted = client.getScopes();
		Set<String> requested = (scope != null) ? scopes(scope) : granted;
		if (!granted.containsAll(requested)) {
			throw OAuthException.invalidScope("The requested scope exceeds the scopes granted to the client.");
		}
		AccessTokenIssuer.AccessToken token = this.issuer.forClient(client.getClientId(), requested);
		return new TokenResponse(token.value(), "Bearer", seconds(token), null, String.join(" ", requested));
	}

	private TokenResponse issueForUser(User user, String familyId) {
		List<String> roles = user.getRoles().stream().map(Role::name).toList();
		AccessTokenIssuer.AccessToken token = this.issuer.forUser(user.getUsername(), roles);
		String refreshToken = Secrets.generate(this.random);
		Instant now = this.clock.instant();
		this.refreshTokens.insert(new RefreshTokenRepository.StoredRefreshToken(Secrets.sha256(refreshToken), familyId,
				user.getUsername(), now, now.plus(this.properties.refreshTokenTtl()), null, null, token.jti(),
				token.expiresAt()));
		return new TokenResponse(token.value(), "Bearer", seconds(token), refreshToken, null);
	}

	private void reuseDetected(RefreshTokenRepository.StoredRefreshToken stored) {
		this.revocations.revokeFamily(stored.familyId());
		log.warn("Revoked refresh token family " + stored.familyId() + " of user '" + stored.username()
				+ "': a used token was presented again, or its user is disabled");
		throw OAuthException.invalidGrant(BAD_REFRESH_TOKEN);
	}

	private static long seconds(AccessTokenIssuer.AccessToken token) {
		return token.expiresAt().getEpochSecond() - token.issuedAt().getEpochSecond();
	}

	private static void requireNoScope(String scope) {
		if (scope != null) {
			throw OAuthException.invalidScope("Users' tokens carry roles, not scopes; omit the scope parameter.");
		}
	}

	/** Parses a scope parameter: space-separated tokens of RFC 6749's character set. */
	static Set<String> scopes(String scope) {
		if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*")) {
			throw OAuthException.invalidScope("The scope parameter is malformed.");
		}
		return new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
	}

}
