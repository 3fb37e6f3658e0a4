package dev.corelake.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for catalog-service's lineage endpoint on loopback: it answers a lineage
 * graph naming the dataset version asked for, and records the requests.
 *
 * @author Corelake
 */
public final class FakeCatalog implements AutoCloseable {

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private FakeCatalog(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts the fake on a random loopback port.
	 * @return it
	 */
	public static FakeCatalog start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			FakeCatalog fake = new FakeCatalog(server);
			server.createContext("/api/v1/datasets", fake::handle);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The paths and queries asked for.
	 * @return them
	 */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String request = exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery();
			this.requests.add(request);
			String dataset = exchange.getRequestURI().getPath().split("/")[4];
			String body = "{\"nodes\":[{\"id\":\"" + dataset + "@1\",\"kind\":\"version\",\"dataset\":\"" + dataset
					+ "\",\"version\":1,\"producedBy\":\"compute-job:j1\"},{\"id\":\"customers@3\",\"kind\":\"version\","
					+ "\"dataset\":\"customers\",\"version\":3}],\"edges\":[{\"from\":\"customers@3\",\"to\":\""
					+ dataset + "@1\"}],\"truncated\":false}";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
