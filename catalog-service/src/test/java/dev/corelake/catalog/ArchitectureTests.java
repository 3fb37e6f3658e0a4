package dev.corelake.catalog;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.corelake.catalog.dataset.DatasetRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules for how catalog-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.catalog");
	}

	@Test
	void classesWhenImportedThenEveryFeatureIsThere() {
		assertThat(classes.containPackage("dev.corelake.catalog.dataset")).isTrue();
		assertThat(classes.containPackage("dev.corelake.catalog.version")).isTrue();
		assertThat(classes.containPackage("dev.corelake.catalog.system")).isTrue();
		assertThat(classes.containPackage("dev.corelake.catalog.lineage")).isTrue();
		assertThat(classes.containPackage("dev.corelake.catalog.lake")).isTrue();
		assertThat(classes.contain(DatasetRepository.class)).isTrue();
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.catalog.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void versionFeatureWhenItNeedsDatasetsThenGoesThroughTheServiceNotTheRepository() {
		noClasses().that()
			.resideInAPackage("..catalog.version..")
			.should()
			.accessClassesThat()
			.areAssignableTo(DatasetRepository.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(DatasetRepository.class)
			.because("features do not reach into each other's repositories")
			.check(classes);
	}

	@Test
	void catalogWhenItDependsOnAnythingThenNotOnTheStandaloneLauncher() {
		noClasses().should().dependOnClassesThat().resideInAPackage("..standalone..").check(classes);
	}

}
