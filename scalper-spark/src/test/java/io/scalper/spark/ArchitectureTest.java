package io.scalper.spark;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of scalper-spark form no cycle. */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(PackageCycles.classesOfModule(SparkMain.class), "io.scalper.spark");
    }
}
