package io.scalper.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** scalper-core stays exchange-agnostic and dependency-free, and its packages form no cycle. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.scalper.core");

    @Test
    void coreShouldNotDependOnAdaptersOrThirdPartyLibraries() {
        noClasses()
                .that()
                .resideInAPackage("io.scalper.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml.jackson..",
                        "okhttp3..",
                        "okio..",
                        "org.java_websocket..",
                        "picocli..",
                        "org.slf4j..",
                        "io.scalper.bybit..",
                        "io.scalper.cli..")
                .because("scalper-core has no runtime dependency and knows no exchange")
                .check(CORE);
    }

    @Test
    void coreShouldNotReadTheWallClockOutsideTheClockPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.scalper.core..")
                .and()
                .resideOutsideOfPackage("io.scalper.core.time..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .because("time is injected through Clock")
                .check(CORE);
    }

    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(
                PackageCycles.classesOfModule(io.scalper.core.engine.ScalperEngine.class), "io.scalper.core");
    }
}
