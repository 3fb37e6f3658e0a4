package dev.corelake.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.ErrorCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one catalog of every error code in the build (this module sees every service):
 * codes are unique, and {@code docs/errors.md} is what the catalog renders. Run with
 * {@code -Dcorelake.docs.update=true} to rewrite the page after adding a code.
 *
 * @author Corelake
 */
class ErrorCatalogDocsTests {

	private static final Path DOCS = Path.of("..", "docs", "errors.md");

	@Test
	void catalogHoldsEveryServiceAndNoCollision() {
		ErrorCatalog catalog = ErrorCatalog.load(getClass().getClassLoader());
		List<String> owners = catalog.entries().stream().map(ErrorCatalog.Entry::owner).distinct().toList();
		assertThat(owners).contains("common-errors", "catalog-service");
		assertThat(catalog.find("DATASET_NOT_FOUND")).isPresent();
		assertThat(catalog.entries()).hasSizeGreaterThan(CommonErrorCode.values().length);
	}

	@Test
	void errorsPageIsCurrent() throws IOException {
		String rendered = ErrorCatalog.load(getClass().getClassLoader()).toMarkdown();
		if (Boolean.getBoolean("corelake.docs.update")) {
			Files.writeString(DOCS, rendered, StandardCharsets.UTF_8);
		}
		assertThat(DOCS).as("docs/errors.md exists").exists();
		assertThat(Files.readString(DOCS, StandardCharsets.UTF_8))
			.as("docs/errors.md is stale: run mvn -pl standalone test -Dcorelake.docs.update=true")
			.isEqualTo(rendered);
	}

}
