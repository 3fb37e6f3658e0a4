package dev.corelake.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the platform (CORS). Only the listed origins get CORS
 * headers; a request from any other origin is refused with 403 and none.
 *
 * @param allowedOrigins exact origins, e.g. {@code https://console.example.com}
 * @param allowedMethods methods a cross-origin request may use
 * @param allowedHeaders request headers a cross-origin request may send
 * @param exposedHeaders response headers the browser lets scripts read
 * @param allowCredentials whether credentials (cookies, {@code Authorization}) may be
 * sent
 * @param maxAge how long a browser may cache a preflight answer
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.gateway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
		"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" }) List<String> allowedMethods,
		@DefaultValue({ "Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match", "X-Request-Id",
				"traceparent" }) List<String> allowedHeaders,
		@DefaultValue({ "ETag", "Location", "Retry-After", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining",
				"RateLimit-Reset", "RateLimit-Policy" }) List<String> exposedHeaders,
		@DefaultValue("true") boolean allowCredentials, @DefaultValue("30m") Duration maxAge){

}
