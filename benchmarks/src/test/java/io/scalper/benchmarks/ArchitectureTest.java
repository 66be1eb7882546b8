package io.scalper.benchmarks;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of the benchmarks (with JMH's generated one) form no cycle. */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(PackageCycles.classesOfModule(BookUpdateBenchmark.class), "io.scalper.benchmarks");
    }
}
