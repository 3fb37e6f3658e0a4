package dev.corelake.model.system;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.corelake.lake.LakeProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of ai-model-service: its settings, clock and the Spark session predictions run
 * in.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelProperties.class)
class ModelConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ModelSpark modelSpark(ModelProperties properties, LakeProperties lake) {
		Map<String, String> settings = new LinkedHashMap<>();
		// the lake's Hadoop settings apply to Spark's reads of model artifacts too
		lake.hadoop().forEach((key, value) -> settings.put("spark.hadoop." + key, value));
		settings.putAll(properties.spark().settings());
		return ModelSpark.obtain(properties.spark().cores(), settings);
	}

}
