package io.scalper.emulator;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of scalper-emulator form no cycle. */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(PackageCycles.classesOfModule(BybitEmulator.class), "io.scalper.emulator");
    }
}
