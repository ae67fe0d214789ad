package dev.hookflow.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hub's layout is its architecture: {@code platform} (Temporal, worker, config, errors, health)
 * serves everyone and uses no one; {@code inbound} (intake, verify, source, route, dispatch) and
 * {@code outbound} (the provider side) use only {@code platform}; {@code management} (events,
 * replay, auth) may read what {@code inbound} records. Only the application's own root classes see
 * all of them. No package cycles.
 */
class LayersTest {
  static final JavaClasses HUB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.hookflow.hub");

  @Test
  void shouldPointImportsOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("root")
        .definedBy("dev.hookflow.hub")
        .layer("management")
        .definedBy("dev.hookflow.hub.management..")
        .layer("inbound")
        .definedBy("dev.hookflow.hub.inbound..")
        .layer("outbound")
        .definedBy("dev.hookflow.hub.outbound..")
        .layer("platform")
        .definedBy("dev.hookflow.hub.platform..")
        .whereLayer("root")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("management")
        .mayOnlyBeAccessedByLayers("root")
        .whereLayer("inbound")
        .mayOnlyBeAccessedByLayers("root", "management")
        .whereLayer("outbound")
        .mayOnlyBeAccessedByLayers("root", "management")
        .whereLayer("platform")
        .mayOnlyBeAccessedByLayers("root", "management", "inbound", "outbound")
        .check(HUB);
  }

  @Test
  void shouldHaveNoPackageCycles() {
    slices().matching("dev.hookflow.hub.(**)").should().beFreeOfCycles().check(HUB);
  }

  @Test
  void shouldKeepTheModulesApart() {
    // activities and workflows never reach into the application.
    noClasses()
        .that()
        .resideInAnyPackage("dev.hookflow.activities..", "dev.hookflow.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.hookflow.hub..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hookflow.activities", "dev.hookflow.workflows"));
  }
}
