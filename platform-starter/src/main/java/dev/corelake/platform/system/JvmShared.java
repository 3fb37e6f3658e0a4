package dev.corelake.platform.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Things a JVM may hold only once, shared by every application context of the JVM that
 * needs them. Spark's context is the case in point: in the all-in-one mode
 * compute-service and ai-model-service run in one JVM and must use the same one. The
 * first holder starts the instance with its settings, each holder releases it when its
 * context closes, and the last one to leave stops it — so stopping one service never
 * stops what another one is still using.
 *
 * @author Corelake
 */
public final class JvmShared {

	/** The key of the JVM's Spark session. */
	public static final String SPARK = "spark";

	private static final Map<String, Holding<?>> HELD = new HashMap<>();

	private JvmShared() {
	}

	/**
	 * Takes a hold on the instance of a key, starting it when nobody holds it.
	 * @param <T> the instance's type
	 * @param key what is shared
	 * @param type the instance's type
	 * @param start starts the instance (called at most once per period of holding)
	 * @param stop stops it when the last holder releases it (the starter's action is the
	 * one kept)
	 * @return the instance
	 */
	public static synchronized <T> T acquire(String key, Class<T> type, Supplier<T> start, Consumer<T> stop) {
		Holding<?> held = HELD.get(key);
		if (held == null) {
			T instance = start.get();
			HELD.put(key, new Holding<>(instance, stop, 1));
			return instance;
		}
		T instance = type.cast(held.instance());
		HELD.put(key, held.oneMore());
		return instance;
	}

	/**
	 * Gives a hold back; the last holder's release stops the instance. Releasing what
	 * nobody holds does nothing.
	 * @param key what is shared
	 */
	public static synchronized void release(String key) {
		Holding<?> held = HELD.get(key);
		if (held == null) {
			return;
		}
		if (held.holders() > 1) {
			HELD.put(key, held.oneLess());
			return;
		}
		HELD.remove(key);
		held.stopInstance();
	}

	/**
	 * How many holds there are on a key.
	 * @param key what is shared
	 * @return the count, 0 when nobody holds it
	 */
	public static synchronized int holders(String key) {
		Holding<?> held = HELD.get(key);
		return (held != null) ? held.holders() : 0;
	}

	private record Holding<T>(T instance, Consumer<T> stop, int holders) {

		Holding<T> oneMore() {
			return new Holding<>(this.instance, this.stop, this.holders + 1);
		}

		Holding<T> oneLess() {
			return new Holding<>(this.instance, this.stop, this.holders - 1);
		}

		void stopInstance() {
			this.stop.accept(this.instance);
		}

	}

}
