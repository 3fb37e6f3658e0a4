package dev.corelake.sync.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.platform.web.PageResponse;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.net.FileGuard;
import dev.corelake.sync.net.JdbcGuard;
import dev.corelake.sync.net.UrlFetcher;
import dev.corelake.sync.system.SyncAccess;
import dev.corelake.sync.system.SyncErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, lists and removes sources, checking each against the guards before it is
 * stored.
 *
 * @author Corelake
 */
@Service
public class SourceService {

	private final SourceRepository sources;

	private final SyncAccess access;

	private final FileGuard files;

	private final UrlFetcher urls;

	private final JdbcGuard jdbc;

	private final SecretResolver secrets;

	private final Clock clock;

	SourceService(SourceRepository sources, SyncAccess access, FileGuard files, UrlFetcher urls, JdbcGuard jdbc,
			SecretResolver secrets, Clock clock) {
		this.sources = sources;
		this.access = access;
		this.files = files;
		this.urls = urls;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	@Transactional
	Source create(String name, SourceKind kind, String description, SourceSettings settings) {
		SyncAccess.Caller caller = this.access.requireCreate();
		validate(kind, settings);
		if (this.sources.findByName(name).isPresent()) {
			throw alreadyExists(name);
		}
		try {
			return this.sources.insert(name, caller.name(), kind, description, settings, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw alreadyExists(name);
		}
	}

	/**
	 * A source the caller may read.
	 * @param name its name
	 * @return the source
	 * @throws CorelakeException {@code SOURCE_NOT_FOUND} when absent or not readable
	 */
	public Source get(String name) {
		Source source = this.sources.findByName(name).orElseThrow(() -> notFound(name));
		if (!this.access.caller().canRead(source.owner())) {
			throw notFound(name);
		}
		return source;
	}

	PageResponse<Source> list(int page, int size) {
		SyncAccess.Caller caller = this.access.caller();
		String owner = caller.readsAll() ? null : caller.name();
		return PageResponse.of(this.sources.page(owner, page * size, size), page, size, this.sources.count(owner));
	}

	@Transactional
	void delete(String name) {
		Source source = get(name);
		if (!this.access.caller().canWrite(source.owner())) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Only the owner of source '" + name + "' or an administrator may delete it.");
		}
		if (this.sources.jobsUsing(source.id()) > 0) {
			throw new CorelakeException(SyncErrorCode.SOURCE_IN_USE,
					"Source '" + name + "' is used by sync jobs; delete them first.");
		}
		this.sources.delete(source.id());
	}

	private void validate(SourceKind kind, SourceSettings settings) {
		List<FieldViolation> violations = new ArrayList<>();
		if (kind == SourceKind.JDBC) {
			require(violations, settings.url() != null, "url", "is required for a jdbc source");
			absent(violations, settings.path(), "path", kind);
			absent(violations, settings.delimiter(), "delimiter", kind);
			absent(violations, settings.quote(), "quote", kind);
			absent(violations, settings.header(), "header", kind);
			absent(violations, settings.columns(), "columns", kind);
		}
		else {
			require(violations, (settings.url() == null) != (settings.path() == null), "path",
					"exactly one of path and url is required for a " + kind.apiName() + " source");
			absent(violations, settings.user(), "user", kind);
			absent(violations, settings.passwordSecret(), "passwordSecret", kind);
			if (kind == SourceKind.JSONL) {
				absent(violations, settings.delimiter(), "delimiter", kind);
				absent(violations, settings.quote(), "quote", kind);
				absent(violations, settings.header(), "header", kind);
			}
			if (settings.columns() != null) {
				for (int i = 0; i < settings.columns().size(); i++) {
					ColumnSpec column = settings.columns().get(i);
					try {
						ColumnType.column(column.name(), column.type(), column.allowsNull());
					}
					catch (IllegalArgumentException ex) {
						violations.add(new FieldViolation("columns[" + i + "].type", ex.getMessage()));
					}
				}
				if (settings.columns().isEmpty()) {
					violations.add(new FieldViolation("columns", "must not be empty when given"));
				}
			}
			if (settings.delimiter() != null && settings.quote() != null
					&& settings.delimiter().equals(settings.quote())) {
				violations.add(new FieldViolation("quote", "must differ from the delimiter"));
			}
		}
		if (!violations.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "The source is not valid.")
				.withViolations(violations);
		}
		if (kind == SourceKind.JDBC) {
			this.jdbc.check(settings.url());
			if (settings.passwordSecret() != null && !this.secrets.exists(settings.passwordSecret())) {
				throw new CorelakeException(SyncErrorCode.SECRET_NOT_FOUND,
						"No secret named '" + settings.passwordSecret() + "' is configured.");
			}
		}
		else if (settings.path() != null) {
			this.files.check(settings.path());
		}
		else {
			this.urls.check(uri(settings.url()));
		}
	}

	/**
	 * Parses an http(s) URL of a source.
	 * @param url the URL
	 * @return the URI
	 * @throws CorelakeException {@code VALIDATION_FAILED} when it is no URL
	 */
	public static URI uri(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "The source is not valid.")
				.withViolations(List.of(new FieldViolation("url", "is not a valid URL")));
		}
	}

	private static void require(List<FieldViolation> violations, boolean condition, String field, String message) {
		if (!condition) {
			violations.add(new FieldViolation(field, message));
		}
	}

	private static void absent(List<FieldViolation> violations, Object value, String field, SourceKind kind) {
		if (value != null) {
			violations.add(new FieldViolation(field, "does not apply to a " + kind.apiName() + " source"));
		}
	}

	private static CorelakeException notFound(String name) {
		return new CorelakeException(SyncErrorCode.SOURCE_NOT_FOUND, "Source '" + name + "' does not exist.");
	}

	private static CorelakeException alreadyExists(String name) {
		return new CorelakeException(SyncErrorCode.SOURCE_ALREADY_EXISTS, "Source '" + name + "' already exists.");
	}

}
