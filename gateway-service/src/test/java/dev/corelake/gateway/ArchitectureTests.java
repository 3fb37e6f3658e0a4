package dev.corelake.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules for how gateway-service's packages may depend on each other.
 *
 * @author Corelake
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.corelake.gateway");
	}

	@Test
	void classesWhenImportedThenEveryFeatureIsThere() {
		assertThat(classes.containPackage("dev.corelake.gateway.route")).isTrue();
		assertThat(classes.containPackage("dev.corelake.gateway.edge")).isTrue();
		assertThat(classes.containPackage("dev.corelake.gateway.ratelimit")).isTrue();
		assertThat(classes.containPackage("dev.corelake.gateway.platform")).isTrue();
	}

	@Test
	void packagesWhenSlicedThenFreeOfCycles() {
		slices().matching("dev.corelake.gateway.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void gatewayWhenItDependsOnOtherServicesThenOnlyOverHttp() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.corelake.auth..", "dev.corelake.catalog..", "dev.corelake.config..",
					"dev.corelake.standalone..")
			.because("the gateway reaches services over HTTP only")
			.check(classes);
	}

}
