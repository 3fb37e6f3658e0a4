package dev.corelake.gateway.edge;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides who the client is and hides every forwarding header the client sent. The
 * client's address is the connection's, unless the peer is a configured trusted proxy:
 * then {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the
 * first address that is not one is the client. Either way, {@code X-Forwarded-*},
 * {@code Forwarded} and {@code X-Real-IP} are invisible to everything after this filter
 * (rate limits, routing), and the gateway sends its own to the services.
 *
 * @author Corelake
 */
public class ForwardedHeadersFilter extends OncePerRequestFilter {

	private final List<IpAddressMatcher> trustedProxies;

	/**
	 * Creates the filter.
	 * @param trustedProxies addresses or CIDR ranges of trusted proxies
	 */
	public ForwardedHeadersFilter(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::trim).map(IpAddressMatcher::new).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String peer = request.getRemoteAddr();
		String client = peer;
		String proto = request.getScheme();
		String host = request.getHeader("Host");
		if (isTrusted(peer)) {
			client = clientBehind(request, peer);
			proto = firstValue(request.getHeader("X-Forwarded-Proto"), proto);
			host = firstValue(request.getHeader("X-Forwarded-Host"), host);
		}
		request.setAttribute(ClientAddress.ATTRIBUTE, client);
		request.setAttribute(ClientAddress.PROTO_ATTRIBUTE, proto);
		request.setAttribute(ClientAddress.HOST_ATTRIBUTE, host);
		chain.doFilter(new WithoutForwardedHeaders(request), response);
	}

	private String clientBehind(HttpServletRequest request, String peer) {
		String client = peer;
		Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
		List<String> hops = new java.util.ArrayList<>();
		while (headers.hasMoreElements()) {
			for (String hop : headers.nextElement().split(",")) {
				hops.add(hop.trim());
			}
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!isAddress(hop)) {
				break;
			}
			client = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		if (address == null || this.trustedProxies.isEmpty() || !isAddress(address)) {
			return false;
		}
		for (IpAddressMatcher proxy : this.trustedProxies) {
			if (proxy.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/** An IP literal (never a name, which would be looked up). */
	static boolean isAddress(String value) {
		if (value.isEmpty() || value.length() > 45) {
			return false;
		}
		boolean colon = value.indexOf(':') >= 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean ok = (c >= '0' && c <= '9') || c == '.'
					|| (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static String firstValue(String header, String fallback) {
		if (header == null || header.isBlank()) {
			return fallback;
		}
		int comma = header.indexOf(',');
		return ((comma >= 0) ? header.substring(0, comma) : header).trim();
	}

	static boolean isForwardingHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip");
	}

	/** The request without the forwarding headers the client sent. */
	private static final class WithoutForwardedHeaders extends HttpServletRequestWrapper {

		WithoutForwardedHeaders(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return isForwardingHeader(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isForwardingHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(ForwardedHeadersFilter::isForwardingHeader);
			return Collections.enumeration(names);
		}

		@Override
		public long getDateHeader(String name) {
			return isForwardingHeader(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return isForwardingHeader(name) ? -1 : super.getIntHeader(name);
		}

	}

}
