package dev.corelake.catalog.dataset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The races {@link DatasetService} must turn into contract problems, made deterministic
 * by letting the repository fail the way the database does when another transaction wins.
 *
 * @author Corelake
 */
class DatasetServiceTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final DatasetRepository datasets = mock(DatasetRepository.class);

	private DatasetService service;

	@BeforeEach
	void createService() {
		this.service = new DatasetService(this.datasets, new DatasetAccess(false), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void createWhenAnotherTransactionInsertedTheNameFirstThenAlreadyExists() {
		given(this.datasets.existsByName("sales")).willReturn(false);
		given(this.datasets.save(any())).willThrow(new DuplicateKeyException("dataset_name_unique"));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> this.service.create("sales", null, "team", Set.of(), null))
			.satisfies((ex) -> assertThat(ex.getErrorCode().code()).isEqualTo("DATASET_ALREADY_EXISTS"));
	}

	@Test
	void updateWhenAnotherTransactionSavedFirstThenPreconditionFailed() {
		given(this.datasets.findByName("sales")).willReturn(Optional.of(dataset(Set.of())));
		given(this.datasets.save(any())).willThrow(new OptimisticLockingFailureException("stale"));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> this.service.update("sales", "\"0\"", "changed", null, null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.PRECONDITION_FAILED));
	}

	@Test
	void deleteWhenAnotherTransactionChangedOrDeletedItFirstThenPreconditionFailed() {
		given(this.datasets.findByName("sales")).willReturn(Optional.of(dataset(Set.of())));
		willThrow(new OptimisticLockingFailureException("stale")).given(this.datasets).delete(any());
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> this.service.delete("sales", null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.PRECONDITION_FAILED));
	}

	@Test
	void tagWhenFiftyFirstTagThenConflictAndNothingSaved() {
		Set<String> fifty = IntStream.rangeClosed(1, 50).mapToObj((i) -> "t" + i).collect(Collectors.toSet());
		given(this.datasets.findByName("sales")).willReturn(Optional.of(dataset(fifty)));
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> this.service.tag("sales", "t51", true))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.CONFLICT));
		verify(this.datasets, never()).save(any());
	}

	@Test
	void tagWhenTagAlreadyPresentThenNothingSaved() {
		given(this.datasets.findByName("sales")).willReturn(Optional.of(dataset(Set.of("gold"))));
		assertThat(this.service.tag("sales", "gold", true).getTags()).containsExactly("gold");
		verify(this.datasets, never()).save(any());
	}

	private static Dataset dataset(Set<String> tags) {
		return new Dataset("sales", null, "team", tags, null, NOW);
	}

}
