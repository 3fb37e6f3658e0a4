package dev.corelake.config.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.corelake.config.property.PropertyValue;
import dev.corelake.config.property.Scope;
import dev.corelake.config.property.ScopeKey;

/**
 * Finds the two kinds of collision in a view: a key the service namespace sets to another
 * value than {@code application} does (it overrides the shared setting, which may be
 * intended but should be visible), and keys that Spring's relaxed binding may treat as
 * the same setting although they are spelled differently ({@code a.b-c}, {@code a.bC},
 * {@code A_B_C}), so which one wins depends on property-source order.
 *
 * @author Corelake
 */
final class Collisions {

	private Collisions() {
	}

	/**
	 * Keys set in both the {@code application} and the service layers to different
	 * values.
	 * @param view the view
	 * @return the overridden keys with both values (plaintext)
	 */
	static List<Overridden> overridden(View view) {
		SortedMap<String, PropertyValue> shared = new TreeMap<>();
		SortedMap<String, PropertyValue> own = new TreeMap<>();
		for (Scope layer : view.layers()) {
			boolean application = ScopeKey.APPLICATION.equals(layer.key().namespace());
			if (application || !ScopeKey.APPLICATION.equals(view.namespace())) {
				(application ? shared : own).putAll(layer.properties());
			}
		}
		List<Overridden> overrides = new ArrayList<>();
		own.forEach((key, value) -> {
			PropertyValue base = shared.get(key);
			if (base != null && !Objects.equals(base, value)) {
				overrides.add(new Overridden(key, base, value));
			}
		});
		return overrides;
	}

	/**
	 * Groups of differently spelled keys that look like one setting.
	 * @param view the view
	 * @return the groups, each with at least two spellings
	 */
	static List<Lookalike> lookalikes(View view) {
		Map<String, SortedMap<String, List<ScopeKey>>> byForm = new TreeMap<>();
		for (Scope layer : view.layers()) {
			for (String key : layer.properties().keySet()) {
				byForm.computeIfAbsent(form(key), (form) -> new TreeMap<>())
					.computeIfAbsent(key, (spelling) -> new ArrayList<>())
					.add(layer.key());
			}
		}
		List<Lookalike> lookalikes = new ArrayList<>();
		byForm.forEach((form, spellings) -> {
			if (spellings.size() > 1) {
				lookalikes.add(new Lookalike(form, spellings));
			}
		});
		return lookalikes;
	}

	/**
	 * The loose form two lookalike keys share: lower case, without the separators
	 * {@code .}, {@code -} and {@code _} that relaxed binding (and environment-variable
	 * naming) add, drop or exchange.
	 * @param key a key
	 * @return its loose form
	 */
	static String form(String key) {
		return key.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
	}

	/**
	 * A key the service namespace overrides.
	 *
	 * @param key key
	 * @param application the value in {@code application}
	 * @param namespace the value in the service namespace
	 */
	record Overridden(String key, PropertyValue application, PropertyValue namespace) {
	}

	/**
	 * Differently spelled keys that look like one setting.
	 *
	 * @param form the loose form they share
	 * @param spellings each spelling and the layers that define it
	 */
	record Lookalike(String form, SortedMap<String, List<ScopeKey>> spellings) {
	}

}
