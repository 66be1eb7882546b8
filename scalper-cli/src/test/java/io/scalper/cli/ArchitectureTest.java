package io.scalper.cli;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of scalper-cli form no cycle (one package today; the rule guards the next). */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(PackageCycles.classesOfModule(ScalperCli.class), "io.scalper.cli");
    }
}
