package dev.corelake.sync.net;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.system.SourcePolicyProperties;
import dev.corelake.sync.system.SyncErrorCode;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches http(s) sources without letting a URL reach what it must not (server-side
 * request forgery): the scheme must be http or https, the host must be on the allowlist,
 * IP addresses written in odd forms (decimal {@code 2130706433}, hex {@code 0x7f000001},
 * octal, shortened {@code 127.1}) are refused, every address a name resolves to must be
 * allowed by the {@link AddressPolicy} — checked by the HTTP client's own resolver, so
 * the connection goes to exactly the address checked (no second lookup for DNS rebinding
 * to exploit) — and the address actually connected to is checked again. Redirects are
 * followed by hand, each hop checked like the first URL. No proxy is used.
 *
 * @author Corelake
 */
public class UrlFetcher implements Closeable {

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	private final SourcePolicyProperties.Url settings;

	private final AddressPolicy addresses;

	private final CloseableHttpClient client;

	/**
	 * Creates the fetcher.
	 * @param settings allowlist, address rules and timeouts
	 */
	public UrlFetcher(SourcePolicyProperties.Url settings) {
		this.settings = settings;
		this.addresses = new AddressPolicy(settings.allowPrivateNetworks(), settings.allowedNetworks());
		ConnectionConfig connection = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.setSocketTimeout(Timeout.of(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new CheckingResolver())
				.setDefaultConnectionConfig(connection)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	/**
	 * Checks a URL without connecting: scheme, credentials, host form and allowlist, and
	 * an address written as the host.
	 * @param uri the URL
	 * @throws CorelakeException {@code SOURCE_NOT_ALLOWED} when refused
	 */
	public void check(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw refused("only http and https URLs are allowed, not '" + uri.getScheme() + "'");
		}
		if (uri.getRawUserInfo() != null) {
			throw refused("URLs must not carry credentials");
		}
		String host = host(uri);
		InetAddress literal = literal(host);
		if (literal != null && !this.addresses.allows(literal)) {
			throw refused("address " + literal.getHostAddress() + " is loopback, private, link-local or otherwise "
					+ "special, and not allowed");
		}
		if (!allowlisted(host)) {
			throw refused("host '" + host + "' is not on the allowlist (corelake.sync.sources.url.allowed-hosts)");
		}
	}

	/**
	 * Opens a URL for reading, following redirects (each hop checked).
	 * @param uri the URL
	 * @return the answer, to be closed
	 * @throws CorelakeException {@code SOURCE_NOT_ALLOWED} when refused,
	 * {@code SOURCE_UNREACHABLE} when it cannot be reached, {@code SOURCE_READ_FAILED}
	 * for an error status
	 */
	public Fetched open(URI uri) {
		URI current = uri;
		for (int hop = 0;; hop++) {
			check(current);
			HttpClientContext context = HttpClientContext.create();
			ClassicHttpResponse response;
			try {
				response = this.client.executeOpen(null, new HttpGet(current), context);
			}
			catch (CorelakeException ex) {
				throw ex;
			}
			catch (IOException ex) {
				CorelakeException refusal = refusalCause(ex);
				if (refusal != null) {
					throw refusal;
				}
				throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE,
						"Could not fetch " + redacted(current) + ": " + ex.getMessage(), ex);
			}
			try {
				checkConnectedAddress(context, current);
				int status = response.getCode();
				if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
					Header location = response.getFirstHeader("Location");
					if (location == null) {
						throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
								redacted(current) + " answered a redirect without a Location");
					}
					if (hop >= this.settings.maxRedirects()) {
						throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
								"More than " + this.settings.maxRedirects() + " redirects from " + redacted(uri));
					}
					URI next = resolve(current, location.getValue());
					response.close();
					current = next;
					continue;
				}
				if (status != 200) {
					throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
							redacted(current) + " answered HTTP " + status);
				}
				HttpEntity entity = response.getEntity();
				if (entity == null) {
					throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED, redacted(current) + " sent no body");
				}
				return new Fetched(new ResponseStream(entity.getContent(), response), entity.getContentLength(),
						value(response.getFirstHeader("ETag")), value(response.getFirstHeader("Last-Modified")),
						current);
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(response);
				if (ex instanceof CorelakeException corelake) {
					throw corelake;
				}
				throw new CorelakeException(SyncErrorCode.SOURCE_UNREACHABLE,
						"Could not read " + redacted(current) + ": " + ex.getMessage(), ex);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

	/**
	 * A URL for logs and problems: without query (which may hold tokens).
	 * @param uri the URL
	 * @return scheme, host, port and path
	 */
	public static String redacted(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private void checkConnectedAddress(HttpClientContext context, URI uri) {
		EndpointDetails endpoint = context.getEndpointDetails();
		SocketAddress remote = (endpoint != null) ? endpoint.getRemoteAddress() : null;
		if (remote instanceof InetSocketAddress socket && socket.getAddress() != null
				&& !this.addresses.allows(socket.getAddress())) {
			throw refused("the connection to " + redacted(uri) + " went to the refused address "
					+ socket.getAddress().getHostAddress());
		}
	}

	private boolean allowlisted(String host) {
		for (String entry : this.settings.allowedHosts()) {
			String allowed = entry.trim().toLowerCase(Locale.ROOT);
			if (allowed.equals("*") || allowed.equals(host)) {
				return true;
			}
			if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))) {
				return true;
			}
		}
		return false;
	}

	private static String host(URI uri) {
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw refused("the URL has no host (or one that is not a valid host name)");
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			return host;
		}
		try {
			return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw refused("'" + host + "' is not a valid host name");
		}
	}

	/**
	 * The address a host names literally, refusing the non-canonical forms resolvers
	 * accept but people do not read as addresses.
	 */
	private static InetAddress literal(String host) {
		try {
			if (host.startsWith("[")) {
				return InetAddress.getByName(host.substring(1, host.length() - 1));
			}
			// as browsers do: a host whose last label is a number is an IPv4 address
			String last = host.substring(host.lastIndexOf('.') + 1);
			if (last.matches("[0-9]+") || last.matches("0[xX][0-9a-fA-F]*")) {
				if (!DOTTED_QUAD.matcher(host).matches()) {
					throw refused("'" + host + "' is an IP address in a non-canonical form (decimal, hex, octal or "
							+ "shortened); write addresses as four decimal numbers");
				}
				return InetAddress.getByName(host);
			}
			return null;
		}
		catch (UnknownHostException ex) {
			throw refused("'" + host + "' is not a valid address");
		}
	}

	private static URI resolve(URI base, String location) {
		try {
			return base.resolve(new URI(location.trim()));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
					redacted(base) + " redirected to an invalid URL");
		}
	}

	private static CorelakeException refusalCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedAddressException refused) {
				return refused(refused.getMessage());
			}
		}
		return null;
	}

	private static String value(Header header) {
		return (header != null) ? header.getValue() : null;
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// nothing more to do
		}
	}

	static CorelakeException refused(String detail) {
		return new CorelakeException(SyncErrorCode.SOURCE_NOT_ALLOWED, "URL source refused: " + detail + ".");
	}

	/**
	 * An opened URL.
	 *
	 * @param body the body (closing it releases the connection)
	 * @param contentLength its length, -1 when unknown
	 * @param etag the entity tag, or {@code null}
	 * @param lastModified the last-modified date, or {@code null}
	 * @param finalUri the URL after redirects
	 */
	public record Fetched(InputStream body, long contentLength, String etag, String lastModified,
			URI finalUri) implements Closeable {

		@Override
		public void close() throws IOException {
			this.body.close();
		}

	}

	/** Raised inside the HTTP client's resolver; turned into a refusal. */
	static final class RefusedAddressException extends UnknownHostException {

		RefusedAddressException(String message) {
			super(message);
		}

	}

	/** The resolver the client connects with: it hands out checked addresses only. */
	private final class CheckingResolver implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
			InetAddress[] resolved = InetAddress.getAllByName(name);
			List<InetAddress> checked = new ArrayList<>();
			for (InetAddress address : resolved) {
				if (!UrlFetcher.this.addresses.allows(address)) {
					// one refused address refuses the name: its owner chooses which one
					// we get
					throw new RefusedAddressException("host '" + name + "' resolves to " + address.getHostAddress()
							+ ", a loopback, private, link-local or otherwise special address, which is not allowed");
				}
				checked.add(address);
			}
			return checked.toArray(InetAddress[]::new);
		}

		@Override
		public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
			List<InetSocketAddress> addresses = new ArrayList<>();
			for (InetAddress address : resolve(host)) {
				addresses.add(new InetSocketAddress(address, port));
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return host;
		}

	}

	/** The body; closing it closes the response. */
	private static final class ResponseStream extends FilterInputStream {

		private final ClassicHttpResponse response;

		ResponseStream(InputStream in, ClassicHttpResponse response) {
			super(in);
			this.response = response;
		}

		@Override
		public void close() throws IOException {
			try {
				super.close();
			}
			finally {
				this.response.close();
			}
		}

	}

}
