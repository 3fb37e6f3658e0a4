package dev.corelake.config.entry;

import java.time.Clock;
import java.util.Optional;

import dev.corelake.config.system.ConfigAccess;
import dev.corelake.platform.web.Preconditions;
import dev.corelake.config.system.RevisionCounter;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.web.PageResponse;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes global-state entries. Every change names the revision it is based on
 * ({@code If-Match}) or asks to create ({@code If-None-Match: *}); two services racing
 * for the same entry cannot both win.
 *
 * @author Corelake
 */
@Service
class EntryService {

	private final EntryRepository entries;

	private final RevisionCounter counter;

	private final ConfigAccess access;

	private final Clock clock;

	EntryService(EntryRepository entries, RevisionCounter counter, ConfigAccess access, Clock clock) {
		this.entries = entries;
		this.counter = counter;
		this.access = access;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Entry get(String key) {
		return this.entries.find(key).orElseThrow(() -> EntryNotFoundException.keyed(key));
	}

	@Transactional(readOnly = true)
	PageResponse<Entry> list(String prefix, int page, int size) {
		return PageResponse.of(this.entries.page(prefix, page, size), page, size, this.entries.count(prefix));
	}

	/**
	 * Creates or replaces an entry.
	 * @param key key
	 * @param value new value
	 * @param ifMatch the revision it replaces, or {@code null}
	 * @param ifNoneMatch {@code *} to create only, or {@code null}
	 * @return the entry and whether it was created
	 */
	@Transactional
	Written put(String key, String value, String ifMatch, String ifNoneMatch) {
		this.access.requireWrite();
		boolean create = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
		if (!create && (ifMatch == null || ifMatch.isBlank())) {
			Preconditions.requireMatch(ifMatch, 0);
		}
		this.counter.lock();
		Optional<Entry> current = this.entries.find(key);
		if (create) {
			if (current.isPresent()) {
				throw stale("Entry '" + key + "' exists already (If-None-Match: *).", current.get().revision());
			}
		}
		else if (current.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"Entry '" + key + "' does not exist, so no If-Match can match; create it with If-None-Match: *.");
		}
		else {
			Preconditions.requireMatch(ifMatch, current.get().revision());
			if (current.get().value().equals(value)) {
				return new Written(current.get(), false);
			}
		}
		Entry entry = new Entry(key, value, this.counter.next(), this.access.author(), this.clock.instant());
		if (create) {
			this.entries.insert(entry);
		}
		else if (!this.entries.update(entry, current.get().revision())) {
			throw stale("Entry '" + key + "' was changed concurrently.", current.get().revision());
		}
		return new Written(entry, create);
	}

	@Transactional
	void delete(String key, String ifMatch) {
		this.access.requireWrite();
		this.counter.lock();
		Entry current = get(key);
		Preconditions.requireMatch(ifMatch, current.revision());
		if (!this.entries.delete(key, current.revision())) {
			throw stale("Entry '" + key + "' was changed concurrently.", current.revision());
		}
	}

	private static CorelakeException stale(String detail, long revision) {
		return new CorelakeException(CommonErrorCode.PRECONDITION_FAILED, detail).with("currentEtag",
				Preconditions.etag(revision));
	}

	/**
	 * The result of a write.
	 *
	 * @param entry the entry now
	 * @param created whether it was created
	 */
	record Written(Entry entry, boolean created) {
	}

}
