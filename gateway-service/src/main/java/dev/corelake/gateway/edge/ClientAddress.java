package dev.corelake.gateway.edge;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the gateway keeps what it decided about the client of a request.
 *
 * @author Corelake
 */
public final class ClientAddress {

	/** Request attribute: the client's address. */
	public static final String ATTRIBUTE = ClientAddress.class.getName() + ".address";

	/** Request attribute: the scheme the client used. */
	public static final String PROTO_ATTRIBUTE = ClientAddress.class.getName() + ".proto";

	/** Request attribute: the host the client addressed. */
	public static final String HOST_ATTRIBUTE = ClientAddress.class.getName() + ".host";

	private ClientAddress() {
	}

	/**
	 * The client's address, as decided by {@link ForwardedHeadersFilter}.
	 * @param request the request
	 * @return the address (the peer's when the filter did not run)
	 */
	public static String of(HttpServletRequest request) {
		Object address = request.getAttribute(ATTRIBUTE);
		return (address instanceof String value) ? value : request.getRemoteAddr();
	}

}
