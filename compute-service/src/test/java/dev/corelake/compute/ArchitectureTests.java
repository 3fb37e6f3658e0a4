package dev.corelake.compute;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Rules for how compute-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.compute");
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.compute.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theGuardAndTheBudgetKnowNothingOfJobsOrRunners() {
		noClasses().that()
			.resideInAnyPackage("..compute.sql..", "..compute.memory..", "..compute.catalog..", "..compute.ml..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..compute.job..", "..compute.run..", "..compute.kubernetes..", "..compute.spark..")
			.because("they are checked before a job exists")
			.check(classes);
	}

	@Test
	void onlyTheKubernetesRunnerTalksToKubernetes() {
		noClasses().that()
			.resideOutsideOfPackages("..compute.kubernetes..", "dev.corelake.compute")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.fabric8..")
			.check(classes);
	}

	@Test
	void computeWhenItDependsOnAnythingThenNotOnTheStandaloneLauncher() {
		noClasses().should().dependOnClassesThat().resideInAPackage("..standalone..").check(classes);
	}

}
