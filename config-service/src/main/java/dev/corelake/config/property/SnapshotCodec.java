package dev.corelake.config.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.corelake.config.secret.SecretCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns snapshots and change lists into the JSON stored in {@code config_revision} and
 * back. Secret values are encrypted on the way in and decrypted on the way out, bound to
 * their namespace, profile and key; nothing else in the store holds them.
 *
 * @author Corelake
 */
@Component
class SnapshotCodec {

	private static final TypeReference<TreeMap<String, PropertyValue>> SNAPSHOT = new TypeReference<>() {
	};

	private static final TypeReference<List<Change>> CHANGES = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecretCipher cipher;

	SnapshotCodec(SecretCipher cipher) {
		this.cipher = cipher;
	}

	String writeSnapshot(ScopeKey scope, Map<String, PropertyValue> snapshot) {
		TreeMap<String, PropertyValue> stored = new TreeMap<>();
		snapshot.forEach((key, value) -> stored.put(key,
				value.secret() ? new PropertyValue(encrypt(scope, key, value.value()), true) : value));
		return this.json.writeValueAsString(stored);
	}

	SortedMap<String, PropertyValue> readSnapshot(ScopeKey scope, String text) {
		TreeMap<String, PropertyValue> stored = this.json.readValue(text, SNAPSHOT);
		stored.replaceAll(
				(key, value) -> value.secret() ? new PropertyValue(decrypt(scope, key, value.value()), true) : value);
		return stored;
	}

	String writeChanges(ScopeKey scope, List<Change> changes) {
		List<Change> stored = new ArrayList<>();
		for (Change change : changes) {
			stored.add(change.secret()
					? new Change(change.key(), change.action(), encrypt(scope, change.key(), change.oldValue()),
							encrypt(scope, change.key(), change.newValue()), true)
					: change);
		}
		return this.json.writeValueAsString(stored);
	}

	List<Change> readChanges(ScopeKey scope, String text) {
		List<Change> changes = new ArrayList<>();
		for (Change change : this.json.readValue(text, CHANGES)) {
			changes.add(change.secret()
					? new Change(change.key(), change.action(), decrypt(scope, change.key(), change.oldValue()),
							decrypt(scope, change.key(), change.newValue()), true)
					: change);
		}
		return changes;
	}

	private String encrypt(ScopeKey scope, String key, String value) {
		return (value != null) ? this.cipher.encrypt(value, scope + "/" + key) : null;
	}

	private String decrypt(ScopeKey scope, String key, String value) {
		return (value != null) ? this.cipher.decrypt(value, scope + "/" + key) : null;
	}

}
