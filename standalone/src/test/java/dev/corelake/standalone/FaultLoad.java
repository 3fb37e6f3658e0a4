package dev.corelake.standalone;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.json.JsonMapper;

/**
 * A bounded, loopback, closed-loop load of mixed reads and writes through the gateway,
 * during which one service is stopped (a quarter into the run) and started again (half
 * way). Each answer is counted per operation and phase: <em>before</em> the stop,
 * <em>during</em> (from the stop until a settling time after the service is back: the
 * time its callers' circuit breakers may stay open), and <em>after</em>. Writes carry
 * unique keys — catalog versions with a unique {@code producedBy}, config-service entries
 * created with {@code If-None-Match: *} — and afterwards every key acknowledged is looked
 * up: lost (acknowledged but absent) and duplicated (present more than once) are counted,
 * as are writes whose outcome the client could not know (an error after the request may
 * have arrived) that did land.
 * <p>
 * Used by {@code FaultLoadBenchmark} (60 s × 3, with the heap after each repetition, run
 * by {@code bench/faults.sh}) and, shortened, by {@code DependencyMatrixIT}.
 *
 * @author Corelake
 */
final class FaultLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String gateway;

	private final String token;

	private final Outage outage;

	FaultLoad(String gateway, String token, Outage outage) {
		this.gateway = gateway;
		this.token = token;
		this.outage = outage;
	}

	/** Stops and starts a service ({@link ServiceControl}, maybe with more around it). */
	interface Outage {

		Duration stop(String service);

		Duration start(String service);

	}

	/** The phases of a run. */
	enum Phase {

		BEFORE, DURING, AFTER

	}

	/**
	 * One operation of the mix.
	 *
	 * @param name its name
	 * @param service the service behind its route
	 * @param write whether it writes a record
	 */
	record Op(String name, String service, boolean write) {
	}

	/** The mix: reads and writes on four services. */
	static final List<Op> MIX = List.of(new Op("list datasets", "catalog-service", false),
			new Op("register a dataset version", "catalog-service", true),
			new Op("read settings", "config-service", false), new Op("create a config entry", "config-service", true),
			new Op("list compute jobs", "compute-service", false),
			new Op("list sync jobs", "data-sync-service", false));

	/**
	 * What a run saw.
	 *
	 * @param victim the service stopped and restarted
	 * @param counts per operation and phase: answers by status (or error name)
	 * @param written acknowledged writes per operation
	 * @param lost acknowledged writes not found afterwards
	 * @param duplicated keys found more than once
	 * @param uncertainLanded writes answered with an error that landed all the same
	 * @param stopMillis how long stopping took
	 * @param startMillis how long starting took
	 * @param requests requests sent
	 * @param seconds how long the load ran
	 */
	record Report(String victim, Map<String, Map<Phase, Map<String, Integer>>> counts, Map<String, Integer> written,
			int lost, int duplicated, int uncertainLanded, long stopMillis, long startMillis, long requests,
			double seconds) {

		/**
		 * Errors (anything but a 2xx) of an operation in a phase.
		 * @param op the operation
		 * @param phase the phase
		 * @return the count
		 */
		int errors(String op, Phase phase) {
			return this.counts.getOrDefault(op, Map.of())
				.getOrDefault(phase, Map.of())
				.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().startsWith("2"))
				.mapToInt(Map.Entry::getValue)
				.sum();
		}

		int total(String op, Phase phase) {
			return this.counts.getOrDefault(op, Map.of())
				.getOrDefault(phase, Map.of())
				.values()
				.stream()
				.mapToInt(Integer::intValue)
				.sum();
		}

		String markdown() {
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
					"%s stopped (%d ms) a quarter into the run and started again (%d ms) half way; %d requests "
							+ "in %.0f s (%.0f/s).%n%n| Operation | Before: errors / requests | During | After | "
							+ "Answers during |%n|---|---|---|---|---|%n",
					this.victim, this.stopMillis, this.startMillis, this.requests, this.seconds,
					this.requests / this.seconds));
			for (Op op : MIX) {
				text.append("| ").append(op.name()).append(" (").append(op.service()).append(") |");
				for (Phase phase : Phase.values()) {
					text.append(' ')
						.append(errors(op.name(), phase))
						.append(" / ")
						.append(total(op.name(), phase))
						.append(" |");
				}
				text.append(' ')
					.append(new TreeMap<>(
							this.counts.getOrDefault(op.name(), Map.of()).getOrDefault(Phase.DURING, Map.of())))
					.append(" |\n");
			}
			text.append(String.format(Locale.ROOT,
					"%nWrites acknowledged: %s; lost: %d; duplicated: %d; unacknowledged but landed: %d.%n",
					this.written, this.lost, this.duplicated, this.uncertainLanded));
			return text.toString();
		}

	}

	/**
	 * Runs the load.
	 * @param run a name for this run's records (unique per platform)
	 * @param victim the service to stop and start
	 * @param duration how long
	 * @param workers concurrent clients (each sends, waits for the answer, sends again)
	 * @param settle time after the restart that still counts as "during"
	 * @return the report
	 * @throws Exception when the run cannot be prepared or checked
	 */
	Report run(String run, String victim, Duration duration, int workers, Duration settle) throws Exception {
		String dataset = "load_" + run;
		HttpResponse<String> created = send("POST", "/api/v1/datasets",
				"{\"name\":\"" + dataset + "\",\"description\":\"fault load\"}", Map.of());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("cannot create " + dataset + ": " + created.body());
		}
		Map<String, Map<Phase, Map<String, Integer>>> counts = new ConcurrentHashMap<>();
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Set<String> uncertain = ConcurrentHashMap.newKeySet();
		AtomicInteger sequence = new AtomicInteger();
		LongAdder requests = new LongAdder();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		AtomicLong duringFrom = new AtomicLong(Long.MAX_VALUE);
		AtomicLong afterFrom = new AtomicLong(Long.MAX_VALUE);
		long[] stopAndStart = new long[2];
		Thread fault = new Thread(() -> {
			try {
				Thread.sleep(duration.toMillis() / 4);
				duringFrom.set(System.nanoTime());
				stopAndStart[0] = this.outage.stop(victim).toMillis();
				Thread.sleep(Math.max(0, (start + duration.toNanos() / 2 - System.nanoTime()) / 1_000_000));
				stopAndStart[1] = this.outage.start(victim).toMillis();
				afterFrom.set(System.nanoTime() + settle.toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "fault-load-control");
		fault.start();
		List<Thread> clients = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			int first = w;
			Thread client = new Thread(() -> {
				int i = first;
				while (running(end, afterFrom.get(), duration)) {
					Op op = MIX.get(i++ % MIX.size());
					String key = run + "-" + sequence.incrementAndGet();
					String outcome;
					try {
						HttpResponse<String> answer = call(op, dataset, key, run);
						outcome = Integer.toString(answer.statusCode());
						if (answer.statusCode() >= 400) {
							outcome += " " + ResilienceMatrix.field(answer.body(), "code");
						}
						if (op.write()) {
							(answer.statusCode() / 100 == 2 ? acknowledged : uncertain).add(op.name() + "|" + key);
						}
					}
					catch (Exception ex) {
						outcome = ex.getClass().getSimpleName();
						if (op.write()) {
							uncertain.add(op.name() + "|" + key);
						}
					}
					requests.increment();
					long now = System.nanoTime();
					Phase phase = (now >= afterFrom.get()) ? Phase.AFTER
							: (now >= duringFrom.get()) ? Phase.DURING : Phase.BEFORE;
					counts.computeIfAbsent(op.name(), (name) -> new ConcurrentHashMap<>())
						.computeIfAbsent(phase, (name) -> new ConcurrentHashMap<>())
						.merge(outcome, 1, Integer::sum);
				}
			}, "fault-load-" + w);
			clients.add(client);
			client.start();
		}
		for (Thread client : clients) {
			client.join();
		}
		fault.join();
		double seconds = (System.nanoTime() - start) / 1e9;
		// what landed: catalog versions by producedBy, config entries by key
		Map<String, Integer> found = new HashMap<>();
		for (Object version : all("/api/v1/datasets/" + dataset + "/versions")) {
			found.merge("register a dataset version|" + ((Map<?, ?>) version).get("producedBy"), 1, Integer::sum);
		}
		for (Object entry : all("/api/v1/config/entries?prefix=load." + run + ".")) {
			String key = String.valueOf(((Map<?, ?>) entry).get("key")).substring(("load." + run + ".").length());
			found.merge("create a config entry|" + key, 1, Integer::sum);
		}
		int lost = (int) acknowledged.stream().filter((key) -> !found.containsKey(key)).count();
		int duplicated = (int) found.values().stream().filter((count) -> count > 1).count();
		int landed = (int) uncertain.stream().filter(found::containsKey).count();
		Map<String, Integer> written = new LinkedHashMap<>();
		for (Op op : MIX) {
			if (op.write()) {
				written.put(op.name(),
						(int) acknowledged.stream().filter((key) -> key.startsWith(op.name() + "|")).count());
			}
		}
		return new Report(victim, counts, written, lost, duplicated, landed, stopAndStart[0], stopAndStart[1],
				requests.sum(), seconds);
	}

	/**
	 * Whether the clients go on: until the run's end, and at least a quarter of its
	 * duration into the phase after (a slow restart does not leave that phase empty), but
	 * never more than a minute beyond the end.
	 */
	private static boolean running(long end, long afterFrom, Duration duration) {
		long now = System.nanoTime();
		if (now >= end + Duration.ofMinutes(1).toNanos()) {
			return false;
		}
		return now < end || afterFrom == Long.MAX_VALUE || now < afterFrom + duration.toNanos() / 4;
	}

	/**
	 * The heap in use after a full collection, in MiB.
	 * @return the heap
	 */
	static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
	}

	private HttpResponse<String> call(Op op, String dataset, String key, String run) throws Exception {
		return switch (op.name()) {
			case "list datasets" -> send("GET", "/api/v1/datasets?size=5", null, Map.of());
			case "register a dataset version" -> send("POST", "/api/v1/datasets/" + dataset + "/versions",
					"{\"location\":\"file:/lake/" + dataset + "/" + key + "\",\"format\":\"PARQUET\","
							+ "\"schema\":[{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false}],"
							+ "\"rowCount\":1,\"bytes\":1,\"producedBy\":\"" + key + "\"}",
					Map.of());
			case "read settings" ->
				send("GET", "/api/v1/config/namespaces/load/profiles/default/properties", null, Map.of());
			case "create a config entry" -> send("PUT", "/api/v1/config/entries/load." + run + "." + key,
					"{\"value\":\"" + key + "\"}", Map.of("If-None-Match", "*"));
			case "list compute jobs" -> send("GET", "/api/v1/compute/jobs?size=5", null, Map.of());
			case "list sync jobs" -> send("GET", "/api/v1/sync/jobs?size=5", null, Map.of());
			default -> throw new IllegalArgumentException(op.name());
		};
	}

	/** Every item of a paged listing. */
	private List<Object> all(String path) throws Exception {
		List<Object> items = new ArrayList<>();
		for (int page = 0;; page++) {
			HttpResponse<String> answer = send("GET", path + (path.contains("?") ? "&" : "?") + "size=200&page=" + page,
					null, Map.of());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + answer.body());
			}
			Map<?, ?> body = (Map<?, ?>) JSON.readValue(answer.body(), Object.class);
			List<?> pageItems = (List<?>) body.get("items");
			items.addAll(pageItems);
			if (pageItems.size() < 200) {
				return items;
			}
		}
	}

	private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
