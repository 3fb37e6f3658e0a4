package dev.corelake.gateway.edge;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway accepts at the edge.
 *
 * @param trustedProxies addresses or CIDR ranges (e.g. {@code 10.0.0.0/8}) of proxies in
 * front of the gateway whose {@code X-Forwarded-For} is believed; from any other peer the
 * connection's address is the client's, and {@code X-Forwarded-*} and {@code Forwarded}
 * headers are dropped
 * @param maxRequestHeaderSize the largest total size of a request's headers; larger is
 * refused with 431 (the servlet container's own hard limit,
 * {@code server.max-http-request-header-size}, must be above it)
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.gateway.edge")
public record EdgeProperties(@DefaultValue List<String> trustedProxies,
		@NotNull @DefaultValue("12KB") DataSize maxRequestHeaderSize) {

}
