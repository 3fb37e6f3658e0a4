package dev.corelake.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.cloud.gateway.server.mvc.common.AbstractProxyExchange;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayServerResponse;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The step of Spring Cloud Gateway's proxy handler function that sends a request to the
 * upstream and turns its answer into the gateway's response, over the upstream's own
 * request factory (its pooled HTTP client and timeouts). It differs from the gateway's
 * stock exchanges in three ways, each about the bytes on the wire:
 * <ul>
 * <li>no client observation per call (a {@code RestClient}'s second span and
 * {@code http.client.requests} timer cost about a tenth of the gateway's CPU per request;
 * the request's own observation and the per-upstream circuit breakers stay);</li>
 * <li>a request body is streamed only when the client sent one (a {@code Content-Length}
 * above zero, or a {@code Transfer-Encoding}), with its length when the client gave it: a
 * {@code GET} reaches the service without a body, an upload is not buffered in the
 * gateway's memory, and a service that insists on a {@code Content-Length} gets one;</li>
 * <li>an answer that is not a stream (any type but the gateway's streaming media types,
 * such as {@code text/event-stream}) is copied without a flush at its end, so that the
 * servlet container sends headers, body and the end of the response in one write;
 * streaming types are flushed after every read.</li>
 * </ul>
 *
 * @author Corelake
 */
class UpstreamExchange extends AbstractProxyExchange {

	private final ClientHttpRequestFactory requestFactory;

	private final GatewayMvcProperties properties;

	UpstreamExchange(ClientHttpRequestFactory requestFactory, GatewayMvcProperties properties) {
		super(properties);
		this.requestFactory = requestFactory;
		this.properties = properties;
	}

	@Override
	public ServerResponse exchange(Request request) {
		ClientHttpResponse answer = null;
		try {
			ClientHttpRequest upstream = this.requestFactory.createRequest(request.getUri(), request.getMethod());
			upstream.getHeaders().putAll(request.getHeaders());
			sendBody(request.getServerRequest().servletRequest(), upstream);
			answer = upstream.execute();
			return respond(request, answer);
		}
		catch (IOException ex) {
			close(answer);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			close(answer);
			throw ex;
		}
	}

	/** Streams the client's body, when it sent one. */
	private static void sendBody(HttpServletRequest client, ClientHttpRequest upstream) throws IOException {
		long length = client.getContentLengthLong();
		if (length == 0 || (length < 0 && client.getHeader(HttpHeaders.TRANSFER_ENCODING) == null)) {
			return;
		}
		if (length > 0 && !isFormPost(client)) {
			upstream.getHeaders().setContentLength(length);
		}
		if (upstream instanceof StreamingHttpOutputMessage streaming) {
			streaming.setBody((out) -> client.getInputStream().transferTo(out));
		}
		else {
			client.getInputStream().transferTo(upstream.getBody());
		}
	}

	/**
	 * A form {@code POST}, whose body Spring Cloud Gateway's form filter rebuilds from
	 * the parameters the servlet container parsed: its length may differ from the
	 * client's, so it is sent without one.
	 */
	private static boolean isFormPost(HttpServletRequest client) {
		String contentType = client.getContentType();
		return "POST".equals(client.getMethod()) && contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	private ServerResponse respond(Request request, ClientHttpResponse answer) throws IOException {
		InputStream body = answer.getBody();
		// filters may replace the body stream, so it is read back when writing
		MvcUtils.putAttribute(request.getServerRequest(), MvcUtils.CLIENT_RESPONSE_INPUT_STREAM_ATTR, body);
		MvcUtils.putAttribute(request.getServerRequest(), MvcUtils.CLIENT_RESPONSE_ATTR, answer);
		ServerResponse response = GatewayServerResponse.status(answer.getStatusCode())
			.build((servletRequest, servletResponse) -> {
				InputStream in = MvcUtils.getAttribute(request.getServerRequest(),
						MvcUtils.CLIENT_RESPONSE_INPUT_STREAM_ATTR);
				IOException failure = null;
				try {
					copyResponseBody(answer, in, servletResponse.getOutputStream());
				}
				catch (IOException ex) {
					failure = ex;
					throw ex;
				}
				finally {
					closeResponse(answer, in, failure);
				}
				return null;
			});
		ProxyExchange.Response view = new Answer(answer);
		request.getResponseConsumers().forEach((consumer) -> consumer.accept(view, response));
		return response;
	}

	@Override
	protected int copyResponseBody(ClientHttpResponse clientResponse, InputStream inputStream,
			OutputStream outputStream) throws IOException {
		if (isStreaming(clientResponse.getHeaders().getContentType())) {
			return super.copyResponseBody(clientResponse, inputStream, outputStream);
		}
		long copied = inputStream.transferTo(outputStream);
		return (int) Math.min(copied, Integer.MAX_VALUE);
	}

	private boolean isStreaming(MediaType contentType) {
		if (contentType == null) {
			return false;
		}
		for (MediaType streaming : this.properties.getStreamingMediaTypes()) {
			if (streaming.equalsTypeAndSubtype(contentType)) {
				return true;
			}
		}
		return false;
	}

	private static void close(ClientHttpResponse answer) {
		if (answer != null) {
			answer.close();
		}
	}

	/** The upstream's answer as the response header filters see it. */
	private record Answer(ClientHttpResponse response) implements ProxyExchange.Response {

		@Override
		public HttpStatusCode getStatusCode() {
			try {
				return this.response.getStatusCode();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

	}

}
