package dev.corelake.config.view;

import java.util.List;

import dev.corelake.config.property.ScopeKey;
import dev.corelake.config.system.ConfigAccess;
import dev.corelake.config.system.ConfigErrorCode;
import dev.corelake.config.system.ConfigServiceProperties;
import dev.corelake.platform.web.Preconditions;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.naming.ResourceName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code /api/v1/config/views/{namespace}}: what a service reads ({@code application}
 * overlaid by its own namespace, for a profile), a long-poll watch on it, and its
 * collision report.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/config/views/{namespace}", produces = MediaType.APPLICATION_JSON_VALUE)
class ViewController {

	private final ViewService views;

	private final WatchHub hub;

	private final ConfigAccess access;

	private final long watchTimeoutMillis;

	ViewController(ViewService views, WatchHub hub, ConfigAccess access, ConfigServiceProperties properties) {
		this.views = views;
		this.hub = hub;
		this.access = access;
		this.watchTimeoutMillis = properties.watch().timeout().toMillis();
	}

	@GetMapping
	ResponseEntity<ViewResponse> view(@PathVariable @ResourceName String namespace,
			@RequestParam(defaultValue = ScopeKey.DEFAULT_PROFILE) @ResourceName String profile) {
		View view = this.views.view(namespace, profile);
		return ResponseEntity.ok()
			.eTag(Preconditions.etag(view.revision()))
			.body(ViewResponse.of(view, this.access.readsSecrets()));
	}

	/**
	 * Answers with the view at once when its revision is newer than {@code revision},
	 * else when it changes, else with 304 after the watch timeout. No thread waits.
	 */
	@GetMapping("/watch")
	DeferredResult<ResponseEntity<?>> watch(@PathVariable @ResourceName String namespace,
			@RequestParam(defaultValue = ScopeKey.DEFAULT_PROFILE) @ResourceName String profile,
			@RequestParam @Min(0) @Max(Long.MAX_VALUE / 2) long revision) {
		DeferredResult<ResponseEntity<?>> result = new DeferredResult<>(this.watchTimeoutMillis,
				() -> Watch.notModified(revision));
		if (!this.hub.add(new Watch(namespace, profile, revision, this.access.readsSecrets(), result))) {
			throw new CorelakeException(ConfigErrorCode.CONFIG_WATCH_CAPACITY,
					"This replica holds as many watches as it may; retry shortly.")
				.withHeader(HttpHeaders.RETRY_AFTER, "5");
		}
		return result;
	}

	@GetMapping("/collisions")
	CollisionReport collisions(@PathVariable @ResourceName String namespace,
			@RequestParam(defaultValue = ScopeKey.DEFAULT_PROFILE) @ResourceName String profile) {
		View view = this.views.view(namespace, profile);
		boolean readsSecrets = this.access.readsSecrets();
		List<CollisionReport.Overridden> overridden = Collisions.overridden(view)
			.stream()
			.map((o) -> new CollisionReport.Overridden(o.key(),
					ConfigAccess.shown(o.application().value(), o.application().secret(), readsSecrets),
					ConfigAccess.shown(o.namespace().value(), o.namespace().secret(), readsSecrets)))
			.toList();
		List<CollisionReport.Lookalike> lookalikes = Collisions.lookalikes(view)
			.stream()
			.map((l) -> new CollisionReport.Lookalike(l.form(),
					l.spellings()
						.entrySet()
						.stream()
						.map((e) -> new CollisionReport.Spelling(e.getKey(),
								e.getValue().stream().map(ScopeKey::toString).toList()))
						.toList()))
			.toList();
		return new CollisionReport(namespace, profile, view.revision(), overridden, lookalikes);
	}

	/**
	 * Collisions in a view.
	 *
	 * @param namespace the service's namespace
	 * @param profile the profile
	 * @param revision the view's revision
	 * @param overridden keys the service namespace sets to another value than
	 * {@code application}
	 * @param lookalikes differently spelled keys that relaxed binding may treat as one
	 * setting
	 */
	record CollisionReport(String namespace, String profile, long revision, List<Overridden> overridden,
			List<Lookalike> lookalikes) {

		/**
		 * An overridden key.
		 *
		 * @param key key
		 * @param applicationValue value in {@code application}
		 * @param namespaceValue value in the service namespace
		 */
		record Overridden(String key, String applicationValue, String namespaceValue) {
		}

		/**
		 * Lookalike keys.
		 *
		 * @param form the loose form they share (lower case, no {@code . - _})
		 * @param spellings each spelling and where it is defined
		 */
		record Lookalike(String form, List<Spelling> spellings) {
		}

		/**
		 * One spelling.
		 *
		 * @param key the key as written
		 * @param definedIn the namespaces and profiles defining it
		 * ({@code namespace/profile})
		 */
		record Spelling(String key, List<String> definedIn) {
		}

	}

}
