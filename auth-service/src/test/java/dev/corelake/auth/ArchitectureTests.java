package dev.corelake.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules for how auth-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.auth");
	}

	@Test
	void classesWhenImportedThenEveryFeatureIsThere() {
		for (String feature : new String[] { "user", "client", "key", "token", "discovery", "security", "system" }) {
			assertThat(classes.containPackage("dev.corelake.auth." + feature)).as(feature).isTrue();
		}
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.auth.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void featuresWhenTheyNeedEachOtherThenGoThroughServicesNotRepositories() {
		for (String feature : new String[] { "user", "client", "key", "token" }) {
			noClasses().that()
				.resideOutsideOfPackage("..auth." + feature + "..")
				.should()
				.dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.and(
						com.tngtech.archunit.core.domain.JavaClass.Predicates
							.resideInAPackage("..auth." + feature + ".."),
						com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Repository")))
				.because("features do not reach into each other's repositories")
				.check(classes);
		}
	}

	@Test
	void systemWhenItDependsOnAnythingThenNotOnAFeature() {
		noClasses().that()
			.resideInAPackage("..auth.system..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..auth.user..", "..auth.client..", "..auth.key..", "..auth.token..",
					"..auth.security..", "..auth.discovery..")
			.check(classes);
	}

	@Test
	void nothingWhenItDependsOnAnythingThenNotOnTheSecurityWiringOrTheLauncher() {
		noClasses().that()
			.resideOutsideOfPackage("..auth.security..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..auth.security..")
			.check(classes);
		noClasses().should().dependOnClassesThat().resideInAPackage("..standalone..").check(classes);
	}

	@Test
	void repositoriesWhenDeclaredThenSpringDataOnesArePackagePrivate() {
		noClasses().that()
			.areAssignableTo(Repository.class)
			.should()
			.bePublic()
			.because("a feature's storage is its own")
			.check(classes);
	}

}
