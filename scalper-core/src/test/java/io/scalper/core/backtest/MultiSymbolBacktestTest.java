package io.scalper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.metrics.PerformanceStats;
import io.scalper.core.metrics.RoundTrip;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several symbols on one account in one backtest: one engine per symbol on the one simulated clock, the account's risk
 * shared (daily loss, drawdown tiers, kill switch, notional caps), totals and per-symbol results.
 */
class MultiSymbolBacktestTest {
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    /** BTCUSDT and ETHUSDT, each its calibrated profile with an injected, predictable move after every sweep. */
    private static List<MarketSource> twoMarkets(double predictability, long seed, long durationNs) {
        final List<MarketSource> sources = new ArrayList<>();
        final GeneratorConfig[] profiles = {GeneratorConfig.btcusdt(), GeneratorConfig.ethusdt()};
        for (int i = 0; i < profiles.length; i++) {
            final GeneratorConfig c = profiles[i]
                    .withPredictability(predictability)
                    .withPatternMoveBps(40)
                    .withSeed(seed + i);
            sources.add(new GeneratedSource(c, Scenarios.mix("sweeps", durationNs, seed + i), durationNs));
        }
        return sources;
    }

    private BacktestResult run(ScalperConfig config, List<MarketSource> sources, Path journals) throws IOException {
        return BacktestRunner.builder()
                .config(config)
                .seed(7)
                .journalDirectory(journals)
                .sources(sources)
                .build()
                .run();
    }

    @Test
    void shouldTradeBothSymbolsOnOneAccountWithTotalsThatAddUp() throws IOException {
        final BacktestResult r = run(ScalperConfig.defaults(), twoMarkets(1, 3, 20 * MINUTE), dir);

        assertThat(r.symbols()).extracting(x -> x.instrument().symbol()).containsExactly("BTCUSDT", "ETHUSDT");
        final BacktestResult btc = r.symbols().get(0);
        final BacktestResult eth = r.symbols().get(1);
        assertThat(btc.trades()).as("BTCUSDT traded").isNotEmpty();
        assertThat(eth.trades()).as("ETHUSDT traded").isNotEmpty();
        final PerformanceStats total = r.stats();
        assertThat(total.trades()).isEqualTo(btc.stats().trades() + eth.stats().trades());
        assertThat(total.netPnl()).isCloseTo(btc.stats().netPnl() + eth.stats().netPnl(), within(1e-6));
        assertThat(total.fees()).isCloseTo(btc.stats().fees() + eth.stats().fees(), within(1e-6));
        assertThat(total.orders()).isEqualTo(btc.stats().orders() + eth.stats().orders());
        assertThat(total.startEquity()).isEqualTo(10_000.0);
        assertThat(total.endEquity())
                .as("the account's equity ends at the start plus every symbol's result")
                .isCloseTo(10_000.0 + total.netPnl(), within(1e-6));
        // the accounts balance per symbol: each simulated exchange holds what its engine says it made, and is flat
        for (BacktestResult s : r.symbols()) {
            assertThat(s.exchangeEquity()).isCloseTo(10_000.0 + s.stats().netPnl(), within(1e-6));
            assertThat(s.exchangePositionLots()).isZero();
            assertThat(s.enginePositionLots()).isZero();
            assertThat(s.invariantViolations()).isZero();
        }
        assertThat(r.exchangeEquity()).isCloseTo(10_000.0 + total.netPnl(), within(1e-6));
        assertThat(r.trades()).hasSize((int) total.trades());
        for (int i = 1; i < r.trades().size(); i++) {
            assertThat(r.trades().get(i).exitTimeNs())
                    .isGreaterThanOrEqualTo(r.trades().get(i - 1).exitTimeNs());
        }
        assertThat(total.toJson())
                .contains("\"symbols\":{\"BTCUSDT\":{\"trades\":" + btc.stats().trades())
                .contains("\"ETHUSDT\":{\"trades\":" + eth.stats().trades());
        // one set of journals, the symbol column telling them apart
        final Map<String, Integer> tradesBySymbol = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("trades.csv")).subList(1, (int) total.trades() + 1)) {
            tradesBySymbol.merge(line.split(",")[1], 1, Integer::sum);
        }
        assertThat(tradesBySymbol)
                .containsEntry("BTCUSDT", btc.trades().size())
                .containsEntry("ETHUSDT", eth.trades().size());
    }

    @Test
    void shouldGiveTheSameAccountTwice() throws IOException {
        final String first = run(ScalperConfig.defaults(), twoMarkets(1, 5, 10 * MINUTE), null)
                .stats()
                .toJson()
                .replaceAll("\"(wallSeconds|eventsPerSecond)\":[^,]*,", "");
        final String second = run(ScalperConfig.defaults(), twoMarkets(1, 5, 10 * MINUTE), null)
                .stats()
                .toJson()
                .replaceAll("\"(wallSeconds|eventsPerSecond)\":[^,]*,", "");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldStopEverySymbolWhenTheAccountsDailyLossLimitTrips() throws IOException {
        // no edge gate on a market nothing predicts: the strategy loses, and a tiny daily limit trips soon
        final ScalperConfig config = ScalperConfig.defaults()
                .with("edge.enabled", "false")
                .with("risk.dailyLossR", "0.5")
                .with("risk.fundingClose", "false");
        final BacktestResult r = run(config, twoMarkets(0, 11, 20 * MINUTE), dir);

        final List<String[]> halts = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.csv"))) {
            final String[] c = line.split(",", -1);
            if (c.length > 8 && c[3].equals("state") && c[8].equals("daily_loss_limit")) {
                halts.add(c);
            }
        }
        assertThat(halts)
                .as("the account's limit stops both symbols")
                .extracting(c -> c[2])
                .containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
        assertThat(halts.get(0)[0]).as("at the same moment").isEqualTo(halts.get(1)[0]);
        final long haltMs = Long.parseLong(halts.get(0)[0]);
        for (RoundTrip t : r.trades()) {
            assertThat(t.entryTimeNs() / 1_000_000L)
                    .as("no symbol enters after the account stopped: " + t.symbol())
                    .isLessThanOrEqualTo(haltMs);
        }
        assertThat(r.stats().netPnl())
                .as("realised losses of both symbols count against the one limit")
                .isNegative();
    }

    @Test
    void shouldHaltEverySymbolOnTheAccountsDrawdown() throws IOException {
        final ScalperConfig config = ScalperConfig.defaults()
                .with("edge.enabled", "false")
                .with("risk.drawdownTiers", "0.002:0")
                .with("risk.fundingClose", "false");
        run(config, twoMarkets(0, 11, 20 * MINUTE), dir);

        final List<String> halted = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.csv"))) {
            final String[] c = line.split(",", -1);
            if (c.length > 8 && c[3].equals("state") && c[8].equals("halted_drawdown")) {
                halted.add(c[2]);
            }
        }
        assertThat(halted).containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT");
    }

    @Test
    void shouldKeepTheAccountWithinItsTotalNotionalCap() throws IOException {
        // each symbol alone could take 100,000; together they may hold 12,000
        final double cap = 12_000;
        final ScalperConfig config = ScalperConfig.defaults().with("risk.maxTotalNotional", Double.toString(cap));
        final BacktestResult r = run(config, twoMarkets(1, 3, 20 * MINUTE), dir);

        final Map<String, Long> refusals = r.stats().refusals();
        final long capped = r.stats().extras().get("accountCappedEntries").longValue();
        assertThat(capped + refusals.getOrDefault("account_notional", 0L))
                .as("the cap bound some entries")
                .isPositive();
        // replay the fills: the value held by both symbols together stays within the cap (prices move a little
        // between the decision, at the mid, and the fill)
        final Map<String, Double> held = new HashMap<>();
        final List<String> lines = Files.readAllLines(dir.resolve("fills.csv"));
        final List<String> header = List.of(lines.get(0).split(","));
        final int symbolCol = header.indexOf("symbol");
        final int priceCol = header.indexOf("price");
        final int positionCol = header.indexOf("position_qty");
        double most = 0;
        for (String line : lines.subList(1, lines.size())) {
            final String[] c = line.split(",", -1);
            held.put(c[symbolCol], Math.abs(Double.parseDouble(c[positionCol])) * Double.parseDouble(c[priceCol]));
            most = Math.max(
                    most,
                    held.values().stream().mapToDouble(Double::doubleValue).sum());
        }
        assertThat(most).isPositive().isLessThanOrEqualTo(cap * 1.01);
    }
}
