package dev.corelake.gateway.platform;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the platform views.
 *
 * @param healthTimeout how long each service's readiness probe may take before the
 * service counts as down
 * @param apiDocsTimeout how long a service may take to hand over its OpenAPI document
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.gateway.platform")
public record PlatformProperties(@NotNull @DefaultValue("1s") Duration healthTimeout,
		@NotNull @DefaultValue("5s") Duration apiDocsTimeout) {

}
