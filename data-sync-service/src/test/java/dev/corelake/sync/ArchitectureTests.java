package dev.corelake.sync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules for how data-sync-service's packages may depend on each other: features in layers
 * (sources, then jobs, then runs, then the engine and the scheduler that execute them),
 * the building blocks (formats, guards, the catalog client, settings) knowing no feature.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.sync");
	}

	@Test
	void classesWhenImportedThenEveryPackageIsThere() {
		for (String feature : new String[] { "source", "job", "run", "engine", "schedule", "format", "net", "catalog",
				"system" }) {
			assertThat(classes.containPackage("dev.corelake.sync." + feature)).as(feature).isTrue();
		}
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.sync.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void buildingBlocksWhenTheyDependOnAnythingThenNotOnFeatures() {
		noClasses().that()
			.resideInAnyPackage("..sync.format..", "..sync.net..", "..sync.catalog..", "..sync.system..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..sync.source..", "..sync.job..", "..sync.run..", "..sync.engine..",
					"..sync.schedule..")
			.check(classes);
	}

	@Test
	void featuresWhenTheyDependOnEachOtherThenOnlyDownwards() {
		noClasses().that()
			.resideInAPackage("..sync.source..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..sync.job..", "..sync.run..", "..sync.engine..", "..sync.schedule..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("..sync.job..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..sync.run..", "..sync.engine..", "..sync.schedule..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("..sync.run..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..sync.engine..", "..sync.schedule..")
			.check(classes);
	}

	@Test
	void syncWhenItDependsOnAnythingThenNotOnTheStandaloneLauncher() {
		noClasses().should().dependOnClassesThat().resideInAPackage("..standalone..").check(classes);
	}

}
