package io.scalper.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.book.BookUpdate;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.exec.RecordingGateway;
import io.scalper.core.market.MarketEventSink;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Side;
import io.scalper.core.risk.RefusalReason;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import io.scalper.core.synthetic.SyntheticMarket;
import io.scalper.core.testing.Allocations;
import io.scalper.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Market message → book → features → signals → fusion → gates allocates nothing in steady state, refusals included:
 * the engine runs on a generated market whose entries a gate refuses (a book-age limit no update can meet), measured
 * with the JVM's per-thread allocation counter.
 */
class EngineAllocationTest {

    @Test
    void shouldDecideAndRefuseEntriesWithoutAllocating() {
        // record a generated session once
        final GeneratorConfig gen = GeneratorConfig.defaults().withSeed(9);
        final long duration = 300_000_000_000L;
        final List<BookUpdate> books = new ArrayList<>();
        final List<long[]> events = new ArrayList<>(); // {kind, index or time, price, size, buy}
        new SyntheticMarket(gen, Scenarios.rich(duration, 9)).run(duration, new MarketEventSink() {
            @Override
            public void onBook(BookUpdate u) {
                final BookUpdate copy = new BookUpdate();
                copy.snapshot(u.isSnapshot()).updateId(u.updateId()).exchangeTimeNs(u.exchangeTimeNs());
                for (int i = 0; i < u.count(Side.BUY); i++) {
                    copy.addBid(u.price(Side.BUY, i), u.size(Side.BUY, i));
                }
                for (int i = 0; i < u.count(Side.SELL); i++) {
                    copy.addAsk(u.price(Side.SELL, i), u.size(Side.SELL, i));
                }
                events.add(new long[] {0, books.size()});
                books.add(copy);
            }

            @Override
            public void onTrade(long t, long p, long s, Side a) {
                events.add(new long[] {1, t, p, s, a == Side.BUY ? 1 : 0});
            }
        });

        final ScalperConfig d = ScalperConfig.defaults();
        final RiskConfig r = d.risk();
        // a 1 ns book-age limit: every wanted entry is refused by a gate, so the whole decision path runs each time
        final RiskConfig refuseAll = new RiskConfig(
                r.riskPerTrade(),
                r.drawdownTiers(),
                r.dailyLossR(),
                r.slippageBreachTicks(),
                r.slippageBreachesToKill(),
                r.maxSpreadTicks(),
                r.maxLatencyNs(),
                r.fundingWindowNs(),
                r.lossCooldownNs(),
                1,
                r.maxPositionNotional(),
                r.maxLeverage(),
                r.flattenOnKill());
        final ScalperConfig config = new ScalperConfig(
                d.book(),
                d.tape(),
                d.features(),
                d.signals(),
                d.fusion(),
                refuseAll,
                ExecutionConfig.defaults(),
                d.backtest());
        final ManualClock clock = new ManualClock(gen.startTimeNs());
        final ScalperEngine engine = ScalperEngine.builder()
                .config(config)
                .instrument(gen.instrument())
                .clock(clock)
                .gateway(new RecordingGateway(clock, true))
                .build();
        final MarketStateSink sink = new MarketStateSink(engine.market(), engine.marketListener());
        final long[] recordedNs = new long[books.size()];
        for (int i = 0; i < recordedNs.length; i++) {
            recordedNs[i] = books.get(i).exchangeTimeNs();
        }
        final long[] offset = {0};
        final Runnable pass = () -> {
            for (int i = 0, n = events.size(); i < n; i++) {
                final long[] e = events.get(i);
                if (e[0] == 0) {
                    final BookUpdate u = books.get((int) e[1]);
                    final long t = recordedNs[(int) e[1]] + offset[0];
                    clock.setNs(Math.max(clock.nowNs(), t + 1_000));
                    u.exchangeTimeNs(t);
                    sink.onBook(u);
                } else {
                    sink.onTrade(e[1] + offset[0], e[2], e[3], e[4] == 1 ? Side.BUY : Side.SELL);
                }
            }
            sink.flush();
            offset[0] += duration; // each pass replays the session later in time
        };
        for (int i = 0; i < 3; i++) {
            pass.run();
        }
        final long refusedBefore = engine.refusals().count(RefusalReason.BOOK_STALE);
        final long allocated = Allocations.bytes(pass);
        assertThat(engine.refusals().count(RefusalReason.BOOK_STALE) - refusedBefore)
                .as("entries wanted and refused while measuring")
                .isGreaterThan(100);
        assertThat(engine.entriesPlaced()).isZero();
        assertThat(allocated)
                .as("bytes allocated over %d events", events.size())
                .isLessThan(4_096);
    }
}
