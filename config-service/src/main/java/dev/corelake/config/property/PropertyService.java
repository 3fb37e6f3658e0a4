package dev.corelake.config.property;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.corelake.config.system.ConfigAccess;
import dev.corelake.config.system.ConfigChanged;
import dev.corelake.config.system.ConfigErrorCode;
import dev.corelake.config.system.ConfigServiceProperties;
import dev.corelake.platform.web.Preconditions;
import dev.corelake.config.system.RevisionCounter;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.web.PageResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes the properties of a namespace and profile. Every write is one
 * transaction that locks the store's revision counter, checks the caller's
 * {@code If-Match} against the scope's current revision, and, when the state really
 * changes, stores the complete new state with its diff as the next revision. A write that
 * changes nothing creates no revision, so other editors' ETags stay valid.
 *
 * @author Corelake
 */
@Service
public class PropertyService {

	private final ScopeRepository scopes;

	private final RevisionRepository revisions;

	private final RevisionCounter counter;

	private final ConfigAccess access;

	private final ConfigServiceProperties.Limits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PropertyService(ScopeRepository scopes, RevisionRepository revisions, RevisionCounter counter, ConfigAccess access,
			ConfigServiceProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.scopes = scopes;
		this.revisions = revisions;
		this.counter = counter;
		this.access = access;
		this.limits = properties.limits();
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The current state of a namespace and profile (empty, revision 0, when never
	 * written).
	 * @param key namespace and profile
	 * @return the state, in plaintext
	 */
	@Transactional(readOnly = true)
	public Scope current(ScopeKey key) {
		return this.scopes.revision(key)
			.map((revision) -> new Scope(key, revision, find(key, revision).snapshot()))
			.orElseGet(() -> Scope.empty(key));
	}

	/**
	 * The newest revision among the given namespaces and profiles.
	 * @param namespaces namespaces
	 * @param profiles profiles
	 * @return the revision, 0 when none was written
	 */
	@Transactional(readOnly = true)
	public long revisionOf(Set<String> namespaces, Set<String> profiles) {
		return this.scopes.maxRevision(namespaces, profiles);
	}

	/**
	 * The namespaces and profiles changed after a revision.
	 * @param revision the revision
	 * @return the changed ones
	 */
	@Transactional(readOnly = true)
	public List<ScopeKey> changedSince(long revision) {
		return this.scopes.changedSince(revision);
	}

	@Transactional(readOnly = true)
	PageResponse<ScopeRepository.ScopeSummary> list(int page, int size) {
		return PageResponse.of(this.scopes.page(page, size), page, size, this.scopes.count());
	}

	@Transactional
	Scope write(ScopeKey key, String ifMatch, String message, Map<String, PropertyValue> set, Set<String> remove) {
		this.access.requireWrite();
		this.counter.lock();
		Scope current = current(key);
		Preconditions.requireMatch(ifMatch, current.revision());
		TreeMap<String, PropertyValue> next = new TreeMap<>(current.properties());
		remove.forEach(next::remove);
		next.putAll(set);
		return commit(current, next, message);
	}

	@Transactional
	Scope rollback(ScopeKey key, long target, String ifMatch, String message) {
		this.access.requireWrite();
		this.counter.lock();
		Scope current = current(key);
		Preconditions.requireMatch(ifMatch, current.revision());
		Revision revision = find(key, target);
		return commit(current, revision.snapshot(),
				(message != null && !message.isBlank()) ? message : "Rollback to revision " + target);
	}

	@Transactional(readOnly = true)
	PageResponse<Revision> history(ScopeKey key, int page, int size) {
		return PageResponse.of(this.revisions.page(key, page, size), page, size, this.revisions.count(key));
	}

	@Transactional(readOnly = true)
	Revision revision(ScopeKey key, long revision) {
		return find(key, revision);
	}

	/**
	 * The changes between two revisions of one namespace and profile; revision 0 is the
	 * empty state before the first write.
	 */
	@Transactional(readOnly = true)
	List<Change> diff(ScopeKey key, long from, long to) {
		return Change.between(snapshot(key, from), snapshot(key, to));
	}

	private SortedMap<String, PropertyValue> snapshot(ScopeKey key, long revision) {
		return (revision == 0) ? new TreeMap<>() : find(key, revision).snapshot();
	}

	private Revision find(ScopeKey key, long revision) {
		return this.revisions.find(key, revision).orElseThrow(() -> RevisionNotFoundException.of(key, revision));
	}

	private Scope commit(Scope current, SortedMap<String, PropertyValue> next, String message) {
		List<Change> changes = Change.between(current.properties(), next);
		if (changes.isEmpty()) {
			return current;
		}
		checkLimits(next);
		ScopeKey key = current.key();
		long revision = this.counter.next();
		Instant now = this.clock.instant();
		this.revisions.insert(new Revision(revision, key, this.access.author(), now, (message != null) ? message : "",
				next, changes));
		if (current.revision() == 0) {
			this.scopes.insert(key, revision, now);
		}
		else if (!this.scopes.update(key, current.revision(), revision, now)) {
			// cannot happen while the counter lock serialises writers; kept as the last
			// guard
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"Namespace '" + key.namespace() + "' was changed concurrently; read it again and retry.");
		}
		this.events.publishEvent(new ConfigChanged(revision));
		return new Scope(key, revision, next);
	}

	private void checkLimits(Map<String, PropertyValue> next) {
		if (next.size() > this.limits.maxProperties()) {
			throw new CorelakeException(ConfigErrorCode.CONFIG_LIMIT_EXCEEDED, "A namespace and profile holds at most "
					+ this.limits.maxProperties() + " properties; this write would leave " + next.size() + ".");
		}
		long chars = 0;
		for (Map.Entry<String, PropertyValue> entry : next.entrySet()) {
			chars += entry.getKey().length() + entry.getValue().value().length();
		}
		if (chars > this.limits.maxTotalChars()) {
			throw new CorelakeException(ConfigErrorCode.CONFIG_LIMIT_EXCEEDED,
					"A namespace and profile holds at most " + this.limits.maxTotalChars()
							+ " characters of keys and values; this write would leave " + chars + ".");
		}
	}

}
