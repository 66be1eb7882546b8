package io.scalper.core.research;

import io.scalper.core.backtest.BacktestRunner;
import io.scalper.core.backtest.MarketSource;
import io.scalper.core.backtest.events.EventBuffer;
import io.scalper.core.backtest.events.EventEncoder;
import io.scalper.core.backtest.events.EventFileCursor;
import io.scalper.core.backtest.events.MessageReader;
import io.scalper.core.backtest.events.RecordCursor;
import io.scalper.core.book.OrderBook;
import io.scalper.core.config.BacktestConfig;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.edge.EdgeCalibration;
import io.scalper.core.edge.ForwardReturns;
import io.scalper.core.edge.RoundTripCosts;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.model.Instrument;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.SignalPipeline;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures, before any trading, how well each of the eight signals and the fused score predicted the mid on a market
 * source — the same sources a backtest takes (recorded frames, archives, the generator, binary event files).
 *
 * <h2>What is measured, and when</h2>
 * The market is replayed once, in the order the strategy would receive it: each message at its local receive time
 * (the recorded one when present and {@code backtest.recordedFeedLatency} is on, else the exchange time +
 * {@code backtest.feedLatency}; raised, as in {@link BacktestRunner}, so that time never goes back). Decisions are taken
 * on a regular grid of local time — every {@link Builder#sampleIntervalNs} (default 250 ms), so that bursts of
 * messages do not dominate the statistics — by the same {@link SignalPipeline} the engine runs (adaptive weights
 * included), advanced to the grid time: a score at {@code t} uses only messages received by {@code t}. A decision is
 * taken only while the book is in sync. Forward returns come from the exchange-time mids: after every message, the mid
 * is valid from the message's exchange time; {@link ForwardReturns} resolves each decision against them, one per
 * horizon, and every resolved fused pair also goes into an {@link EdgeCalibration} per horizon — the very classes the
 * engine's edge gate uses.
 *
 * <p>Per signal and horizon, {@link SignalStats}: Spearman IC over every resolved decision, and hit rate, mean signed
 * forward return ("edge", bps), count and an overlap-corrected t-statistic (Newey–West, Bartlett kernel, bandwidth
 * twice the horizon, in market time) over decisions with |score| &ge; {@code fusion.entryScore} — the same threshold for every
 * signal, as every score lives on the same [-1, 1] scale. Round-trip costs ({@link RoundTripCosts}) from the
 * {@code backtest} fee rates and the median spread of the decisions.
 *
 * <p>Deterministic: the same data and configuration give the same result. Single-threaded.
 */
public final class ResearchRunner {
    /** Default decision grid: every 250 ms of market time. */
    public static final long DEFAULT_SAMPLE_INTERVAL_NS = 250_000_000L;

    /** Default horizons: 250ms, 1s, 2s, 5s, 10s, 30s. */
    public static final List<Long> DEFAULT_HORIZONS_NS =
            List.of(250_000_000L, 1_000_000_000L, 2_000_000_000L, 5_000_000_000L, 10_000_000_000L, 30_000_000_000L);

    private final ScalperConfig config;
    private final MarketSource source;
    private final List<Path> eventFiles;
    private final long[] horizonsNs;
    private final long sampleIntervalNs;
    private final long maxDurationNs;
    private final String description;

    private ResearchRunner(Builder b) {
        this.config = b.config;
        this.source = b.source;
        this.eventFiles = b.eventFiles;
        this.horizonsNs = b.horizonsNs;
        this.sampleIntervalNs = b.sampleIntervalNs;
        this.maxDurationNs = b.maxDurationNs;
        this.description = b.description;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Replays the whole source (or up to the duration limit) and returns the measurements. Closes the source. */
    public ResearchResult run() throws IOException {
        final Instrument instrument;
        final RecordCursor cursor;
        final String description;
        final Closeable closeable;
        if (source != null) {
            final EventBuffer buffer = new EventBuffer(1 << 14);
            final EventEncoder encoder = new EventEncoder(buffer, source::localTimeNs);
            buffer.setRefill(() -> {
                final boolean more = source.next(encoder);
                encoder.endMessage();
                return more;
            });
            instrument = source.instrument();
            cursor = buffer.newReader();
            description = source.describe();
            closeable = source;
        } else {
            final EventFileCursor files = new EventFileCursor(eventFiles);
            instrument = files.instrument();
            cursor = files;
            description = eventFiles.size() == 1
                    ? eventFiles.get(0).toString()
                    : eventFiles.size() + " event files from " + eventFiles.get(0);
            closeable = files;
        }
        try (closeable) {
            return new Run(instrument, this.description != null ? this.description : description)
                    .replay(new MessageReader(cursor));
        }
    }

    /** The state of one replay. */
    private final class Run {
        final Instrument instrument;
        final String description;
        final MarketState market;
        final SignalPipeline pipeline;
        final MarketStateSink sink;
        final int signals;
        final ForwardReturns[] forward;
        int n;
        long[] times = new long[4096];
        double[] mids = new double[4096];
        double[] spreadsBps = new double[4096];
        double[][] scores;
        double[][] returns;
        long noBook;

        Run(Instrument instrument, String description) {
            this.instrument = instrument;
            this.description = description;
            this.market = new MarketState(instrument, config.book().maxDepth(), config.tape());
            this.pipeline = SignalPipeline.create(market, config.features(), config.signals(), config.fusion());
            this.sink = new MarketStateSink(market, pipeline);
            this.signals = pipeline.decision().signalCount();
            this.scores = new double[signals + 1][times.length];
            this.returns = new double[horizonsNs.length][times.length];
            for (double[] r : returns) {
                Arrays.fill(r, Double.NaN);
            }
            this.forward = new ForwardReturns[horizonsNs.length];
            for (int h = 0; h < horizonsNs.length; h++) {
                final int k = h;
                // the fused score's calibration is recorded from these, in decision order, by ResearchSamples
                forward[h] = new ForwardReturns(
                        horizonsNs[h], sampleIntervalNs, (index, t, score, bps) -> returns[k][(int) index] = bps);
            }
        }

        ResearchResult replay(MessageReader reader) throws IOException {
            final BacktestConfig bt = config.backtest();
            final long feedLatency = bt.feedLatencyNs();
            final boolean recorded = bt.recordedFeedLatency();
            long first = Long.MIN_VALUE;
            long lastArrival = Long.MIN_VALUE;
            long lastExchange = Long.MIN_VALUE;
            long nextGrid = Long.MIN_VALUE;
            long messages = 0;
            while (reader.peek()) {
                final long exchange = Math.max(reader.exchangeTimeNs(), lastExchange);
                final long local = reader.localTimeNs();
                final boolean usable = recorded
                        && local != 0
                        && local - reader.exchangeTimeNs() <= BacktestRunner.MAX_RECORDED_FEED_AGE_NS;
                final long arrival = Math.max(usable ? Math.max(local, exchange) : exchange + feedLatency, lastArrival);
                if (first == Long.MIN_VALUE) {
                    first = exchange;
                    nextGrid = Math.floorDiv(arrival, sampleIntervalNs) * sampleIntervalNs + sampleIntervalNs;
                }
                if (maxDurationNs > 0 && exchange - first > maxDurationNs) {
                    break;
                }
                while (nextGrid < arrival) {
                    decide(nextGrid);
                    nextGrid += sampleIntervalNs;
                }
                reader.dispatch(sink);
                sink.flush();
                messages++;
                lastArrival = arrival;
                lastExchange = exchange;
                final OrderBook book = market.book();
                final double mid = book.isSynced() ? book.mid() : Double.NaN;
                if (mid > 0) {
                    for (ForwardReturns f : forward) {
                        f.onMid(exchange, mid);
                    }
                }
            }
            return result(first == Long.MIN_VALUE ? 0 : first, Math.max(lastExchange, 0), messages);
        }

        private void decide(long t) {
            pipeline.onTime(t);
            final OrderBook book = market.book();
            final double mid = book.isSynced() ? book.mid() : Double.NaN;
            if (!(mid > 0)) {
                noBook++;
                return;
            }
            final Decision d = pipeline.decision();
            boolean taken = false;
            for (ForwardReturns f : forward) {
                taken |= f.onDecision(t, d.fused());
            }
            if (!taken) {
                return;
            }
            if (n == times.length) {
                grow();
            }
            times[n] = t;
            mids[n] = mid;
            spreadsBps[n] = book.spreadTicks() / mid * 1e4;
            for (int i = 0; i < signals; i++) {
                scores[i][n] = d.score(i);
            }
            scores[signals][n] = d.fused();
            n++;
        }

        private void grow() {
            final int size = times.length * 2;
            times = Arrays.copyOf(times, size);
            mids = Arrays.copyOf(mids, size);
            spreadsBps = Arrays.copyOf(spreadsBps, size);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Arrays.copyOf(scores[i], size);
            }
            for (int h = 0; h < returns.length; h++) {
                final int old = returns[h].length;
                returns[h] = Arrays.copyOf(returns[h], size);
                Arrays.fill(returns[h], old, size, Double.NaN);
            }
        }

        private ResearchResult result(long startNs, long endNs, long messages) {
            final String[] names = new String[signals + 1];
            for (int i = 0; i < signals; i++) {
                names[i] = pipeline.decision().name(i);
            }
            names[signals] = ResearchResult.FUSED;
            final BacktestConfig bt = config.backtest();
            return new ResearchSamples(
                            description,
                            instrument,
                            startNs,
                            endNs,
                            messages,
                            sampleIntervalNs,
                            horizonsNs,
                            names,
                            config.fusion().entryScore(),
                            bt.makerFeeRate(),
                            bt.takerFeeRate(),
                            noBook,
                            times,
                            mids,
                            spreadsBps,
                            scores,
                            returns,
                            n)
                    .result();
        }
    }

    /** Builds a {@link ResearchRunner}. */
    public static final class Builder {
        private ScalperConfig config = ScalperConfig.defaults();
        private MarketSource source;
        private List<Path> eventFiles;
        private long[] horizonsNs =
                DEFAULT_HORIZONS_NS.stream().mapToLong(Long::longValue).toArray();
        private long sampleIntervalNs = DEFAULT_SAMPLE_INTERVAL_NS;
        private long maxDurationNs;
        private String description;

        private Builder() {}

        /** How the result names the market (default: the source's own description, or the event files). */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** Signals, fusion and the backtest section (fees, feed latency); default {@link ScalperConfig#defaults()}. */
        public Builder config(ScalperConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Replays a source (recorded frames, archives, the generator). The runner closes it. */
        public Builder source(MarketSource source) {
            this.source = Objects.requireNonNull(source, "source");
            this.eventFiles = null;
            return this;
        }

        /** Replays binary event files in the order given. */
        public Builder eventFiles(List<Path> files) {
            if (files == null || files.isEmpty()) {
                throw new IllegalArgumentException("eventFiles: at least one file");
            }
            this.eventFiles = List.copyOf(files);
            this.source = null;
            return this;
        }

        /**
         * Forward horizons, each &gt; 0, strictly increasing, at most 16 (default {@link #DEFAULT_HORIZONS_NS}).
         *
         * @throws IllegalArgumentException naming the bad horizon
         */
        public Builder horizonsNs(List<Long> horizons) {
            if (horizons == null || horizons.isEmpty() || horizons.size() > 16) {
                throw new IllegalArgumentException(
                        "horizons: between 1 and 16 horizons, got " + (horizons == null ? 0 : horizons.size()));
            }
            final long[] h = new long[horizons.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = horizons.get(i);
                if (h[i] <= 0 || h[i] > 86_400_000_000_000L) {
                    throw new IllegalArgumentException("horizons: each must be in (0, 1d], got " + h[i] + "ns");
                }
                if (i > 0 && h[i] <= h[i - 1]) {
                    throw new IllegalArgumentException("horizons: must be strictly increasing, got "
                            + io.scalper.core.util.Durations.format(h[i]) + " after "
                            + io.scalper.core.util.Durations.format(h[i - 1]));
                }
            }
            this.horizonsNs = h;
            return this;
        }

        /** Decision grid interval, 1 ms to 1 min (default 250 ms). */
        public Builder sampleIntervalNs(long ns) {
            if (ns < 1_000_000L || ns > 60_000_000_000L) {
                throw new IllegalArgumentException("sampleInterval: must be in [1ms, 1m], got " + ns + "ns");
            }
            this.sampleIntervalNs = ns;
            return this;
        }

        /** Stops after this much market time from the first message; 0 (the default) for all of it. */
        public Builder maxDurationNs(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("maxDurationNs must be >= 0, got " + ns);
            }
            this.maxDurationNs = ns;
            return this;
        }

        public ResearchRunner build() {
            if (source == null && eventFiles == null) {
                throw new IllegalStateException("research needs a source or event files");
            }
            return new ResearchRunner(this);
        }
    }
}
