package dev.corelake.platform.web;

import feign.RequestTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestIdPropagation} for OpenFeign (the {@code RestClient} side is covered
 * against a real server in {@code DownstreamClientsTests}).
 */
class RequestIdPropagationTests {

	@AfterEach
	void clearLoggingContext() {
		MDC.clear();
	}

	@Test
	void feignRequestCarriesTheRequestIdOfTheLoggingContext() {
		MDC.put("requestId", "abc-123");
		RequestTemplate template = new RequestTemplate();
		RequestIdPropagation.feignInterceptor().apply(template);
		assertThat(template.headers().get("X-Request-Id")).containsExactly("abc-123");
	}

	@Test
	void feignRequestWithoutRequestIdInTheLoggingContextGetsNone() {
		RequestTemplate template = new RequestTemplate();
		RequestIdPropagation.feignInterceptor().apply(template);
		assertThat(template.headers()).doesNotContainKey("X-Request-Id");
	}

	@Test
	void feignRequestKeepsARequestIdSetByTheCaller() {
		MDC.put("requestId", "abc-123");
		RequestTemplate template = new RequestTemplate();
		template.header("X-Request-Id", "explicit-1");
		RequestIdPropagation.feignInterceptor().apply(template);
		assertThat(template.headers().get("X-Request-Id")).containsExactly("explicit-1");
	}

}
