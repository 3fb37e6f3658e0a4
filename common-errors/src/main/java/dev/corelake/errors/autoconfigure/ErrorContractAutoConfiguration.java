package dev.corelake.errors.autoconfigure;

import dev.corelake.errors.web.ProblemEnricher;
import dev.corelake.errors.web.ProblemErrorController;
import dev.corelake.errors.web.ProblemExceptionHandler;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.errors.web.RequestBodyLimitFilter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Installs the error contract in a servlet web application: the problem handler, the
 * problem error controller (in place of Spring Boot's {@code BasicErrorController}) and
 * the request body limit.
 *
 * @author Corelake
 */
@AutoConfiguration(before = { ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(ErrorContractProperties.class)
public class ErrorContractAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemEnricher problemEnricher(Environment environment) {
		return new ProblemEnricher(environment.getProperty("spring.application.name", "corelake"));
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemWriter problemWriter(ProblemEnricher enricher) {
		return new ProblemWriter(enricher);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemExceptionHandler problemExceptionHandler(ProblemEnricher enricher) {
		return new ProblemExceptionHandler(enricher);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemErrorController problemErrorController(ProblemEnricher enricher) {
		return new ProblemErrorController(enricher);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ErrorContractProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes(), resolver));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * Problems for errors Tomcat answers itself, and encoded slashes passed on to the
	 * application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatProblemConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemTomcatCustomizer() {
			return (factory) -> {
				// Encoded slashes reach the application, whose name validation refuses
				// them with
				// a problem, instead of Tomcat rejecting them with an HTML page.
				factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
			};
		}

	}

}
