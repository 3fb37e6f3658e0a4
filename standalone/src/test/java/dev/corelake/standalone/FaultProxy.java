package dev.corelake.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy on a fixed loopback port in front of one service: every
 * caller of the service (the gateway's route, the other services' clients) is pointed at
 * it. It passes bytes through, or makes the service look stalled (connections accepted,
 * requests read, nothing ever answered), garbage-answering (bytes that are not HTTP, then
 * the connection closed), or down (the port closed: connections refused).
 * <p>
 * A fault never forwards the request, so nothing reaches the service while it is
 * "failing" (a login is not half-done, a refresh token not used up). A fault applies to
 * the next request on every connection, new or pooled: when a caller sends on a
 * keep-alive connection opened while the proxy passed, that request meets the fault too
 * (a caller's connection pool cannot hide it). Passing again closes the connections a
 * fault holds; refusing closes every connection, as a stopping service does.
 *
 * @author Corelake
 */
final class FaultProxy implements AutoCloseable {

	/** What the proxy does with a connection. */
	enum Mode {

		/** Bytes pass through to the service and back. */
		PASS,

		/** The request is read, no answer ever comes. */
		STALL,

		/** Bytes that are not HTTP come back, then the connection closes. */
		GARBAGE,

		/** The port is closed: connections are refused. */
		REFUSE

	}

	static final byte[] GARBAGE_BYTES = "\u0000\u0017\u0003 this is not HTTP \u00ff\r\n\r\n"
		.getBytes(StandardCharsets.ISO_8859_1);

	private final String name;

	private final int port;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connections = new AtomicInteger();

	private final ExecutorService threads;

	private volatile Mode mode = Mode.PASS;

	private ServerSocket server;

	private FaultProxy(String name, int port, int targetPort) {
		this.name = name;
		this.port = port;
		this.targetPort = targetPort;
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fault-proxy-" + name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts a proxy passing through to a service.
	 * @param name the service (for thread names)
	 * @param port the proxy's port
	 * @param targetPort the service's API port on loopback
	 * @return the proxy
	 */
	static FaultProxy start(String name, int port, int targetPort) {
		FaultProxy proxy = new FaultProxy(name, port, targetPort);
		proxy.bind();
		return proxy;
	}

	/**
	 * A free loopback port (free when this returns; tests use it at once).
	 * @return the port
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	Mode mode() {
		return this.mode;
	}

	/** Connections accepted so far. */
	int connections() {
		return this.connections.get();
	}

	/**
	 * Switches the mode: a fault applies to the next request on every connection;
	 * refusing closes every connection and the port; passing again closes what a fault
	 * held.
	 * @param mode the new mode
	 */
	synchronized void mode(Mode mode) {
		if (mode == this.mode) {
			return;
		}
		Mode previous = this.mode;
		this.mode = mode;
		if (mode == Mode.REFUSE) {
			closeServer();
			closeConnections();
		}
		else if (previous != Mode.PASS) {
			// the connections the fault holds (stalled ones) end; passing ones go on
			closeConnections();
		}
		if (mode != Mode.REFUSE && this.server == null) {
			bind();
		}
	}

	@Override
	public synchronized void close() {
		closeServer();
		closeConnections();
		this.threads.shutdownNow();
	}

	private void bind() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 256);
			this.server = socket;
			this.threads.execute(() -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on port " + this.port + " for " + this.name, ex);
		}
	}

	private void closeServer() {
		if (this.server != null) {
			quietly(this.server);
			this.server = null;
		}
	}

	private void closeConnections() {
		for (Socket socket : this.open) {
			quietly(socket);
		}
		this.open.clear();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				this.connections.incrementAndGet();
				this.open.add(client);
				Mode current = this.mode;
				this.threads.execute(() -> handle(client, current));
			}
			catch (IOException ex) {
				// closed: the mode changed to REFUSE, or the proxy closed
			}
		}
	}

	private void handle(Socket client, Mode current) {
		try {
			if (current == Mode.PASS) {
				pass(client);
			}
			else {
				fault(client, current, client.getInputStream().read(new byte[64 * 1024]) >= 0);
			}
		}
		catch (IOException ex) {
			// the caller or the service went away, or the mode changed
		}
		finally {
			quietly(client);
			this.open.remove(client);
		}
	}

	/**
	 * Answers a request (whose first bytes have been read) as the fault says: never, or
	 * with garbage.
	 */
	private void fault(Socket client, Mode mode, boolean requestArrived) throws IOException {
		if (mode == Mode.STALL) {
			client.getInputStream().transferTo(OutputStream.nullOutputStream());
		}
		else if (mode == Mode.GARBAGE && requestArrived) {
			client.getOutputStream().write(GARBAGE_BYTES);
			client.getOutputStream().flush();
		}
	}

	private void pass(Socket client) throws IOException {
		Socket service = new Socket();
		this.open.add(service);
		try {
			service.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 2000);
		}
		catch (IOException ex) {
			// the service is down behind a listening proxy: reset, as close to a refusal
			// as
			// a proxy that already accepted can come
			client.setSoLinger(true, 0);
			this.open.remove(service);
			quietly(service);
			return;
		}
		AtomicBoolean faulted = new AtomicBoolean();
		this.threads.execute(() -> pumpAnswers(service, client, faulted));
		pumpRequests(client, service, faulted);
		this.open.remove(service);
	}

	/**
	 * Copies the caller's bytes to the service; each chunk first meets the current mode,
	 * so a fault set since the connection opened applies to its next request.
	 */
	private void pumpRequests(Socket client, Socket service, AtomicBoolean faulted) {
		try (InputStream in = client.getInputStream()) {
			OutputStream out = service.getOutputStream();
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				Mode now = this.mode;
				if (now != Mode.PASS) {
					faulted.set(true);
					quietly(service);
					fault(client, now, true);
					return;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			quietly(client);
			quietly(service);
		}
	}

	/**
	 * Copies the service's answers back to the caller, until either side closes (the
	 * caller's side stays open when a fault took the connection over).
	 */
	private void pumpAnswers(Socket service, Socket client, AtomicBoolean faulted) {
		try (InputStream in = service.getInputStream()) {
			OutputStream out = client.getOutputStream();
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			quietly(service);
			if (!faulted.get()) {
				quietly(client);
			}
		}
	}

	private static void quietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
