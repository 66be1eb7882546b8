package io.scalper.core.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The package-cycle rule every module checks on its own production classes (shared through scalper-core's test-jar):
 * no package may depend on itself through other packages, counted both between the module's top-level packages (with
 * their subpackages, e.g. {@code io.scalper.core.backtest..}) and between single packages.
 */
public final class PackageCycles {
    private PackageCycles() {}

    /**
     * The production classes of the module that holds {@code anyClass}: its own classes directory (or jar), nothing of
     * its dependencies and none of its tests.
     */
    public static JavaClasses classesOfModule(Class<?> anyClass) {
        try {
            final Path location = Path.of(
                    anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().importPath(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + anyClass, e);
        }
    }

    /**
     * Fails, listing every cycle, when a package of {@code classes} under {@code rootPackage} depends on itself through
     * others.
     */
    public static void check(JavaClasses classes, String rootPackage) {
        slices().matching(rootPackage + ".(*)..")
                .namingSlices(rootPackage + ".$1..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true) // a module of one package has no top-level slices
                .because("a package that depends on itself through others cannot be understood, tested or moved alone")
                .check(classes);
        slices().matching("(**)")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .because("a package that depends on itself through others cannot be understood, tested or moved alone")
                .check(classes);
    }
}
