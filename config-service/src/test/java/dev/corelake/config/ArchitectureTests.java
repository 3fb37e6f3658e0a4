package dev.corelake.config;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules for how config-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.config");
	}

	@Test
	void classesWhenImportedThenEveryFeatureIsThere() {
		for (String feature : new String[] { "property", "view", "entry", "secret", "system" }) {
			assertThat(classes.containPackage("dev.corelake.config." + feature)).as(feature).isTrue();
		}
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.config.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void featuresWhenTheyNeedStoredDataThenGoThroughItsOwnersService() {
		noClasses().that()
			.resideOutsideOfPackage("..config.property..")
			.should()
			.dependOnClassesThat(resideInAPackage("..config.property..").and(simpleNameEndingWith("Repository")))
			.because("features do not reach into each other's repositories")
			.check(classes);
		noClasses().that()
			.resideOutsideOfPackage("..config.entry..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..config.entry..")
			.check(classes);
	}

	@Test
	void secretsWhenStoredThenOnlyThePropertyFeatureSeesTheCipher() {
		noClasses().that()
			.resideInAnyPackage("..config.view..", "..config.entry..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..config.secret..")
			.check(classes);
	}

}
