package dev.corelake.errors.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.ErrorCode;

/**
 * Tomcat's error report for failures that never reach the application (a request line
 * Tomcat rejects, for example), written as a problem instead of Tomcat's HTML page. It
 * only writes when nothing else has written a body.
 *
 * @author Corelake
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private final String serviceName;

	/**
	 * Creates the valve.
	 * @param serviceName the service named in the problems
	 */
	public ProblemErrorReportValve(String serviceName) {
		this.serviceName = serviceName;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ErrorCode code = StatusCodes.forStatus(status);
		String detail = (code == CommonErrorCode.INTERNAL_ERROR) ? "An unexpected error occurred." : code.title() + ".";
		String body = "{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\",\"code\":\"" + code.code() + "\",\"retryable\":" + code.retryable()
				+ ",\"service\":\"" + this.serviceName.replaceAll("[^A-Za-z0-9._-]", "") + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is unusable; nothing more can be sent
		}
	}

	/**
	 * An engine valve that installs a {@link ProblemErrorReportValve} on every host of
	 * the engine it is added to, in place of Tomcat's HTML error report.
	 */
	public static final class Installer extends ValveBase {

		private final String serviceName;

		/**
		 * Creates the installer.
		 * @param serviceName the service named in the problems
		 */
		public Installer(String serviceName) {
			super(true);
			this.serviceName = serviceName;
		}

		@Override
		public void setContainer(Container container) {
			super.setContainer(container);
			for (Container child : container.findChildren()) {
				if (child instanceof StandardHost host) {
					install(host);
				}
			}
		}

		private void install(Host host) {
			ProblemErrorReportValve valve = new ProblemErrorReportValve(this.serviceName);
			((StandardHost) host).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			host.getPipeline().addValve(valve);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
			getNext().invoke(request, response);
		}

	}

}
