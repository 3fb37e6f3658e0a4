package dev.corelake.platform.web;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link RequestIdFilter}: which incoming ids are kept, and where the id goes.
 */
class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter();

	private final AtomicReference<String> idSeenByHandler = new AtomicReference<>();

	@AfterEach
	void clearLoggingContext() {
		MDC.clear();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc-123", "0b6e6c1e-8f0f-4d8e-9d0b-6a7d5e7f0c11", "trace.1:span_2", "A" })
	void wellFormedIncomingIdIsKeptAndEchoed(String offered) throws Exception {
		MockHttpServletResponse response = filter(offered);
		assertThat(response.getHeader("X-Request-Id")).isEqualTo(offered);
		assertThat(this.idSeenByHandler.get()).isEqualTo(offered);
	}

	@Test
	void incomingIdOfExactly128CharactersIsKept() throws Exception {
		String offered = "a".repeat(128);
		assertThat(filter(offered).getHeader("X-Request-Id")).isEqualTo(offered);
	}

	@ParameterizedTest
	@ValueSource(strings = { "has space", "line\nbreak", "header\r\nSet-Cookie: session=stolen", "tab\tseparated",
			"<script>alert(1)</script>", "semi;colon", "ünïcode", "" })
	void malformedIncomingIdIsReplacedWithGeneratedUuid(String offered) throws Exception {
		MockHttpServletResponse response = filter(offered);
		String id = response.getHeader("X-Request-Id");
		assertThat(id).isNotEqualTo(offered);
		assertGeneratedUuid(id);
		assertThat(this.idSeenByHandler.get()).isEqualTo(id);
	}

	@Test
	void incomingIdLongerThan128CharactersIsReplaced() throws Exception {
		String offered = "a".repeat(129);
		String id = filter(offered).getHeader("X-Request-Id");
		assertThat(id).isNotEqualTo(offered);
		assertGeneratedUuid(id);
	}

	@Test
	void absentIdIsGenerated() throws Exception {
		String id = filter(null).getHeader("X-Request-Id");
		assertGeneratedUuid(id);
		assertThat(this.idSeenByHandler.get()).isEqualTo(id);
	}

	@Test
	void eachRequestWithoutIdGetsItsOwn() throws Exception {
		String first = filter(null).getHeader("X-Request-Id");
		String second = filter(null).getHeader("X-Request-Id");
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void idIsKeptAsRequestAttributeAndRemovedFromLoggingContextAfterTheRequest() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/datasets");
		request.addHeader("X-Request-Id", "abc-123");
		this.filter.doFilter(request, new MockHttpServletResponse(), chain());
		assertThat(request.getAttribute("requestId")).isEqualTo("abc-123");
		assertThat(this.idSeenByHandler.get()).isEqualTo("abc-123");
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void idIsRemovedFromLoggingContextEvenWhenTheHandlerFails() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/datasets");
		request.addHeader("X-Request-Id", "abc-123");
		MockFilterChain failing = new MockFilterChain(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				throw new IllegalStateException("boom");
			}

		});
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(request, new MockHttpServletResponse(), failing));
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void serviceNameIsInTheLoggingContextOnlyWhileTheRequestRuns() throws Exception {
		RequestIdFilter named = new RequestIdFilter("catalog-service");
		AtomicReference<String> serviceSeen = new AtomicReference<>();
		named.doFilter(new MockHttpServletRequest("GET", "/datasets"), new MockHttpServletResponse(),
				new MockFilterChain(new HttpServlet() {

					@Override
					protected void service(HttpServletRequest req, HttpServletResponse res) {
						serviceSeen.set(MDC.get(RequestIdFilter.SERVICE));
					}

				}));
		assertThat(serviceSeen.get()).isEqualTo("catalog-service");
		assertThat(MDC.get(RequestIdFilter.SERVICE)).isNull();
	}

	private MockHttpServletResponse filter(String offeredId) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/datasets");
		if (offeredId != null) {
			request.addHeader("X-Request-Id", offeredId);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain());
		return response;
	}

	private MockFilterChain chain() {
		return new MockFilterChain(new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestIdFilterTests.this.idSeenByHandler.set(MDC.get("requestId"));
			}

		});
	}

	private static void assertGeneratedUuid(String id) {
		assertThat(id).isNotBlank();
		assertThatNoException().isThrownBy(() -> UUID.fromString(id));
		assertThat(UUID.fromString(id).toString()).isEqualTo(id);
	}

	@Test
	void generatedIdsAreDistinctVersion4Uuids() {
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = RequestIdFilter.newId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
	}

}
