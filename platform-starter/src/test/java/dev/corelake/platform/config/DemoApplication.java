package dev.corelake.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A service that reads its settings through the config client.
 *
 * @author Corelake
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(DemoApplication.DemoProperties.class)
class DemoApplication {

	/** A validated settings bean, rebound when config-service pushes a change. */
	@ConfigurationProperties("demo")
	@Validated
	static class DemoProperties {

		/** Page size, 1-100. */
		@Min(1)
		@Max(100)
		private int pageSize = 10;

		/** A greeting. */
		@NotBlank
		private String greeting = "local";

		/** A secret the client may not read. */
		private String password = "local-password";

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

	}

}
