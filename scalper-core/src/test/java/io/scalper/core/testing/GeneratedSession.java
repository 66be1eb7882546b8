package io.scalper.core.testing;

import io.scalper.core.config.ScalperConfig;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketState;
import io.scalper.core.market.MarketStateSink;
import io.scalper.core.signal.Decision;
import io.scalper.core.signal.SignalPipeline;
import io.scalper.core.synthetic.GeneratorConfig;
import io.scalper.core.synthetic.Scenario;
import io.scalper.core.synthetic.ScenarioEpisode;
import io.scalper.core.synthetic.SyntheticMarket;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a generated market through the signal pipeline and records every decision (time, mid, each signal's score,
 * fused score, confidence, regime) in primitive arrays, for tests that study signals against injected scenarios.
 */
public final class GeneratedSession {
    public final SyntheticMarket generator;
    public final SignalPipeline pipeline;
    public int n;
    public long[] timeNs = new long[1 << 16];
    public double[] mid = new double[1 << 16];
    public double[] fused = new double[1 << 16];
    public double[] confidence = new double[1 << 16];
    public int[] regime = new int[1 << 16];
    public double[][] scores;
    public final String[] names;

    public GeneratedSession(GeneratorConfig generatorConfig, List<Scenario> scenarios, ScalperConfig config) {
        this.generator = new SyntheticMarket(generatorConfig, scenarios);
        final MarketState market =
                new MarketState(generatorConfig.instrument(), config.book().maxDepth(), config.tape());
        this.pipeline = SignalPipeline.create(market, config.features(), config.signals(), config.fusion());
        final Decision d = pipeline.decision();
        this.names = new String[d.signalCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = d.name(i);
        }
        this.scores = new double[names.length][1 << 16];
        pipeline.setListener(this::record);
        this.sink = new MarketStateSink(market, pipeline);
    }

    private final MarketStateSink sink;

    /** Runs the generator for {@code durationNs}. */
    public GeneratedSession run(long durationNs) {
        generator.run(durationNs, sink);
        sink.flush();
        return this;
    }

    private void record(Decision d, Features f) {
        if (!f.bookValid()) {
            return;
        }
        if (n == timeNs.length) {
            final int cap = n * 2;
            timeNs = Arrays.copyOf(timeNs, cap);
            mid = Arrays.copyOf(mid, cap);
            fused = Arrays.copyOf(fused, cap);
            confidence = Arrays.copyOf(confidence, cap);
            regime = Arrays.copyOf(regime, cap);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Arrays.copyOf(scores[i], cap);
            }
        }
        timeNs[n] = d.timeNs();
        mid[n] = d.mid();
        fused[n] = d.fused();
        confidence[n] = d.confidence();
        regime[n] = d.regime();
        for (int i = 0; i < scores.length; i++) {
            scores[i][n] = d.score(i);
        }
        n++;
    }

    public int signal(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Largest score of a signal in [fromNs, toNs]. */
    public double max(String name, long fromNs, long toNs) {
        final double[] s = scores[signal(name)];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (timeNs[i] >= fromNs && timeNs[i] <= toNs) {
                best = Math.max(best, s[i]);
            }
        }
        return best;
    }

    /** Smallest score of a signal in [fromNs, toNs]. */
    public double min(String name, long fromNs, long toNs) {
        final double[] s = scores[signal(name)];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (timeNs[i] >= fromNs && timeNs[i] <= toNs) {
                best = Math.min(best, s[i]);
            }
        }
        return best;
    }

    /** The score of a signal in the direction of an episode, at its most extreme within the window. */
    public double directional(String name, ScenarioEpisode e, long afterNs) {
        return e.direction() > 0
                ? max(name, e.startNs(), e.endNs() + afterNs)
                : -min(name, e.startNs(), e.endNs() + afterNs);
    }

    /** Mean of a signal's score over the session. */
    public double mean(String name) {
        final double[] s = scores[signal(name)];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += s[i];
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Fraction of decisions where |score| exceeds {@code level}. */
    public double fractionAbove(String name, double level) {
        final double[] s = scores[signal(name)];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(s[i]) > level) {
                c++;
            }
        }
        return n == 0 ? 0 : (double) c / n;
    }

    /**
     * Hit rate of the fused direction against the mid move {@code horizonNs} later, over decisions sampled at most every
     * {@code sampleNs} with |fused| ≥ {@code minFused}; moves of zero are skipped. Returns {hits, samples}.
     */
    public long[] hitRate(long horizonNs, long sampleNs, double minFused) {
        long hits = 0;
        long samples = 0;
        long lastSample = Long.MIN_VALUE;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (lastSample != Long.MIN_VALUE && timeNs[i] - lastSample < sampleNs) {
                continue;
            }
            if (Math.abs(fused[i]) < minFused) {
                continue;
            }
            final long target = timeNs[i] + horizonNs;
            if (j < i) {
                j = i;
            }
            while (j < n && timeNs[j] < target) {
                j++;
            }
            if (j >= n) {
                break;
            }
            final double move = mid[j] - mid[i];
            lastSample = timeNs[i];
            if (move == 0) {
                continue;
            }
            samples++;
            if ((move > 0) == (fused[i] > 0)) {
                hits++;
            }
        }
        return new long[] {hits, samples};
    }
}
