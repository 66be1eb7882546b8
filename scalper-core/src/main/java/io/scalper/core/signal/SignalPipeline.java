package io.scalper.core.signal;

import io.scalper.core.feature.FeatureConfig;
import io.scalper.core.feature.FeatureEngine;
import io.scalper.core.feature.Features;
import io.scalper.core.market.MarketDataListener;
import io.scalper.core.market.MarketState;
import java.util.Objects;

/**
 * Market data → features → signals → fusion for one market: a {@link MarketDataListener} that, after every book update
 * and trade batch of its market, updates the {@link FeatureEngine} and evaluates the {@link SignalFusion}, then tells
 * its {@link Listener}. Events of other markets are ignored. Allocates nothing per event. Not thread-safe.
 */
public final class SignalPipeline implements MarketDataListener {
    /** Told of every decision; the decision object is reused. */
    @FunctionalInterface
    public interface Listener {
        void onDecision(Decision decision, Features features);
    }

    private final MarketState market;
    private final FeatureEngine features;
    private final SignalFusion fusion;
    private Listener listener = (d, f) -> {};

    public SignalPipeline(MarketState market, FeatureEngine features, SignalFusion fusion) {
        this.market = Objects.requireNonNull(market, "market");
        this.features = Objects.requireNonNull(features, "features");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
        if (features.market() != market) {
            throw new IllegalArgumentException("the feature engine reads another market");
        }
    }

    /** A pipeline over the built-in signals with the given configurations. */
    public static SignalPipeline create(
            MarketState market, FeatureConfig featureConfig, SignalConfig signalConfig, FusionConfig fusionConfig) {
        return new SignalPipeline(
                market,
                new FeatureEngine(featureConfig, market),
                SignalFusion.builder(fusionConfig).addBuiltIns(signalConfig).build());
    }

    /** Sets the decision listener; {@code null} removes it. */
    public void setListener(Listener listener) {
        this.listener = listener == null ? (d, f) -> {} : listener;
    }

    public MarketState market() {
        return market;
    }

    public FeatureEngine featureEngine() {
        return features;
    }

    public Features features() {
        return features.features();
    }

    public SignalFusion fusion() {
        return fusion;
    }

    /** The last decision (reused holder). */
    public Decision decision() {
        return fusion.decision();
    }

    @Override
    public void onBook(MarketState m, int result) {
        final Decision d = book(m);
        if (d != null) {
            listener.onDecision(d, features.features());
        }
    }

    @Override
    public void onTrades(MarketState m, int count) {
        final Decision d = trades(m, count);
        if (d != null) {
            listener.onDecision(d, features.features());
        }
    }

    /** Advances time without a market event (a timer tick) and re-evaluates. */
    public void onTime(long nowNs) {
        listener.onDecision(time(nowNs), features.features());
    }

    /**
     * Updates the features after a book event of {@code m} and returns the new decision (the reused holder), or {@code
     * null} if {@code m} is not this pipeline's market. The listener is not told: this is for an owner that acts on the
     * decision itself, as the engine does.
     */
    public Decision book(MarketState m) {
        if (m != market) {
            return null;
        }
        features.onBook();
        return fusion.evaluate(features.features());
    }

    /** As {@link #book}, after {@code count} trades of {@code m}; {@code null} also when there are none. */
    public Decision trades(MarketState m, int count) {
        if (m != market || count <= 0) {
            return null;
        }
        features.onTrades(count);
        return fusion.evaluate(features.features());
    }

    /** As {@link #book}, after time advanced to {@code nowNs} without a market event. */
    public Decision time(long nowNs) {
        features.advanceTo(nowNs);
        return fusion.evaluate(features.features());
    }
}
