package dev.corelake.errors.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Turns what another service answered, or failed to answer, into a typed exception. This
 * is the one place that decides the mapping of the contract:
 * <ul>
 * <li>a problem+json answer → {@link UpstreamProblemException} with the upstream's status
 * and code, the upstream body kept in {@code upstream};</li>
 * <li>an error status without a readable problem (HTML page, truncated body) → 502
 * {@code UPSTREAM_BAD_RESPONSE};</li>
 * <li>connection refused or host unreachable → 503 {@code UPSTREAM_UNAVAILABLE};</li>
 * <li>read timeout → 504 {@code UPSTREAM_TIMEOUT};</li>
 * <li>connection reset or closed mid-answer → 502 {@code UPSTREAM_BAD_RESPONSE};</li>
 * <li>circuit breaker open → 503 {@code UPSTREAM_CIRCUIT_OPEN} with
 * {@code Retry-After};</li>
 * <li>bulkhead full → 503 {@code UPSTREAM_BUSY}.</li>
 * </ul>
 *
 * @author Corelake
 */
public final class UpstreamErrors {

	/** At most this much of an error body is read. */
	public static final int MAX_ERROR_BODY = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private UpstreamErrors() {
	}

	/**
	 * Decodes an error answer.
	 * @param service the service that answered
	 * @param status its status
	 * @param contentType its {@code Content-Type}, may be {@code null}
	 * @param body the body stream, may be {@code null}; at most {@link #MAX_ERROR_BODY}
	 * bytes are read
	 * @return the exception to throw
	 */
	public static CorelakeException fromResponse(String service, int status, String contentType, InputStream body) {
		byte[] bytes;
		try {
			bytes = (body != null) ? body.readNBytes(MAX_ERROR_BODY) : new byte[0];
		}
		catch (IOException ex) {
			return badResponse(service, service + " answered " + status + " with a truncated body.", ex);
		}
		return fromResponse(service, status, contentType, bytes);
	}

	/**
	 * Decodes an error answer whose body has been read.
	 * @param service the service that answered
	 * @param status its status
	 * @param contentType its {@code Content-Type}, may be {@code null}
	 * @param body the body bytes
	 * @return the exception to throw
	 */
	public static CorelakeException fromResponse(String service, int status, String contentType, byte[] body) {
		Map<String, Object> problem = (isJson(contentType)) ? parseProblem(body) : null;
		if (problem == null) {
			return badResponse(service, service + " answered " + status + " without a problem body.", null)
				.with("upstreamStatus", status);
		}
		problem.putIfAbsent(Problems.SERVICE, service);
		String code = (String) problem.get(Problems.CODE);
		HttpStatus resolved = HttpStatus.resolve(((Number) problem.get("status")).intValue());
		HttpStatus effective = (resolved != null && resolved.isError()) ? resolved : HttpStatus.BAD_GATEWAY;
		String title = (problem.get("title") instanceof String text) ? text : effective.getReasonPhrase();
		boolean retryable = Boolean.TRUE.equals(problem.get(Problems.RETRYABLE));
		URI type = typeOf(problem.get("type"), code);
		String detail = (problem.get("detail") instanceof String text) ? text : title;
		RemoteErrorCode remote = new RemoteErrorCode(code, effective, title, retryable, type);
		return new UpstreamProblemException(remote, detail, service, problem);
	}

	/**
	 * Maps a failure to call another service.
	 * @param service the service that was called
	 * @param failure what went wrong
	 * @return the exception to throw
	 */
	public static CorelakeException fromFailure(String service, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CorelakeException corelake) {
				return corelake;
			}
			String name = cause.getClass().getName();
			if (name.equals("io.github.resilience4j.circuitbreaker.CallNotPermittedException")) {
				return circuitOpen(service, null);
			}
			if (name.equals("io.github.resilience4j.bulkhead.BulkheadFullException")) {
				return upstream(CommonErrorCode.UPSTREAM_BUSY, service,
						"Too many calls to " + service + " are in flight.", cause);
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof UnknownHostException || cause instanceof HttpConnectTimeoutException
					|| name.equals("org.apache.hc.client5.http.ConnectTimeoutException")) {
				return upstream(CommonErrorCode.UPSTREAM_UNAVAILABLE, service, service + " cannot be reached.", cause);
			}
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
					|| cause instanceof TimeoutException || cause instanceof java.io.InterruptedIOException) {
				return upstream(CommonErrorCode.UPSTREAM_TIMEOUT, service, service + " did not answer in time.", cause);
			}
		}
		if (failure instanceof IOException || failure.getCause() instanceof IOException) {
			return badResponse(service, service + " closed the connection without a complete answer.", failure);
		}
		return new CorelakeException(CommonErrorCode.INTERNAL_ERROR, "The call to " + service + " failed.", failure);
	}

	/**
	 * The problem for an open circuit breaker.
	 * @param service the service behind the breaker
	 * @param retryAfter when the breaker lets a trial call through, if known
	 * @return the exception to throw
	 */
	public static CorelakeException circuitOpen(String service, Duration retryAfter) {
		CorelakeException ex = upstream(CommonErrorCode.UPSTREAM_CIRCUIT_OPEN, service,
				"Calls to " + service + " are paused after repeated failures.", null);
		long seconds = (retryAfter != null) ? Math.max(1, (retryAfter.toMillis() + 999) / 1000) : 1;
		ex.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return ex;
	}

	private static CorelakeException badResponse(String service, String detail, Throwable cause) {
		return upstream(CommonErrorCode.UPSTREAM_BAD_RESPONSE, service, detail, cause);
	}

	private static CorelakeException upstream(ErrorCode code, String service, String detail, Throwable cause) {
		Map<String, Object> upstream = new LinkedHashMap<>();
		upstream.put(Problems.SERVICE, service);
		return new CorelakeException(code, detail, cause).with(Problems.UPSTREAM, upstream);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
					|| type.isCompatibleWith(MediaType.APPLICATION_JSON);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parseProblem(byte[] body) {
		try {
			Object parsed = JSON.readValue(body, Object.class);
			if (parsed instanceof Map<?, ?> map && map.get(Problems.CODE) instanceof String
					&& map.get("status") instanceof Number) {
				return new LinkedHashMap<>((Map<String, Object>) map);
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static URI typeOf(Object type, String code) {
		if (type instanceof String text) {
			try {
				return URI.create(text);
			}
			catch (IllegalArgumentException ex) {
				// fall through to the catalogue's URI
			}
		}
		return URI.create(ErrorCode.TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
	}

}
