package dev.corelake.lake;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * One {@link Lake} per application, opened on {@code corelake.lake.uri} and closed with
 * the context. Lease times come from the application's {@link Clock} when it has one.
 *
 * @author Corelake
 */
@AutoConfiguration
@EnableConfigurationProperties(LakeProperties.class)
public class LakeAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Lake lake(LakeProperties properties, ObjectProvider<Clock> clock) {
		return Lake.open(properties.uri(), properties.hadoop(), clock.getIfUnique(Clock::systemUTC));
	}

}
