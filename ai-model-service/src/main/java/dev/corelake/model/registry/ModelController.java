package dev.corelake.model.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.model.downstream.CatalogClient;
import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import dev.corelake.platform.web.Preconditions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/models}: models, readers, versions, comparisons, lineage and aliases.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelController {

	static final String READER_PATTERN = "\\*|[A-Za-z0-9][A-Za-z0-9._@-]{0,127}";

	/** Most versions one comparison takes. */
	static final int MAX_COMPARED = 10;

	private final RegistryService registry;

	private final CatalogClient catalog;

	ModelController(RegistryService registry, CatalogClient catalog) {
		this.registry = registry;
		this.catalog = catalog;
	}

	@GetMapping
	PageResponse<ModelView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.registry.models(page, size).map(this::view);
	}

	@GetMapping("/{name}")
	ModelView get(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name) {
		return view(this.registry.readable(name));
	}

	@PutMapping("/{name}/readers/{principal}")
	ModelView share(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Pattern(regexp = READER_PATTERN) String principal) {
		return view(this.registry.share(name, principal, true));
	}

	@DeleteMapping("/{name}/readers/{principal}")
	ModelView unshare(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Pattern(regexp = READER_PATTERN) String principal) {
		return view(this.registry.share(name, principal, false));
	}

	@GetMapping("/{name}/versions")
	List<VersionView> versions(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name) {
		return this.registry.versions(name).stream().map(VersionView::of).toList();
	}

	@GetMapping("/{name}/versions/{version}")
	VersionView version(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Min(1) @Max(999_999_999) int version) {
		return VersionView.of(this.registry.version(name, version));
	}

	@GetMapping("/{name}/versions/{version}/lineage")
	JsonNode lineage(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @Min(1) @Max(999_999_999) int version,
			@RequestParam(defaultValue = "upstream") @Pattern(regexp = "upstream|downstream|both",
					message = "must be upstream, downstream or both") String direction,
			@RequestParam(defaultValue = "5") @Min(1) @Max(10) int depth) {
		this.registry.version(name, version);
		return this.catalog.lineage(Model.datasetOf(name), version, direction, depth);
	}

	@GetMapping("/{name}/compare")
	RegistryService.Comparison compare(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@RequestParam String versions) {
		return this.registry.compare(name, parseVersions(versions));
	}

	@GetMapping("/{name}/aliases")
	List<AliasView> aliases(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name) {
		return this.registry.aliases(name).stream().map(AliasView::of).toList();
	}

	@GetMapping("/{name}/aliases/{alias}")
	ResponseEntity<AliasView> alias(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @ResourceName String alias) {
		Alias found = this.registry.alias(name, alias);
		return ResponseEntity.ok().eTag(Preconditions.etag(found.revision())).body(AliasView.of(found));
	}

	@PutMapping(path = "/{name}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AliasView> setAlias(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @ResourceName String alias,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody AliasRequest request) {
		Alias moved = this.registry.setAlias(name, alias, request.version(), ifMatch);
		return ResponseEntity.ok().eTag(Preconditions.etag(moved.revision())).body(AliasView.of(moved));
	}

	@DeleteMapping("/{name}/aliases/{alias}")
	ResponseEntity<Void> deleteAlias(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @ResourceName String alias,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.registry.deleteAlias(name, alias, ifMatch);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{name}/aliases/{alias}/history")
	List<AliasMove> history(@PathVariable @Pattern(regexp = Model.NAME_PATTERN) String name,
			@PathVariable @ResourceName String alias,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.registry.history(name, alias, limit);
	}

	private ModelView view(Model model) {
		return new ModelView(model.name(), model.description(), model.owner(), model.readers(),
				Model.datasetOf(model.name()), this.registry.countVersions(model.name()),
				this.registry.aliases(model.name()).stream().map(AliasView::of).toList(), model.createdAt(),
				model.updatedAt());
	}

	static List<Integer> parseVersions(String text) {
		List<Integer> versions = new ArrayList<>();
		String[] parts = text.split(",", -1);
		if (parts.length < 2 || parts.length > MAX_COMPARED) {
			throw invalidVersions("must name 2 to " + MAX_COMPARED + " versions, separated by commas");
		}
		for (String part : parts) {
			String value = part.trim();
			if (!value.matches("[1-9][0-9]{0,8}")) {
				throw invalidVersions("must be version numbers separated by commas, such as 1,2");
			}
			versions.add(Integer.parseInt(value));
		}
		return versions;
	}

	private static CorelakeException invalidVersions(String message) {
		return new CorelakeException(CommonErrorCode.INVALID_PARAMETER, "The versions to compare are invalid.")
			.withViolations(List.of(new FieldViolation("versions", message)));
	}

	/**
	 * Where an alias should point.
	 *
	 * @param version the version
	 */
	record AliasRequest(@NotNull @Min(1) @Max(999_999_999) Integer version) {
	}

	/**
	 * A model as the API shows it.
	 *
	 * @param name name
	 * @param description description
	 * @param owner owner
	 * @param readers who besides the owner may read it ({@code *}: every signed-in user)
	 * @param dataset its catalog dataset ({@code model-<name>})
	 * @param versions how many versions it has
	 * @param aliases its aliases
	 * @param createdAt creation time
	 * @param updatedAt last change
	 */
	record ModelView(String name, String description, String owner, Set<String> readers, String dataset, int versions,
			List<AliasView> aliases, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * An alias as the API shows it.
	 *
	 * @param alias the alias
	 * @param version where it points
	 * @param revision its revision (the ETag without quotes)
	 * @param updatedBy who moved it last
	 * @param updatedAt when
	 */
	record AliasView(String alias, int version, long revision, String updatedBy, Instant updatedAt) {

		static AliasView of(Alias alias) {
			return new AliasView(alias.alias(), alias.version(), alias.revision(), alias.updatedBy(),
					alias.updatedAt());
		}

	}

	/**
	 * A version as the API shows it.
	 *
	 * @param model the model
	 * @param version its number
	 * @param algorithm the algorithm
	 * @param task classification, regression or clustering
	 * @param metrics evaluation on the test split
	 * @param params effective parameters
	 * @param featureSchema the features it takes
	 * @param label the label
	 * @param dataset the training dataset
	 * @param datasetVersion its exact version
	 * @param trainRows rows trained on
	 * @param testRows rows evaluated on
	 * @param seed the seed
	 * @param testFraction share of rows held out
	 * @param artifact lake URI of the artifact
	 * @param trainingRunId the training run that produced it
	 * @param computeJobId the compute job that trained it
	 * @param createdAt when it was registered
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record VersionView(String model, int version, String algorithm, String task, Map<String, Object> metrics,
			Map<String, Object> params, List<Feature> featureSchema, Feature label, String dataset,
			Integer datasetVersion, Long trainRows, Long testRows, Long seed, Double testFraction, String artifact,
			String trainingRunId, String computeJobId, Instant createdAt) {

		static VersionView of(ModelVersion version) {
			ModelCard card = version.card();
			return new VersionView(version.model(), version.version(), card.algorithm(), card.task(), card.metrics(),
					card.params(), card.featureSchema(), card.label(), card.dataset(), card.datasetVersion(),
					card.trainRows(), card.testRows(), card.seed(), card.testFraction(), card.artifact(),
					version.trainingRunId(), version.computeJobId(), version.createdAt());
		}

	}

}
