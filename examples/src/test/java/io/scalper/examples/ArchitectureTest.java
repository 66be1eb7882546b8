package io.scalper.examples;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of the examples form no cycle (one package today; the rule guards the next). */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(PackageCycles.classesOfModule(CustomSignalExample.class), "io.scalper.examples");
    }
}
