package dev.corelake.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Rules for how ai-model-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.model");
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.model.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void onlyTheServingPackageRunsSparkForPredictions() {
		noClasses().that()
			.resideInAnyPackage("..model.registry..", "..model.training..", "..model.downstream..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.spark..")
			.because("the registry and training runs never load a model; compute-service trains")
			.check(classes);
	}

	@Test
	void modelServiceWhenItDependsOnAnythingThenNotOnOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.corelake.compute..", "dev.corelake.catalog..", "..standalone..")
			.check(classes);
	}

}
