package dev.corelake.config.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.corelake.config.property.PropertyService;
import dev.corelake.config.property.Scope;
import dev.corelake.config.property.ScopeKey;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composes views from the stored namespaces and profiles.
 *
 * @author Corelake
 */
@Service
class ViewService {

	private final PropertyService properties;

	ViewService(PropertyService properties) {
		this.properties = properties;
	}

	/** Reads every layer in one transaction, so the view is one consistent state. */
	@Transactional(readOnly = true)
	View view(String namespace, String profile) {
		return View.merge(namespace, profile,
				View.layerKeys(namespace, profile).stream().map(this.properties::current).toList());
	}

	/**
	 * The layers of a namespace for several profiles, lowest precedence first, read in
	 * one transaction: {@code application/default}, {@code <namespace>/default}, then for
	 * each profile in order {@code application/<profile>}, {@code <namespace>/<profile>}
	 * (the order Spring applications give their profiles: later ones win).
	 * @param namespace the namespace
	 * @param profiles the profiles
	 * @return the distinct layers, each with its revision
	 */
	@Transactional(readOnly = true)
	List<Scope> layers(String namespace, List<String> profiles) {
		List<ScopeKey> keys = new ArrayList<>(View.layerKeys(namespace, ScopeKey.DEFAULT_PROFILE));
		for (String profile : profiles) {
			View.layerKeys(namespace, profile).stream().filter((key) -> !keys.contains(key)).forEach(keys::add);
		}
		return keys.stream().map(this.properties::current).toList();
	}

	/** The view's revision without reading its properties. */
	long revision(String namespace, String profile) {
		return this.properties.revisionOf(new HashSet<>(List.of(ScopeKey.APPLICATION, namespace)),
				new HashSet<>(List.of(ScopeKey.DEFAULT_PROFILE, profile)));
	}

	List<ScopeKey> changedSince(long revision) {
		return this.properties.changedSince(revision);
	}

}
