package io.scalper.bybit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.bybit.auth.BybitCredentials;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.Order;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.feature.Features;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.signal.Signal;
import io.scalper.emulator.BybitEmulator;
import io.scalper.emulator.EmulatorFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live loop against the in-process Bybit emulator over real sockets: it trades, it survives dropped streams and
 * rejected orders, and a restart after a crash adopts the position instead of opening a second one.
 */
class LiveTraderTest {
    private static final long DEADLINE_NS = 30_000_000_000L;

    @TempDir
    Path state;

    private BybitEmulator emulator;

    /** A signal the test turns on: +1 when {@link #on}, else 0. Weighted far above the built-in eight. */
    static final class Switch implements Signal {
        volatile boolean on;

        @Override
        public String name() {
            return "test";
        }

        @Override
        public double score(Features features) {
            return on ? 1 : 0;
        }
    }

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = BybitEmulator.builder().restPort(0).wsPort(0).seed(7).build().start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /**
     * Defaults with a latency gate loose enough for a loaded CI machine (loopback, not the point here) and the edge gate
     * off.
     */
    static ScalperConfig config() {
        final ScalperConfig d = ScalperConfig.defaults();
        final RiskConfig r = d.risk();
        final RiskConfig loose = io.scalper.core.testing.Records.with(
                r,
                "maxSpreadTicks",
                10L,
                "maxLatencyNs",
                2_000_000_000L,
                "fundingWindowNs",
                0L,
                "maxBookAgeNs",
                10_000_000_000L);
        // the plumbing is the point here, not the edge: the test's signal forces entries, the edge gate is off
        return d.withRisk(loose).withEdge(d.edge().withEnabled(false));
    }

    LiveTrader trader(Switch signal, Path dir) {
        return LiveTrader.builder()
                .environment(BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl()))
                .credentials(new BybitCredentials(emulator.apiKey(), emulator.apiSecret()))
                .symbol("BTCUSDT")
                .config(config())
                .stateDirectory(dir)
                .reconcile(ReconcilePolicy.ADOPT)
                .webSocketConfig(BybitWsConfig.defaults().withBackoff(50, 500))
                .engine(b -> b.signal(signal, 20.0))
                .build();
    }

    static void runUntil(LiveTrader t, String what, BooleanSupplier done) {
        final long end = System.nanoTime() + DEADLINE_NS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what + "; status " + t.status());
            }
            if (t.step() == 0) {
                Thread.onSpinWait();
            }
        }
    }

    static boolean hasWorkingStop(LiveTrader t) {
        for (Order o : t.engine().orders().all()) {
            if (o.request().purpose() == OrderPurpose.STOP_LOSS && !o.status().isTerminal()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldTradeStayProtectedThroughAPublicDropAndAgreeWithTheVenue() throws Exception {
        final Switch signal = new Switch();
        try (LiveTrader t = trader(signal, state)) {
            t.start();
            runUntil(
                    t,
                    "book in sync",
                    () -> t.status().bookInSync() && t.status().privateStreamUp());
            signal.on = true;
            runUntil(t, "a long position", () -> t.engine().position().qtyLots() > 0);
            signal.on = false;
            runUntil(t, "a working stop", () -> hasWorkingStop(t));
            // the entry may still be filling at the venue (partial fills whose pushes are on their way): the engine
            // must come to the venue's position, not hold it at every instant
            runUntil(
                    t,
                    "the engine's position equal to the venue's",
                    () -> t.engine().position().qtyLots() == emulator.positionLots(emulator.apiKey(), "BTCUSDT"));
            final long lots = t.engine().position().qtyLots();
            assertThat(lots).isPositive();
            assertThat(emulator.positionLots(emulator.apiKey(), "BTCUSDT")).isEqualTo(lots);
            assertThat(t.roundTrips().count()).as("order round trips measured").isPositive();
            assertThat(t.feedAges().count()).as("feed ages measured").isPositive();

            final long reconnects = t.status().reconnects();
            emulator.faults().drop(EmulatorFaults.Channel.PUBLIC);
            runUntil(
                    t,
                    "public stream back and in sync",
                    () -> t.status().reconnects() > reconnects && t.status().bookInSync());
            assertThat(hasWorkingStop(t)).as("brackets intact after the drop").isTrue();
            assertThat(t.engine().invariantViolations()).isZero();

            t.stop(false, true);
            assertThat(t.engine().position().isFlat()).isTrue();
            assertThat(emulator.positionLots(emulator.apiKey(), "BTCUSDT")).isZero();
            final var stats = t.stats();
            final double venueChange = stats.extras().get("venueEndEquity").doubleValue()
                    - stats.extras().get("venueStartEquity").doubleValue();
            assertThat(t.engine().position().netRealized())
                    .isCloseTo(venueChange, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(t.engine().orders().unknownOrders()).isZero();
        }
    }

    @Test
    void shouldStopLikeCtrlCWhenTheLoopFailsSoNoEntryIsLeftWorkingAndThePositionKeepsItsStop() throws Exception {
        final Switch signal = new Switch();
        final String key = emulator.apiKey();
        try (LiveTrader t = trader(signal, state)) {
            t.start();
            runUntil(
                    t, "streams up", () -> t.status().bookInSync() && t.status().privateStreamUp());
            signal.on = true;
            runUntil(t, "an entry working", () -> t.engine().entryWorking());
            // the disk "fills up": state.json can no longer be replaced, and the loop fails writing it
            java.nio.file.Files.delete(state.resolve("state.json"));
            java.nio.file.Files.createDirectories(state.resolve("state.json").resolve("blocked"));
            final RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    RuntimeException.class, () -> runUntil(t, "never", () -> false));
            assertThat(failure).hasMessageContaining("cannot write the state");
            signal.on = false;
        } // close() stops the trader the loop could not
        Thread.sleep(300);
        final var orders = emulator.openOrders(key, "BTCUSDT");
        assertThat(orders).as("no entry left working at the venue").allMatch(BybitEmulator.OpenOrder::reduceOnly);
        final long lots = emulator.positionLots(key, "BTCUSDT");
        if (lots != 0) {
            assertThat(orders)
                    .as("the position keeps its stop")
                    .anyMatch(o -> o.isConditional() && o.leavesLots() >= Math.abs(lots));
        }
    }

    @Test
    void shouldRefuseEntriesWhileThePrivateStreamIsDownAndCountRejectedOrders() throws Exception {
        final Switch signal = new Switch();
        try (LiveTrader t = trader(signal, state)) {
            t.start();
            runUntil(
                    t, "streams up", () -> t.status().bookInSync() && t.status().privateStreamUp());
            // rejected orders: counted as rejections, nothing crashes, no position
            emulator.faults().rejectNextOrders(3, 110007);
            signal.on = true;
            runUntil(
                    t,
                    "three rejections",
                    () -> t.engine().orders().all().stream()
                                    .filter(o -> o.status().name().equals("REJECTED"))
                                    .count()
                            >= 1);
            signal.on = false;
            assertThat(t.engine().invariantViolations()).isZero();

            emulator.faults().drop(EmulatorFaults.Channel.PRIVATE);
            runUntil(
                    t,
                    "private stream seen down",
                    () -> !t.status().privateStreamUp()
                            || t.engine().customRefusals().containsKey("private_stream_down"));
            runUntil(t, "private stream back", () -> t.status().privateStreamUp());
            t.stop(false, true);
        }
    }

    @Test
    void shouldResyncTheBookAfterASkippedDeltaWithoutTouchingTheOrders() throws Exception {
        final Switch signal = new Switch();
        try (LiveTrader t = trader(signal, state)) {
            t.start();
            runUntil(
                    t, "streams up", () -> t.status().bookInSync() && t.status().privateStreamUp());
            final long resubscribes = t.session().publicStream().resubscribes();
            emulator.faults().skipBookDelta();
            runUntil(
                    t,
                    "a resubscription and the book back in sync",
                    () -> t.session().publicStream().resubscribes() > resubscribes
                            && t.status().bookInSync());
            assertThat(emulator.faults().skippedDeltas()).isPositive();
            assertThat(t.engine().market().book().bestBid())
                    .isLessThan(t.engine().market().book().bestAsk());
            t.stop(false, true);
        }
    }

    @Test
    void shouldPaperTradeOnLiveDataWithoutKeysOrOrdersAtTheVenue() throws Exception {
        final Switch signal = new Switch();
        try (LiveTrader t = LiveTrader.builder()
                .environment(BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl()))
                .symbol("BTCUSDT")
                .config(config())
                .stateDirectory(state)
                .paper(true)
                .engine(b -> b.signal(signal, 20.0))
                .build()) {
            t.start();
            runUntil(t, "book in sync", () -> t.status().bookInSync());
            signal.on = true;
            runUntil(t, "a simulated long", () -> t.engine().position().qtyLots() > 0);
            signal.on = false;
            assertThat(emulator.positionLots(emulator.apiKey(), "BTCUSDT"))
                    .as("nothing reached the venue")
                    .isZero();
            assertThat(t.status().venue()).endsWith("(paper)");
            t.stop(false, true);
            runUntil(t, "flat", () -> t.engine().position().isFlat());
        }
    }

    @Test
    void shouldAdoptAndProtectThePositionAfterACrashWithoutADuplicate() throws Exception {
        final Switch signal = new Switch();
        final LiveTrader first = trader(signal, state);
        first.start();
        runUntil(
                first,
                "streams up",
                () -> first.status().bookInSync() && first.status().privateStreamUp());
        signal.on = true;
        runUntil(first, "a position", () -> first.engine().position().qtyLots() > 0);
        signal.on = false;
        runUntil(
                first,
                "its stop, the entry done",
                () -> hasWorkingStop(first) && !first.engine().entryWorking());
        first.close(); // a crash: connections gone, nothing cancelled, no final state written by stop()
        // the exchange is the authority on the position (a fill could still land after the crash)
        final long lots = emulator.positionLots(emulator.apiKey(), "BTCUSDT");
        assertThat(lots).isPositive();

        final Switch quiet = new Switch();
        try (LiveTrader second = trader(quiet, state)) {
            second.start();
            assertThat(second.reconciliation().positionLots()).isEqualTo(lots);
            runUntil(
                    second,
                    "the adopted position protected",
                    () -> second.engine().position().qtyLots() == lots && hasWorkingStop(second));
            assertThat(emulator.positionLots(emulator.apiKey(), "BTCUSDT"))
                    .as("no second position")
                    .isEqualTo(lots);
            assertThat(second.engine().entriesPlaced()).isZero();
            second.stop(false, true);
            assertThat(emulator.positionLots(emulator.apiKey(), "BTCUSDT")).isZero();
        }
        assertThat(List.of(state.toFile().list())).contains("state.json", "health.json", "orders.csv");
    }
}
