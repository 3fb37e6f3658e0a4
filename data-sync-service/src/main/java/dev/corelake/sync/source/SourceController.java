package dev.corelake.sync.source;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sync/sources}: register, list, read and delete sources.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/sync/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceController {

	/** Free text: anything but NUL and other control characters except line breaks. */
	static final String TEXT_PATTERN = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*";

	private final SourceService service;

	SourceController(SourceService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SourceView> create(@Valid @RequestBody CreateSourceRequest request) {
		Source source = this.service.create(request.name(), request.kind(), request.description(),
				new SourceSettings(request.url(), request.user(), request.passwordSecret(), request.path(),
						request.delimiter(), request.quote(), request.header(), request.columns()));
		return ResponseEntity.created(URI.create("/api/v1/sync/sources/" + source.name())).body(SourceView.of(source));
	}

	@GetMapping
	PageResponse<SourceView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.service.list(page, size).map(SourceView::of);
	}

	@GetMapping("/{name}")
	SourceView get(@PathVariable @ResourceName String name) {
		return SourceView.of(this.service.get(name));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable @ResourceName String name) {
		this.service.delete(name);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A source to register.
	 *
	 * @param name unique name
	 * @param kind {@code jdbc}, {@code csv} or {@code jsonl}
	 * @param description free text
	 * @param url JDBC URL, or http(s) URL of a file
	 * @param user database user
	 * @param passwordSecret name of the secret holding the database password
	 * @param path file inside the allowed directories
	 * @param delimiter CSV delimiter (one character)
	 * @param quote CSV quote character
	 * @param header whether the CSV file has a header record
	 * @param columns declared columns of a file source
	 */
	record CreateSourceRequest(@NotNull @ResourceName String name, @NotNull SourceKind kind,
			@Size(max = 2000) @Pattern(
					regexp = TEXT_PATTERN, message = "must not contain control characters") String description,
			@Size(max = 2048) String url,
			@Size(min = 1, max = 128) @Pattern(regexp = "[^\\x00-\\x1f\\x7f]*",
					message = "must not contain control characters") String user,
			@Pattern(regexp = SecretResolver.NAME_PATTERN,
					message = "must be a secret name: lower-case letters, digits, '.', '_' or '-'") String passwordSecret,
			@Size(max = 4096) String path, @Size(min = 1, max = 1) String delimiter,
			@Size(min = 1, max = 1) String quote, Boolean header,
			@Size(max = 1000) List<@Valid @NotNull ColumnSpec> columns) {
	}

	/**
	 * A source as the API shows it: the password only as the name of its secret.
	 *
	 * @param name name
	 * @param kind kind
	 * @param description description
	 * @param owner who registered it
	 * @param url JDBC or http(s) URL
	 * @param user database user
	 * @param passwordSecret name of the password's secret
	 * @param path file
	 * @param delimiter CSV delimiter
	 * @param quote CSV quote
	 * @param header whether the CSV has a header
	 * @param columns declared columns
	 * @param createdAt registration time
	 */
	record SourceView(String name, SourceKind kind, String description, String owner, String url, String user,
			String passwordSecret, String path, String delimiter, String quote, Boolean header,
			List<ColumnSpec> columns, Instant createdAt) {

		static SourceView of(Source source) {
			SourceSettings settings = source.settings();
			return new SourceView(source.name(), source.kind(), source.description(), source.owner(), settings.url(),
					settings.user(), settings.passwordSecret(), settings.path(), settings.delimiter(), settings.quote(),
					settings.header(), settings.columns(), source.createdAt());
		}

	}

}
