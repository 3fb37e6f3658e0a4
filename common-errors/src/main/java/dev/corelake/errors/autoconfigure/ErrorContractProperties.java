package dev.corelake.errors.autoconfigure;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the error contract's server side.
 *
 * @param maxRequestBodySize largest request body a service accepts; larger bodies are
 * refused with 413 {@code PAYLOAD_TOO_LARGE} before they are read
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.web")
public record ErrorContractProperties(@NotNull @DefaultValue("1MB") DataSize maxRequestBodySize) {

}
