package io.scalper.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.backtest.GeneratedSource;
import io.scalper.core.backtest.LatencyModel;
import io.scalper.core.backtest.QueueModel;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.runtime.RuntimeLog;
import io.scalper.core.runtime.TradingLoop;
import io.scalper.core.session.Session;
import io.scalper.core.testing.Configs;
import io.scalper.core.util.JsonText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session on a venue whose matching engine is a simulated exchange with models of its own ({@link FrameVenue}),
 * recorded by the trading loop, then replayed through the backtester and compared: the decisions are the same to the
 * last bit, the trades match when the backtest's models are the venue's, and a miscalibrated latency or a refusal
 * injected live shows where it happened, with its cause.
 */
class SessionDriftTest {
    private static final long MINUTE = 60_000_000_000L;
    /** The market is sent 150 times faster than real time: 6 minutes in 2.4 s. */
    private static final double SPEED = 150;

    private static final RuntimeLog QUIET = new RuntimeLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}
    };

    @TempDir
    Path dir;

    /** One session without faults, for the tests that only replay it (not a {@code @TempDir}: that one is shared). */
    static Path clean;

    @org.junit.jupiter.api.BeforeAll
    static void recordACleanSession() throws IOException {
        clean = java.nio.file.Files.createTempDirectory("session-drift");
        live(clean, 0);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeIt() throws IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(clean)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** The venue's own models: 1 ms each way, its probabilistic queue. */
    private static final String[][] VENUE_MODELS = {
        {"backtest.orderLatency", "1ms"}, {"backtest.responseLatency", "1ms"}, {"backtest.queueModel", "probabilistic"}
    };

    private static FrameVenue live(Path dir, int rejectEntry) throws IOException {
        // eager entries (a weaker score) and no loss limits, so that a few minutes of market trade several times;
        // smaller positions; the latency gate loose for a loaded machine (a turn of the loop handles many messages at
        // this
        // speed)
        final ScalperConfig cfg = Configs.plumbing()
                .with("fusion.entryScore", "0.15")
                .with("risk.maxLatency", "2s")
                .with("risk.dailyLossR", "100000")
                .with("risk.drawdownTiers", "0.5:0")
                .with("risk.maxPositionNotional", "10000")
                // the loop's times are the wall clock's, 150 times shorter than the market's: no 5 s pause after a loss
                .with("risk.lossCooldown", "0s");
        // a generated market stamped from now on, as the emulator's: sent faster than real time, its exchange times run
        // ahead of the loop's clock (and its timers never move the features' clock)
        final FrameVenue venue = new FrameVenue(
                new GeneratedSource(
                        io.scalper.core.synthetic.GeneratorConfig.defaults()
                                .withSeed(7)
                                .withStartTimeNs(io.scalper.core.time.SystemClock.INSTANCE.nowNs()),
                        io.scalper.core.synthetic.Scenarios.rich(6 * MINUTE, 7),
                        6 * MINUTE),
                cfg,
                LatencyModel.constant(1_000_000, 1_000_000),
                QueueModel.probabilistic(),
                SPEED,
                rejectEntry);
        try (TradingLoop loop = TradingLoop.builder(venue)
                .config(cfg)
                .stateDirectory(dir)
                .log(QUIET)
                .recordSession(1L << 30)
                .build()) {
            loop.start();
            loop.runUntil(venue::exhausted);
            loop.stop(true, false);
        }
        return venue;
    }

    private static DriftResult drift(Path dir, String[]... keys) throws IOException {
        final Session s = Session.open(dir);
        final SessionDrift.Builder b =
                SessionDrift.builder(s, () -> new TextFrames.Source(s, s.instrument(s.symbol())));
        for (String[] kv : keys) {
            b.calibrate(kv[0], kv[1]);
        }
        return b.build().run();
    }

    @Test
    void shouldReplayTheSameDecisionsAndMatchTheTradesWhenTheBacktestHasTheVenuesModels() throws IOException {
        final DriftResult r = drift(clean, VENUE_MODELS);

        assertThat(r.decisions().compared()).as("decisions compared").isGreaterThan(1_000);
        assertThat(r.decisions().sameScore())
                .as("the same fused score, bit for bit")
                .isEqualTo(r.decisions().compared());
        assertThat(r.decisions().agreement()).isEqualTo(1.0);
        assertThat(r.trades().live())
                .as("live trades: %s", Session.open(clean).text(Session.SUMMARY).orElse(""))
                .isGreaterThanOrEqualTo(2);
        // the venue works on the loop's turns (a test venue, not a network), the backtest on exact times: a few entries
        // fill on one side only, and every difference names its cause
        assertThat(2 * r.trades().matched())
                .as("matched trades of %s: %s", r.trades().live(), r.divergences())
                .isGreaterThanOrEqualTo(r.trades().live());
        assertThat(r.unexplained())
                .as("differences without a cause: %s", r.divergences())
                .isZero();
        @SuppressWarnings("unchecked")
        final Map<String, Object> json = (Map<String, Object>) JsonText.parse(r.toJson());
        for (String key : new String[] {
            "liveTrades",
            "backtestTrades",
            "matchedTrades",
            "liveNetPnl",
            "backtestNetPnl",
            "liveFills",
            "backtestFills",
            "matchedFills",
            "decisionsCompared",
            "decisionAgreement",
            "liveMedianRoundTripMs",
            "modelMedianRoundTripMs"
        }) {
            assertThat(json).as(key).containsKey(key);
        }
        assertThat(((Number) json.get("matchedTrades")).longValue())
                .isEqualTo(r.trades().matched());
    }

    @Test
    void shouldShowAMiscalibratedLatencyWhereTheBacktestFirstParts() throws IOException {
        final DriftResult right = drift(clean, VENUE_MODELS);
        final DriftResult slow = drift(
                clean,
                new String[] {"backtest.orderLatency", "400ms"},
                new String[] {"backtest.responseLatency", "400ms"},
                new String[] {"backtest.queueModel", "probabilistic"});

        assertThat(slow.decisions().sameScore())
                .as("%s", slow.decisions().differences())
                .isEqualTo(slow.decisions().compared());
        assertThat(slow.latency().modelRoundTrips().medianMs()).isEqualTo(800.0);
        assertThat(slow.trades().matched()).isLessThan(right.trades().matched());
        final DriftResult.Divergence first = slow.divergences().stream()
                .filter(d -> d.kind().equals("entry"))
                .findFirst()
                .orElseThrow();
        assertThat(first.cause()).as(first.toString()).contains("latency: the backtest's order round trip 800.0 ms");
    }

    @Test
    void shouldExplainAnEntryTheVenueRefusedWhenItWasRefused() throws IOException {
        final FrameVenue venue = live(dir, 1);
        assertThat(venue.rejectedAtNs).as("the venue refused an entry").isPositive();

        final DriftResult r = drift(dir, VENUE_MODELS);

        final DriftResult.Divergence refused = r.divergences().stream()
                .filter(d -> d.cause().contains("the venue rejected it"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no refusal among " + r.divergences()));
        assertThat(refused.timeNs()).isEqualTo(venue.rejectedAtNs);
        assertThat(refused.cause()).contains("insufficient_balance");
        assertThat(r.decisions().sameScore()).isEqualTo(r.decisions().compared());
    }

    @Test
    void shouldWriteAReportThatRendersInChromium() throws Exception {
        final DriftResult r = drift(clean, VENUE_MODELS);
        final Path html = dir.resolve("report.html");
        io.scalper.core.report.DriftReport.write(r, html);

        final String page = java.nio.file.Files.readString(html);
        for (String id : new String[] {
            "run",
            "stats",
            "equity",
            "drawdown",
            "price",
            "signals",
            "latency",
            "queue",
            "refusals",
            "trades",
            "differences"
        }) {
            assertThat(page).as(id).contains("id=\"" + id + "\"");
        }
        assertThat(page).contains("equity-chart", "live-latency-chart", "model-latency-chart", "agreement-chart");
        final io.scalper.core.report.ChromiumCheck chromium = io.scalper.core.report.ChromiumCheck.require();
        final StringBuilder output = new StringBuilder();
        assertThat(chromium.check(html, output))
                .as("check-report.sh output:%n%s", output)
                .isZero();
        assertThat(output).contains("check-report: OK");

        final Path empty = dir.resolve("empty.html");
        io.scalper.core.report.DriftReport.write(emptyResult(), empty);
        final StringBuilder out2 = new StringBuilder();
        assertThat(chromium.check(empty, out2))
                .as("check-report.sh output:%n%s", out2)
                .isZero();
    }

    /** A session in which nothing traded and nothing was measured. */
    static DriftResult emptyResult() {
        final long t = 1_800_000_000_000_000_000L;
        return new DriftResult(
                new DriftResult.Run(
                        "s",
                        "sim",
                        "BTCUSDT",
                        t,
                        t + 60_000_000_000L,
                        0,
                        "fixed",
                        "risk-averse",
                        Map.of(),
                        java.util.List.of()),
                new DriftResult.Decisions(0, 0, 0, 0, 0, 0, 0, java.util.List.of(), 1, new long[1], new long[1]),
                new DriftResult.Entries(0, 0, 0, 0, 0, 0, 0, 0, 0),
                new DriftResult.Fills(0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN),
                new DriftResult.Trades(
                        0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), java.util.List.of()),
                new DriftResult.Latency(
                        new Distribution(), new Distribution(), new Distribution(), new Distribution(), 0, 0),
                new DriftResult.Queue(
                        0,
                        0,
                        0,
                        0,
                        "risk-averse",
                        Double.NaN,
                        0,
                        0,
                        0,
                        new double[0],
                        new long[0],
                        new long[0],
                        java.util.List.of()),
                java.util.List.of(),
                new DriftResult.Curves(
                        new long[] {t},
                        new double[] {0},
                        new long[] {t},
                        new double[] {0},
                        new long[0],
                        new double[0],
                        new long[0],
                        new double[0],
                        new long[0],
                        new double[0]));
    }
}
