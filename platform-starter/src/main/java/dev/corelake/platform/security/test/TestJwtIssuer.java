package dev.corelake.platform.security.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for auth-service in other services' tests: it serves a real JWKS and
 * revocation feed over HTTP on a random loopback port and mints RS256 tokens following
 * Corelake's token contract, or deliberately broken ones for attack tests.
 *
 * <pre class="code">
 * try (TestJwtIssuer issuer = TestJwtIssuer.start()) {
 *     // corelake.platform.security.auth-url = issuer.authUrl()
 *     String token = issuer.token("alice", "DATA_ENGINEER");
 * }
 * </pre>
 *
 * @author Corelake
 */
public final class TestJwtIssuer implements AutoCloseable {

	/** The issuer the platform expects by default. */
	public static final String ISSUER = "http://localhost:8081";

	/** The audience every token carries. */
	public static final String AUDIENCE = "corelake";

	private final HttpServer server;

	private final List<RSAKey> published = new CopyOnWriteArrayList<>();

	private final List<String> revoked = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final Map<String, String[]> clients = new ConcurrentHashMap<>();

	private volatile RSAKey signing;

	private TestJwtIssuer(HttpServer server) {
		this.server = server;
		rotate();
	}

	/**
	 * Starts an issuer on a random loopback port.
	 * @return the issuer
	 */
	public static TestJwtIssuer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TestJwtIssuer issuer = new TestJwtIssuer(server);
			server.createContext("/.well-known/jwks.json", issuer::jwks);
			server.createContext("/api/v1/auth/revocations", issuer::revocations);
			server.createContext("/api/v1/auth/token", issuer::tokenEndpoint);
			server.start();
			return issuer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The base URL to configure as {@code corelake.platform.security.auth-url}.
	 * @return the URL
	 */
	public URI authUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * How often the JWKS was fetched.
	 * @return the count
	 */
	public int jwksFetches() {
		return this.jwksFetches.get();
	}

	/**
	 * Registers an API client that may use the client-credentials grant at
	 * {@code /api/v1/auth/token}; its tokens carry the client id as subject and
	 * {@code client_id}, no roles, and the scopes.
	 * @param clientId the client id
	 * @param secret its secret
	 * @param scopes space-separated scopes
	 */
	public void registerClient(String clientId, String secret, String scopes) {
		this.clients.put(clientId, new String[] { secret, scopes });
	}

	/**
	 * How many requests reached the token endpoint.
	 * @return the count
	 */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/**
	 * Makes a new key the signing key; the previous one stays published until
	 * {@link #retireOldKeys()}.
	 */
	public void rotate() {
		this.signing = newKey();
		this.published.add(this.signing);
	}

	/** Stops publishing every key but the current one. */
	public void retireOldKeys() {
		this.published.removeIf((key) -> !key.getKeyID().equals(this.signing.getKeyID()));
	}

	/**
	 * Publishes a token id in the revocation feed.
	 * @param jti the token id
	 */
	public void revoke(String jti) {
		this.revoked.add(jti);
	}

	/**
	 * A valid access token for a person.
	 * @param subject the user name
	 * @param roles the user's roles
	 * @return the signed token
	 */
	public String token(String subject, String... roles) {
		return sign(claims(subject, roles).build(), header().build(), this.signing);
	}

	/**
	 * A token whose claims and header the caller changes, signed with the current key.
	 * @param subject the user name
	 * @param claims changes to the claims
	 * @param header changes to the header
	 * @return the signed token
	 */
	public String token(String subject, Consumer<JWTClaimsSet.Builder> claims, Consumer<JWSHeader.Builder> header) {
		JWTClaimsSet.Builder claimsBuilder = claims(subject, "DATA_ENGINEER");
		claims.accept(claimsBuilder);
		JWSHeader.Builder headerBuilder = header();
		header.accept(headerBuilder);
		return sign(claimsBuilder.build(), headerBuilder.build(), this.signing);
	}

	/**
	 * A well-formed token signed by a key that was never published.
	 * @param subject the user name
	 * @return the token
	 */
	public String tokenFromUnknownKey(String subject) {
		RSAKey stranger = newKey();
		return sign(claims(subject, "ADMIN").build(),
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.signing.getKeyID())
					.type(new JOSEObjectType("at+jwt"))
					.build(),
				stranger);
	}

	/**
	 * The public key tokens are currently signed with, for key-confusion attacks.
	 * @return the key
	 */
	public RSAPublicKey publicKey() {
		try {
			return this.signing.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The standard claims of a token.
	 * @param subject the subject
	 * @param roles the roles
	 * @return a builder pre-filled with a valid set
	 */
	public static JWTClaimsSet.Builder claims(String subject, String... roles) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(subject)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of(roles));
	}

	private JWSHeader.Builder header() {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.signing.getKeyID())
			.type(new JOSEObjectType("at+jwt"));
	}

	private static String sign(JWTClaimsSet claims, JWSHeader header, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.toPrivateKey()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void jwks(HttpExchange exchange) throws IOException {
		this.jwksFetches.incrementAndGet();
		List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
		this.published.forEach((key) -> keys.add(key.toPublicJWK()));
		respond(exchange, new JWKSet(keys).toString(true));
	}

	private void revocations(HttpExchange exchange) throws IOException {
		StringBuilder body = new StringBuilder("{\"asOf\":").append(System.currentTimeMillis())
			.append(",\"revoked\":[");
		String expires = Instant.now().plus(Duration.ofHours(1)).toString();
		for (int i = 0; i < this.revoked.size(); i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"jti\":\"")
				.append(this.revoked.get(i))
				.append("\",\"expiresAt\":\"")
				.append(expires)
				.append("\"}");
		}
		respond(exchange, body.append("]}").toString());
	}

	/**
	 * The client-credentials grant only (form parameters {@code client_id} and
	 * {@code client_secret}); anything else is an RFC 6749 error.
	 */
	private void tokenEndpoint(HttpExchange exchange) throws IOException {
		this.tokenRequests.incrementAndGet();
		Map<String, String> form = new HashMap<>();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		String clientId = form.getOrDefault("client_id", "");
		String[] client = this.clients.get(clientId);
		if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
			respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
			return;
		}
		if (client == null || !client[0].equals(form.get("client_secret"))) {
			respond(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		String token = token(clientId,
				(claims) -> claims.claim("roles", List.of()).claim("scope", client[1]).claim("client_id", clientId),
				(header) -> {
				});
		respond(exchange, "{\"access_token\":\"" + token
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":600,\"scope\":\"" + client[1] + "\"}");
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		respond(exchange, 200, json);
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The claims of a token as a map, for assertions.
	 * @param token the token
	 * @return its claims
	 */
	public static Map<String, Object> claimsOf(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().toJSONObject();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
