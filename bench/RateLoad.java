import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, rate-limited HTTP/1.1 load generator for the gateway benchmark (single-file
 * program: {@code java bench/RateLoad.java URL RATE SECONDS [CONNECTIONS] [HEADER]}).
 * <p>
 * Requests are scheduled at a fixed rate (open model): request {@code i} is due at
 * {@code start + i / rate}. Each of the keep-alive connections takes the next due request,
 * waits for its time, sends it and reads the answer. Latency is measured from the time a
 * request was <em>due</em>, not from when a connection got to send it, so a stalled
 * server is not hidden by the generator slowing down (no coordinated omission). The first
 * two seconds are a warm-up and are not counted. A connection the server closes (keep-alive
 * limit) is opened again; only non-2xx answers and I/O failures count as errors. It stops by itself after the given
 * duration and prints: {@code achieved_rps p50_ms p90_ms p99_ms p999_ms max_ms errors}.
 */
public final class RateLoad {

	private static final long WARMUP_NANOS = 2_000_000_000L;

	public static void main(String[] args) throws Exception {
		URI url = URI.create(args[0]);
		double rate = Double.parseDouble(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int connections = (args.length > 3) ? Integer.parseInt(args[3]) : 32;
		String header = (args.length > 4) ? args[4] : null;
		String path = (url.getRawPath().isEmpty() ? "/" : url.getRawPath())
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
				+ ((header != null) ? header + "\r\n" : "") + "Accept: application/json\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		int total = (int) Math.round(rate * seconds);
		long[] latencies = new long[total];
		Arrays.fill(latencies, -1);
		AtomicInteger next = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime() + 200_000_000L;
		double interval = 1_000_000_000.0 / rate;
		Thread[] workers = new Thread[connections];
		for (int c = 0; c < connections; c++) {
			workers[c] = new Thread(() -> {
				Socket socket = null;
				InputStream in = null;
				try {
					while (true) {
						int i = next.getAndIncrement();
						if (i >= total) {
							return;
						}
						long due = start + (long) (i * interval);
						long wait;
						while ((wait = due - System.nanoTime()) > 0) {
							LockSupport.parkNanos(wait);
						}
						try {
							if (socket == null) {
								socket = new Socket();
								socket.setTcpNoDelay(true);
								socket.setSoTimeout(30_000);
								socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
								in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
							}
							socket.getOutputStream().write(request);
							int status = readResponse(in);
							if (Math.abs(status) < 200 || Math.abs(status) >= 300) {
								errors.incrementAndGet();
							}
							if (status < 0) {
								// the server closes the connection after this answer (keep-alive limit)
								closeQuietly(socket);
								socket = null;
							}
						}
						catch (IOException ex) {
							errors.incrementAndGet();
							closeQuietly(socket);
							socket = null;
						}
						if (due - start >= WARMUP_NANOS) {
							latencies[i] = System.nanoTime() - due;
						}
					}
				}
				finally {
					closeQuietly(socket);
				}
			}, "load-" + c);
			workers[c].start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		long end = System.nanoTime();
		long[] counted = Arrays.stream(latencies).filter((l) -> l >= 0).sorted().toArray();
		double measuredSeconds = (end - start - WARMUP_NANOS) / 1e9;
		System.out.printf("%.1f %.3f %.3f %.3f %.3f %.3f %d%n", counted.length / measuredSeconds, pct(counted, 50),
				pct(counted, 90), pct(counted, 99), pct(counted, 99.9), counted[counted.length - 1] / 1e6,
				errors.get());
	}

	private static double pct(long[] sorted, double percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	/**
	 * Reads one response (headers, then a Content-Length or chunked body).
	 * @return its status, negative when the server closes the connection after it
	 */
	private static int readResponse(InputStream in) throws IOException {
		String statusLine = readLine(in);
		if (statusLine == null) {
			throw new IOException("connection closed");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		String line;
		while ((line = readLine(in)) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = line.substring(0, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				close = true;
			}
		}
		if (chunked) {
			while (true) {
				String size = readLine(in);
				int semicolon = size.indexOf(';');
				long chunk = Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon) : size, 16);
				if (chunk == 0) {
					while ((line = readLine(in)) != null && !line.isEmpty()) {
						// trailers
					}
					break;
				}
				skip(in, chunk);
				readLine(in);
			}
		}
		else if (length > 0) {
			skip(in, length);
		}
		return close ? -status : status;
	}

	private static void skip(InputStream in, long count) throws IOException {
		byte[] buffer = new byte[8192];
		long left = count;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new IOException("truncated body");
			}
			left -= n;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0) {
			if (c == '\n') {
				int length = line.length();
				return (length > 0 && line.charAt(length - 1) == '\r') ? line.substring(0, length - 1) : line.toString();
			}
			line.append((char) c);
		}
		return (line.length() > 0) ? line.toString() : null;
	}

	private static void closeQuietly(Socket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private RateLoad() {
	}

}
