package dev.corelake.errors;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ErrorCatalog}.
 *
 * @author Corelake
 */
class ErrorCatalogTests {

	@Test
	void loadWhenCommonProviderOnClassPathThenFindsEveryCommonCode() {
		ErrorCatalog catalog = ErrorCatalog.load(getClass().getClassLoader());
		for (CommonErrorCode code : CommonErrorCode.values()) {
			assertThat(catalog.find(code.code())).hasValueSatisfying((entry) -> {
				assertThat(entry.owner()).isEqualTo("common-errors");
				assertThat(entry.code()).isSameAs(code);
			});
		}
		assertThat(catalog.entries()).extracting(ErrorCatalog.Entry::code).contains(CommonErrorCode.values());
	}

	@Test
	void findWhenCodeUnknownThenEmpty() {
		ErrorCatalog catalog = ErrorCatalog.load(getClass().getClassLoader());
		assertThat(catalog.find("NO_SUCH_CODE")).isEmpty();
	}

	@Test
	void ofWhenTwoProvidersDefineSameCodeThenThrowsNamingBothOwners() {
		ErrorCodeProvider alpha = provider("alpha-service", code("DATASET_NOT_FOUND"));
		ErrorCodeProvider beta = provider("beta-service", code("DATASET_NOT_FOUND"));
		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalog.of(List.of(beta, alpha)))
			.withMessageContaining("DATASET_NOT_FOUND is defined by both alpha-service and beta-service");
	}

	@Test
	void ofWhenProviderRedefinesCommonCodeThenThrowsNamingBothOwners() {
		ErrorCodeProvider rogue = provider("rogue-service", code("NOT_FOUND"));
		assertThatIllegalStateException()
			.isThrownBy(() -> ErrorCatalog.of(List.of(new CommonErrorCode.Provider(), rogue)))
			.withMessageContaining("NOT_FOUND")
			.withMessageContaining("common-errors")
			.withMessageContaining("rogue-service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "datasetNotFound", "Dataset_Not_Found", "DATASET-NOT-FOUND", "_DATASET", "DATASET_",
			"DATASET__NOT_FOUND", "1_DATASET", "DATASET NOT FOUND", "" })
	void ofWhenCodeNotUpperSnakeThenThrows(String malformed) {
		ErrorCodeProvider provider = provider("alpha-service", code(malformed));
		assertThatIllegalStateException().isThrownBy(() -> ErrorCatalog.of(List.of(provider)))
			.withMessageContaining(malformed + " (alpha-service) is not UPPER_SNAKE_CASE");
	}

	@Test
	void ofWhenCodesDistinctThenGroupsEntriesByOwner() {
		ErrorCodeProvider beta = provider("beta-service", code("BETA_FAILED"));
		ErrorCodeProvider alpha = provider("alpha-service", code("ALPHA_FAILED"), code("ALPHA_2_FAILED"));
		ErrorCatalog catalog = ErrorCatalog.of(List.of(beta, alpha));
		assertThat(catalog.entries()).extracting(ErrorCatalog.Entry::owner)
			.containsExactly("alpha-service", "alpha-service", "beta-service");
		assertThat(catalog.find("BETA_FAILED")).hasValueSatisfying((entry) -> {
			assertThat(entry.owner()).isEqualTo("beta-service");
			assertThat(entry.code().code()).isEqualTo("BETA_FAILED");
		});
	}

	@Test
	void toMarkdownHasAnchoredTableRowForEveryCode() {
		ErrorCatalog catalog = ErrorCatalog.load(getClass().getClassLoader());
		String markdown = catalog.toMarkdown();
		assertThat(markdown).startsWith("# Error catalog\n").contains("\n## common-errors\n");
		for (CommonErrorCode code : CommonErrorCode.values()) {
			String anchor = code.code().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
			assertThat(code.type()).hasToString(ErrorCode.TYPE_BASE + anchor);
			assertThat(markdown).contains("| <a id=\"" + anchor + "\"></a>`" + code.code() + "` | "
					+ code.status().value() + " " + code.status().getReasonPhrase() + " | " + code.title() + " | "
					+ (code.retryable() ? "yes" : "no") + " | ");
		}
		assertThat(markdown).contains(
				"| <a id=\"upstream-timeout\"></a>`UPSTREAM_TIMEOUT` | 504 Gateway Timeout | Upstream timeout | yes |");
		assertThat(markdown).contains(
				"| <a id=\"malformed-request\"></a>`MALFORMED_REQUEST` | 400 Bad Request | Malformed request | no |");
	}

	@Test
	void toMarkdownWhenSeveralOwnersThenOneTablePerOwnerAndPipesEscaped() {
		ErrorCodeProvider alpha = provider("alpha-service",
				new TestCode("ALPHA_FAILED", HttpStatus.CONFLICT, "Alpha failed", "Either this | or that."));
		ErrorCodeProvider beta = provider("beta-service", code("BETA_FAILED"));
		String markdown = ErrorCatalog.of(List.of(alpha, beta)).toMarkdown();
		assertThat(markdown).contains("\n## alpha-service\n\n| Code | Status | Title | Retryable | Meaning |\n")
			.contains("\n## beta-service\n\n| Code | Status | Title | Retryable | Meaning |\n")
			.contains("| <a id=\"alpha-failed\"></a>`ALPHA_FAILED` | 409 Conflict | Alpha failed | no | "
					+ "Either this \\| or that. |\n");
		assertThat(markdown.indexOf("## alpha-service")).isLessThan(markdown.indexOf("`ALPHA_FAILED`"));
		assertThat(markdown.indexOf("`ALPHA_FAILED`")).isLessThan(markdown.indexOf("## beta-service"));
		assertThat(markdown.indexOf("## beta-service")).isLessThan(markdown.indexOf("`BETA_FAILED`"));
	}

	private static TestCode code(String code) {
		return new TestCode(code, HttpStatus.BAD_REQUEST, "Test failure", "Used by tests only.");
	}

	private static ErrorCodeProvider provider(String owner, ErrorCode... codes) {
		return new ErrorCodeProvider() {

			@Override
			public String owner() {
				return owner;
			}

			@Override
			public Collection<? extends ErrorCode> errorCodes() {
				return List.of(codes);
			}

		};
	}

	record TestCode(String code, HttpStatus status, String title, String meaning) implements ErrorCode {

	}

}
