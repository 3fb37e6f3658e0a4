package dev.corelake.gateway.edge;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the client is, behind trusted proxies or not, and which headers the rest of the
 * gateway sees.
 *
 * @author Corelake
 */
class ForwardedHeadersFilterTests {

	private final ForwardedHeadersFilter filter = new ForwardedHeadersFilter(List.of("10.0.0.0/8", "192.168.1.7"));

	@Test
	void peerNotTrustedWhenForwardedForSentThenConnectionAddressAndHeadersHidden() throws Exception {
		MockHttpServletRequest request = request("203.0.113.9", "6.6.6.6");
		request.addHeader("Forwarded", "for=6.6.6.6");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Real-IP", "6.6.6.6");
		request.addHeader("Accept", "application/json");
		HttpServletRequest seen = run(request);
		assertThat(ClientAddress.of(seen)).isEqualTo("203.0.113.9");
		assertThat(seen.getAttribute(ClientAddress.PROTO_ATTRIBUTE)).isEqualTo("http");
		assertThat(seen.getHeader("X-Forwarded-For")).isNull();
		assertThat(seen.getHeader("forwarded")).isNull();
		assertThat(seen.getHeaders("X-Real-IP").hasMoreElements()).isFalse();
		assertThat(seen.getIntHeader("X-Forwarded-Port")).isEqualTo(-1);
		assertThat(seen.getDateHeader("X-Forwarded-Date")).isEqualTo(-1);
		assertThat(Collections.list(seen.getHeaderNames())).containsExactly("Accept");
		assertThat(seen.getHeader("Accept")).isEqualTo("application/json");
	}

	@Test
	void peerTrustedWhenForwardedForSentThenRightmostUntrustedHopIsTheClient() throws Exception {
		MockHttpServletRequest request = request("10.1.2.3", "6.6.6.6, 198.51.100.4, 10.9.9.9");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Forwarded-Host", "corelake.example.com");
		HttpServletRequest seen = run(request);
		assertThat(ClientAddress.of(seen)).isEqualTo("198.51.100.4");
		assertThat(seen.getAttribute(ClientAddress.PROTO_ATTRIBUTE)).isEqualTo("https");
		assertThat(seen.getAttribute(ClientAddress.HOST_ATTRIBUTE)).isEqualTo("corelake.example.com");
	}

	@Test
	void peerTrustedWhenEveryHopTrustedThenLeftmostHop() throws Exception {
		HttpServletRequest seen = run(request("192.168.1.7", "10.0.0.1, 10.0.0.2"));
		assertThat(ClientAddress.of(seen)).isEqualTo("10.0.0.1");
	}

	@Test
	void peerTrustedWhenHopIsNotAnAddressThenStopsThere() throws Exception {
		HttpServletRequest seen = run(request("10.1.2.3", "1.2.3.4, evil.example.com"));
		assertThat(ClientAddress.of(seen)).isEqualTo("10.1.2.3");
	}

	@Test
	void peerTrustedWithoutForwardedForThenPeerIsTheClient() throws Exception {
		HttpServletRequest seen = run(request("10.1.2.3", null));
		assertThat(ClientAddress.of(seen)).isEqualTo("10.1.2.3");
	}

	@Test
	void noTrustedProxiesThenNothingIsTrusted() throws Exception {
		ForwardedHeadersFilter none = new ForwardedHeadersFilter(List.of());
		MockHttpServletRequest request = request("10.1.2.3", "1.2.3.4");
		MockFilterChain chain = new MockFilterChain();
		none.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(ClientAddress.of((HttpServletRequest) chain.getRequest())).isEqualTo("10.1.2.3");
	}

	@Test
	void addressesWhenCheckedThenOnlyLiterals() {
		assertThat(ForwardedHeadersFilter.isAddress("10.0.0.1")).isTrue();
		assertThat(ForwardedHeadersFilter.isAddress("2001:db8::1")).isTrue();
		assertThat(ForwardedHeadersFilter.isAddress("localhost")).isFalse();
		assertThat(ForwardedHeadersFilter.isAddress("")).isFalse();
		assertThat(ForwardedHeadersFilter.isAddress("1".repeat(46))).isFalse();
	}

	private HttpServletRequest run(MockHttpServletRequest request) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		return (HttpServletRequest) chain.getRequest();
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/datasets");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
