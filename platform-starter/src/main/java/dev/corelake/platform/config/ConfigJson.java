package dev.corelake.platform.config;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of views and cache files. Lenient about fields it does not know, since
 * config-service may add some.
 *
 * @author Corelake
 */
final class ConfigJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ConfigJson() {
	}

	static ConfigSnapshot readSnapshot(String json) {
		return JSON.readValue(json, ConfigSnapshot.class);
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

}
