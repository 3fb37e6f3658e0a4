package dev.corelake.platform.web;

import feign.RequestInterceptor;
import org.slf4j.MDC;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Forwards the current request id on outbound calls (trace context itself is propagated
 * by Micrometer Tracing's instrumentation as W3C {@code traceparent}).
 *
 * @author Corelake
 */
public final class RequestIdPropagation {

	private RequestIdPropagation() {
	}

	/**
	 * For {@code RestClient}.
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor restClientInterceptor() {
		return (request, body, execution) -> {
			String id = MDC.get(RequestIdFilter.ATTRIBUTE);
			if (id != null && !request.getHeaders().containsHeader(RequestIdFilter.HEADER)) {
				request.getHeaders().set(RequestIdFilter.HEADER, id);
			}
			return execution.execute(request, body);
		};
	}

	/**
	 * For OpenFeign.
	 * @return the interceptor
	 */
	public static RequestInterceptor feignInterceptor() {
		return (template) -> {
			String id = MDC.get(RequestIdFilter.ATTRIBUTE);
			if (id != null && !template.headers().containsKey(RequestIdFilter.HEADER)) {
				template.header(RequestIdFilter.HEADER, id);
			}
		};
	}

}
