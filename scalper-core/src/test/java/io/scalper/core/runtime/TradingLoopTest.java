package io.scalper.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.engine.ScalperEngine;
import io.scalper.core.exec.ExchangeGateway;
import io.scalper.core.exec.ReconcilePolicy;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue-neutral runtime against a venue written here in a few lines — what a second venue module implements,
 * with nothing of the loop copied: the loop connects it, builds the engine on its market and gateway, restores the
 * saved state, attaches it, polls it, writes the state and health files, and stops and closes it in order.
 */
class TradingLoopTest {
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    @TempDir
    Path dir;

    /** A venue whose feed is a scripted book, and whose orders go to a {@link RecordingGateway}. */
    static final class ScriptedVenue implements Venue {
        final Instrument instrument;
        final List<String> calls = new ArrayList<>();
        MarketState market;
        RecordingGateway gateway;
        MarketStateSink feed;
        LongConsumer feedAge;
        long updateId;
        long leftAtShutdown;
        int pollsWhileDown;
        int polls;
        long venueLots;
        int venueChecksAnswered;
        /** Orders are answered only from this poll on (-1: at once, as the exchange acknowledges). */
        int answerFromPoll = -1;

        ScriptedVenue() {
            this(BTC);
        }

        ScriptedVenue(Instrument instrument) {
            this.instrument = instrument;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String symbol() {
            return instrument.symbol();
        }

        @Override
        public boolean paper() {
            return false;
        }

        @Override
        public void connect(Clock clock) {
            calls.add("connect");
            market = new MarketState(instrument);
            gateway = new RecordingGateway(clock, answerFromPoll < 0);
        }

        @Override
        public Instrument instrument() {
            return instrument;
        }

        @Override
        public MarketState market() {
            return market;
        }

        @Override
        public ExchangeGateway gateway() {
            return gateway;
        }

        @Override
        public double startEquity() {
            return 5_000;
        }

        @Override
        public double makerFeeRate() {
            return 0.0001;
        }

        @Override
        public double takerFeeRate() {
            return 0.0004;
        }

        @Override
        public ScalperEngine.EntryGate entryGate() {
            return (d, f, e) -> "scripted_gate";
        }

        @Override
        public String accountDetail() {
            return "";
        }

        @Override
        public void attach(ScalperEngine engine, ReconcilePolicy policy, LongConsumer age) {
            calls.add("attach " + policy + " restored="
                    + engine.killSwitch().state().tradingState());
            feed = new MarketStateSink(market, engine.marketListener());
            feedAge = age;
        }

        @Override
        public int poll(long nowNs) {
            polls++;
            if (answerFromPoll >= 0 && polls == answerFromPoll) {
                calls.add("orders acknowledged");
                gateway.answering(true, true, true);
                for (RecordingGateway.Command c : gateway.commands("submit")) {
                    gateway.accept(c.clientOrderId());
                }
            }
            // the venue answers every read asked for with its position, as BybitGateway does over REST
            final long asked = gateway.commands("venueCheck").size();
            while (venueChecksAnswered < asked) {
                venueChecksAnswered++;
                gateway.venuePosition(instrument.symbol(), venueLots, 650_000, true);
            }
            if (pollsWhileDown > 0) {
                pollsWhileDown--;
            }
            final long id = ++updateId;
            feed.onBook(new BookUpdate()
                    .snapshot(true)
                    .updateId(id)
                    .localTimeNs(nowNs)
                    .addBid(650_000, 5)
                    .addAsk(650_001, 5));
            feed.endOfMessage();
            feedAge.accept(2_000_000L);
            return 1;
        }

        @Override
        public boolean bookInSync() {
            return true;
        }

        @Override
        public boolean privateStreamUp() {
            return pollsWhileDown == 0;
        }

        @Override
        public long reconnects() {
            return 3;
        }

        @Override
        public long messages() {
            return updateId;
        }

        @Override
        public long shutdown(boolean cancelStop, boolean flatten) {
            calls.add("shutdown cancelStop=" + cancelStop + " flatten=" + flatten);
            return leftAtShutdown;
        }

        @Override
        public double venueEquity() {
            return 5_001;
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void shouldDriveAVenueThroughItsLifeAndKeepTheStateFiles() throws IOException {
        final ScriptedVenue venue = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(venue)
                .stateDirectory(dir)
                .reconcile(ReconcilePolicy.FLATTEN)
                .build()) {
            loop.start();
            assertThat(venue.calls).containsExactly("connect", "attach FLATTEN restored=ACTIVE");
            assertThat(loop.engine().market())
                    .as("the engine trades on the venue's market")
                    .isSameAs(venue.market);
            for (int i = 0; i < 5; i++) {
                assertThat(loop.step()).isEqualTo(1);
            }
            final LoopStatus s = loop.status();
            assertThat(s.venue()).isEqualTo("scripted");
            assertThat(s.symbol()).isEqualTo("BTCUSDT");
            assertThat(s.messages()).isEqualTo(5);
            assertThat(s.reconnects()).isEqualTo(3);
            assertThat(s.mid()).isEqualTo(65_000.05);
            assertThat(loop.feedAges().count()).isEqualTo(5);
            assertThat(Files.readString(dir.resolve("health.json"))).contains("\"status\":\"ok\"");

            loop.stop(false, true);
            assertThat(venue.calls).endsWith("shutdown cancelStop=true flatten=true");
            assertThat(loop.stats().extras()).containsEntry("venueStartEquity", 5_000.0);
            assertThat(loop.stats().extras()).containsEntry("venueEndEquity", 5_001.0);
        }
        assertThat(venue.calls).endsWith("close");
        assertThat(dir.resolve("state.json")).exists();
        assertThat(dir.resolve(LearnedState.EDGE_FILE)).exists();
        assertThat(dir.resolve(LearnedState.WEIGHTS_FILE)).exists();
    }

    @Test
    void shouldRestoreTheSavedRiskStateBeforeAttachingAndStopOnCloseWhenNotStopped() throws IOException {
        final ScriptedVenue first = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(first).stateDirectory(dir).build()) {
            loop.start();
            loop.step();
            loop.engine().killSwitch().trip(io.scalper.core.risk.RefusalReason.MANUAL, 1L);
            // not stopped: close stops as on Ctrl-C (brackets kept, nothing flattened), then closes
        }
        assertThat(first.calls)
                .containsExactly(
                        "connect", "attach ADOPT restored=ACTIVE", "shutdown cancelStop=false flatten=false", "close");

        final ScriptedVenue second = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(second).stateDirectory(dir).build()) {
            loop.start();
            assertThat(second.calls.get(1))
                    .as("the kill switch tripped before the restart holds at attach")
                    .isEqualTo("attach ADOPT restored=HALTED");
        }
    }

    @Test
    void shouldNotStopBeforeAPendingReadOfTheVenueIsOver() throws IOException {
        // a private stream reconnecting is not up until the venue has been read; a fill whose push was lost shows only
        // then, so the stop keeps polling the venue until it is up (within its 10 s) before the venue-level shutdown
        final ScriptedVenue venue = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(venue).stateDirectory(dir).build()) {
            loop.start();
            loop.step();
            venue.pollsWhileDown = 30;
            final int before = venue.polls;
            loop.stop(true, false);
            assertThat(venue.pollsWhileDown)
                    .as("polled until the stream was up")
                    .isZero();
            assertThat(venue.polls - before).isGreaterThanOrEqualTo(30);
            assertThat(venue.calls).endsWith("shutdown cancelStop=false flatten=false");
        }

        final ScriptedVenue hurried = new ScriptedVenue();
        try (TradingLoop loop =
                TradingLoop.builder(hurried).stateDirectory(dir.resolve("h")).build()) {
            loop.start();
            hurried.pollsWhileDown = 1_000_000;
            loop.stop(true, false, () -> true); // a second Ctrl-C: no waiting
            assertThat(hurried.pollsWhileDown).isGreaterThan(999_000);
            assertThat(hurried.calls).endsWith("shutdown cancelStop=false flatten=false");
        }
    }

    @Test
    void shouldReadTheVenueWhenStoppingAndNotSaveAPositionItNoLongerHolds() throws IOException {
        // the engine holds 300 lots; the venue closed them (a take-profit whose pushes were lost): the stop asks the
        // venue, a second read confirms, and the engine takes the venue's position before anything is saved
        final ScriptedVenue venue = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(venue).stateDirectory(dir).build()) {
            loop.start();
            loop.step();
            venue.venueLots = 300;
            loop.engine().adoptPosition(300, 650_000);
            loop.step();
            venue.venueLots = 0;
            loop.stop(true, false);
            assertThat(venue.gateway.commands("venueCheck"))
                    .as("the venue was read")
                    .isNotEmpty();
            assertThat(loop.engine().position().qtyLots()).isZero();
        }
        assertThat(Files.readString(dir.resolve("state.json"))).contains("\"positionLots\":0");
    }

    @Test
    void shouldForwardEveryMethodOfTheGatewayAndItsListener() throws Exception {
        // a default method left out of the latency wrapper answers with its default: before this test, venue checks,
        // gateway readiness, venue positions and alerts never reached the engine in scalper run
        for (java.lang.reflect.Method m : ExchangeGateway.class.getMethods()) {
            assertThat(TradingLoop.LatencyObservingGateway.class
                            .getDeclaredMethod(m.getName(), m.getParameterTypes())
                            .getDeclaringClass())
                    .as("%s forwarded", m)
                    .isEqualTo(TradingLoop.LatencyObservingGateway.class);
        }
        for (java.lang.reflect.Method m : io.scalper.core.exec.ExecutionListener.class.getMethods()) {
            assertThat(TradingLoop.LatencyObservingListener.class
                            .getDeclaredMethod(m.getName(), m.getParameterTypes())
                            .getDeclaringClass())
                    .as("%s forwarded", m)
                    .isEqualTo(TradingLoop.LatencyObservingListener.class);
        }
        // and what passes through arrives
        final io.scalper.core.time.ManualClock clock = new io.scalper.core.time.ManualClock(1_000L);
        final RecordingGateway inner = new RecordingGateway(clock, true).readyForEntries(false);
        final LatencyHistogram rt = new LatencyHistogram();
        final ExchangeGateway outer = TradingLoop.observeLatency(inner, rt);
        final List<Object> heard = new ArrayList<>();
        outer.setListener(new io.scalper.core.exec.ExecutionListener() {
            @Override
            public void onOrderEvent(io.scalper.core.exec.OrderEvent event) {
                heard.add(event);
            }

            @Override
            public void onVenuePosition(io.scalper.core.exec.VenuePosition position) {
                heard.add(position);
            }

            @Override
            public void onVenueAlert(String symbol, String code, String detail) {
                heard.add(code);
            }
        });
        outer.requestVenueCheck("BTCUSDT");
        assertThat(inner.commands("venueCheck")).hasSize(1);
        assertThat(outer.isReadyForEntries()).isFalse();
        inner.venuePosition("BTCUSDT", 5, 650_000, true);
        inner.venueAlert("BTCUSDT", "adl", "x");
        assertThat(heard).hasSize(2).contains("adl");
    }

    @Test
    void shouldRefuseTheSavedStateOfAnotherSymbolBeforeConnecting() throws IOException {
        Files.writeString(dir.resolve("state.json"), "{\"symbol\":\"ETHUSDT\"}");
        final ScriptedVenue venue = new ScriptedVenue();
        try (TradingLoop loop = TradingLoop.builder(venue).stateDirectory(dir).build()) {
            assertThatThrownBy(loop::start).isInstanceOf(IOException.class).hasMessageContaining("ETHUSDT");
        }
        assertThat(venue.calls).as("nothing connected").containsExactly("close");
    }

    @Test
    void shouldNotStopWhileAPositionWaitsForItsStopToBeAcknowledged() throws IOException {
        // a stop being re-placed (after a refusal, or behind a rate-limit pause) when the stop begins: leaving then
        // would leave the venue's position without a stop
        final ScriptedVenue venue = new ScriptedVenue();
        venue.answerFromPoll = 60;
        try (TradingLoop loop = TradingLoop.builder(venue).stateDirectory(dir).build()) {
            loop.start();
            loop.step();
            venue.venueLots = 100;
            loop.engine().adoptPosition(100, 650_000);
            loop.step();
            assertThat(loop.engine().isProtected())
                    .as("its stop is not acknowledged yet")
                    .isFalse();
            loop.stop(true, false);
            assertThat(venue.calls)
                    .as("the stop waited for the position's stop")
                    .containsSubsequence("orders acknowledged", "shutdown cancelStop=false flatten=false");
            assertThat(loop.engine().isProtected()).isTrue();
        }
    }

    private static final Instrument ETH = Instrument.of("ETHUSDT", "0.01", "0.01", "0.01", "5");

    @Test
    void shouldTradeSeveralSymbolsOnOneAccountWithOneStateFileAndAccountWideKillSwitch() throws IOException {
        final ScriptedVenue btc = new ScriptedVenue(BTC);
        final ScriptedVenue eth = new ScriptedVenue(ETH);
        try (TradingLoop loop =
                TradingLoop.builder(List.of(btc, eth)).stateDirectory(dir).build()) {
            loop.start();
            assertThat(btc.calls).containsExactly("connect", "attach ADOPT restored=ACTIVE");
            assertThat(eth.calls).containsExactly("connect", "attach ADOPT restored=ACTIVE");
            final List<ScalperEngine> engines = loop.engines();
            assertThat(engines).extracting(e -> e.instrument().symbol()).containsExactly("BTCUSDT", "ETHUSDT");
            assertThat(loop.portfolio()).isNotNull();
            assertThat(loop.portfolio().engines()).containsExactlyElementsOf(engines);
            assertThat(engines.get(0).dailyLoss())
                    .as("the daily loss limit is the account's")
                    .isSameAs(engines.get(1).dailyLoss());
            assertThat(engines.get(0).drawdown()).isSameAs(engines.get(1).drawdown());
            for (int i = 0; i < 4; i++) {
                assertThat(loop.step()).as("one message from each venue").isEqualTo(2);
            }
            assertThat(loop.statuses()).extracting(LoopStatus::symbol).containsExactly("BTCUSDT", "ETHUSDT");
            assertThat(loop.statuses()).extracting(LoopStatus::messages).containsExactly(4L, 4L);
            final String state = Files.readString(dir.resolve("state.json"));
            assertThat(state)
                    .contains("\"account\":{")
                    .contains("\"symbols\":{\"BTCUSDT\":{")
                    .contains("\"ETHUSDT\":{");
            assertThat(Files.readString(dir.resolve("health.json")))
                    .contains("\"symbols\":{\"BTCUSDT\":{\"status\":\"ok\"");

            engines.get(1).trip(io.scalper.core.risk.RefusalReason.MANUAL);
            assertThat(engines.get(0).killSwitch().holds(io.scalper.core.risk.RefusalReason.MANUAL))
                    .as("one symbol's kill switch stops the account")
                    .isTrue();

            loop.stop(true, false);
            assertThat(btc.calls).contains("shutdown cancelStop=false flatten=false");
            assertThat(eth.calls).contains("shutdown cancelStop=false flatten=false");
            final io.scalper.core.metrics.PerformanceStats stats = loop.stats();
            assertThat(stats.symbols()).containsOnlyKeys("BTCUSDT", "ETHUSDT");
            assertThat(stats.extras().get("events").longValue())
                    .as("every symbol's messages")
                    .isEqualTo(btc.messages() + eth.messages())
                    .isGreaterThanOrEqualTo(8L);
            assertThat(stats.symbols().get("ETHUSDT").extras().get("events").longValue())
                    .isEqualTo(eth.messages());
            assertThat(stats.toJson()).contains("\"symbols\":{\"BTCUSDT\":{\"trades\":0");
        }
        assertThat(dir.resolve("BTCUSDT").resolve(LearnedState.WEIGHTS_FILE))
                .as("what each engine learned, in its symbol's folder")
                .exists();
        assertThat(dir.resolve("ETHUSDT").resolve(LearnedState.EDGE_FILE)).exists();

        // a restart restores each symbol's risk state from the one file
        final ScriptedVenue btc2 = new ScriptedVenue(BTC);
        final ScriptedVenue eth2 = new ScriptedVenue(ETH);
        try (TradingLoop loop =
                TradingLoop.builder(List.of(btc2, eth2)).stateDirectory(dir).build()) {
            loop.start();
            assertThat(btc2.calls.get(1)).isEqualTo("attach ADOPT restored=HALTED");
            assertThat(eth2.calls.get(1)).isEqualTo("attach ADOPT restored=HALTED");
        }
        // a run that drops a symbol the state holds must not guess
        try (TradingLoop loop =
                TradingLoop.builder(new ScriptedVenue(BTC)).stateDirectory(dir).build()) {
            assertThatThrownBy(loop::start).isInstanceOf(IOException.class).hasMessageContaining("ETHUSDT");
        }
    }

    @Test
    void shouldRefuseTheSameSymbolTwice() {
        assertThatThrownBy(() -> TradingLoop.builder(List.of(new ScriptedVenue(BTC), new ScriptedVenue(BTC))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbols: BTCUSDT is listed twice");
    }
}
