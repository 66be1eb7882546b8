package io.scalper.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ExecutionListener;
import io.scalper.core.exec.Liquidity;
import io.scalper.core.exec.OrderEvent;
import io.scalper.core.exec.OrderPurpose;
import io.scalper.core.exec.OrderRequest;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.exec.TimeInForce;
import io.scalper.core.model.Instrument;
import io.scalper.core.model.Side;
import io.scalper.core.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session written by {@link SessionRecorder} and read back by {@link Session}; its disk bound; its wrappers. */
class SessionRecorderTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");
    private static final long T0 = 1_800_000_000_000_000_000L;

    @TempDir
    Path state;

    private static List<String> all(Session.CloseableLines lines) {
        final List<String> out = new ArrayList<>();
        while (lines.hasNext()) {
            out.add(lines.next());
        }
        return out;
    }

    @Test
    void shouldReadBackWhatItRecordedWithExactTimes() throws IOException {
        Files.writeString(state.resolve("weights.json"), "{\"w\":1}\n");
        final ManualClock clock = new ManualClock(T0);
        final ScalperConfig config = ScalperConfig.defaults().with("fusion.entryScore", "0.25");
        final SessionRecorder r = SessionRecorder.open(state, 1L << 30, clock, s -> {});
        r.begin("sim", false, "ADOPT", 10_000, 1_000_000, config);
        r.instrument(BTC, 0.0002, 0.00055);
        r.step(T0 + 5, true);
        clock.setNs(T0 + 5);
        r.onFrame("{\"topic\":\"a\"}", T0 + 3);
        r.onFrame("{\"topic\":\"b\"}", T0 + 4);
        clock.setNs(T0 + 9);
        r.onFrame("{\"topic\":\"c\"}", T0 + 8);
        r.onGap("public stream disconnected: \"bye\"", T0 + 9);
        final RecordingGateway venue = new RecordingGateway(clock, true);
        final ExchangeGateway g = r.gateway("BTCUSDT", venue);
        final List<OrderEvent> heard = new ArrayList<>();
        g.setListener(heard::add);
        g.submit(OrderRequest.limit(
                "sc-1", "BTCUSDT", Side.BUY, 650_000, 10, TimeInForce.POST_ONLY, false, OrderPurpose.ENTRY));
        venue.fill("sc-1", 650_000, 4, 0.1, Liquidity.MAKER);
        g.cancel("sc-1");
        r.stopping(T0 + 20, true, false);
        clock.setNs(T0 + 30);
        r.close(null);

        final Session s = Session.open(state);
        assertThat(s.directory()).isEqualTo(r.directory());
        assertThat(s.venue()).isEqualTo("sim");
        assertThat(s.symbols()).containsExactly("BTCUSDT");
        assertThat(s.instrument("BTCUSDT")).isEqualTo(BTC);
        assertThat(s.makerFeeRate("BTCUSDT")).isEqualTo(0.0002);
        assertThat(s.config()).isEqualTo(config);
        assertThat(s.clockStartNs()).isEqualTo(T0);
        assertThat(s.clockOffsetNs()).isEqualTo(1_000_000);
        assertThat(s.firstStepNs()).isEqualTo(T0 + 5);
        assertThat(s.stopNs()).isEqualTo(T0 + 20);
        assertThat(s.endNs()).isEqualTo(T0 + 30);
        assertThat(s.restored()).containsExactly("weights.json");
        assertThat(s.text(Session.START_WEIGHTS)).contains("{\"w\":1}\n");
        assertThat(s.dropped()).isZero();
        assertThat(all(Session.lines(s.files(Session.MARKET))))
                .containsExactly(
                        (T0 + 3) + "\t{\"topic\":\"a\"}",
                        (T0 + 4) + "\t{\"topic\":\"b\"}",
                        (T0 + 8) + "\t{\"topic\":\"c\"}",
                        (T0 + 9) + "\t{\"op\":\"scalper.gap\",\"success\":false,"
                                + "\"ret_msg\":\"public stream disconnected: \\\"bye\\\"\"}");
        final long[][] turns = s.steps();
        assertThat(turns[0]).containsExactly(T0 + 3, T0 + 8);
        assertThat(turns[1]).containsExactly(T0 + 5, T0 + 9);
        assertThat(turns[2]).as("turns that ran timers").containsExactly(T0 + 5);
        final Session.Log log = s.log("BTCUSDT");
        assertThat(log.commands()).extracting(Session.Command::kind).containsExactly("submit", "cancel");
        assertThat(log.commands().get(0).timeNs()).isEqualTo(T0 + 9);
        assertThat(log.commands().get(0).priceTicks()).isEqualTo(650_000);
        assertThat(log.answers()).extracting(Session.Answer::event).containsExactly("Accepted", "Filled", "Canceled");
        assertThat(log.answers().get(1).qtyLots()).isEqualTo(4);
        assertThat(log.answers().get(1).liquidity()).isEqualTo("MAKER");
        assertThat(log.notes()).extracting(Session.Note::kind).contains("gap", "stop");
        assertThat(heard).hasSize(3);
    }

    @Test
    void shouldStopRecordingAtTheBoundAndSayWhen() throws IOException {
        final ManualClock clock = new ManualClock(T0);
        final long bound = 512 * 1024;
        final SessionRecorder r = SessionRecorder.open(state, bound, clock, s -> {});
        r.begin("sim", false, "ADOPT", 10_000, 0, ScalperConfig.defaults());
        r.instrument(BTC, Double.NaN, Double.NaN);
        final java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 40_000; i++) {
            // incompressible frames: the bound is reached after some 10,000
            clock.setNs(T0 + i * 1_000L);
            r.onFrame(
                    "{\"topic\":\"x\",\"n\":\"" + Long.toHexString(random.nextLong())
                            + Long.toHexString(random.nextLong()) + "\"}",
                    T0 + i * 1_000L);
            if (i % 2_000 == 0) {
                waitForTheWriter(r);
            }
        }
        r.close(null);
        final Session s = Session.open(state);
        assertThat(s.truncatedNs()).as("recording stopped").isPositive();
        assertThat(s.makerFeeRate("BTCUSDT")).isNaN();
        long onDisk;
        try (Stream<Path> files = Files.walk(state.resolve(SessionRecorder.SESSIONS_DIRECTORY))) {
            onDisk = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        // within what the compressors hold between two flushes (64 KiB of text each, a fraction of that compressed)
        assertThat(onDisk).as("the sessions folder stays within its bound").isBetween(bound / 2, bound + 64 * 1024);
        assertThat(all(Session.lines(s.files(Session.MARKET)))).hasSizeLessThan(40_000);
    }

    private static void waitForTheWriter(SessionRecorder r) {
        for (int k = 0; k < 200 && r.bytes() == 0; k++) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
    }

    @Test
    void shouldDeleteTheOldestSessionsUntilHalfTheBoundIsFree() throws IOException {
        final Path sessions = Files.createDirectories(state.resolve(SessionRecorder.SESSIONS_DIRECTORY));
        for (String old : new String[] {"20250101T000000Z", "20250102T000000Z", "20250103T000000Z"}) {
            Files.createDirectories(sessions.resolve(old));
            Files.write(sessions.resolve(old).resolve("market.bin"), new byte[40_000]);
        }
        final SessionRecorder r = SessionRecorder.open(state, 100_000, new ManualClock(T0), s -> {});
        r.close(null);
        assertThat(sessions.resolve("20250101T000000Z")).doesNotExist();
        assertThat(sessions.resolve("20250102T000000Z")).doesNotExist();
        assertThat(sessions.resolve("20250103T000000Z")).exists();
        assertThat(r.directory())
                .as("a session that never connected leaves nothing")
                .doesNotExist();
    }

    @Test
    void shouldForwardEveryMethodOfTheGatewayAndItsListener() throws Exception {
        final SessionRecorder r = SessionRecorder.open(state, 1L << 30, new ManualClock(T0), s -> {});
        try {
            final ExchangeGateway g = r.gateway("BTCUSDT", new RecordingGateway(new ManualClock(T0), true));
            for (java.lang.reflect.Method m : ExchangeGateway.class.getMethods()) {
                assertThat(g.getClass()
                                .getDeclaredMethod(m.getName(), m.getParameterTypes())
                                .getDeclaringClass())
                        .as("%s forwarded", m)
                        .isEqualTo(g.getClass());
            }
            final Class<?> listener = Class.forName(SessionRecorder.class.getName() + "$RecordingListener");
            for (java.lang.reflect.Method m : ExecutionListener.class.getMethods()) {
                assertThat(listener.getDeclaredMethod(m.getName(), m.getParameterTypes()))
                        .as("%s forwarded", m)
                        .isNotNull();
            }
        } finally {
            r.close(null);
        }
    }
}
