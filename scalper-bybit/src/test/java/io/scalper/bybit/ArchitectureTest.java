package io.scalper.bybit;

import io.scalper.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of scalper-bybit form no cycle. */
class ArchitectureTest {
    @Test
    void packagesShouldBeFreeOfCycles() {
        PackageCycles.check(
                PackageCycles.classesOfModule(io.scalper.bybit.gateway.BybitGateway.class), "io.scalper.bybit");
    }
}
