package io.scalper.core.signal;

import io.scalper.core.feature.Features;

/**
 * One opinion about where price goes next. Implementations read {@link Features} (and, if they need, the raw book and
 * tape through it) and return a score in [-1, 1]: positive means price is expected to rise, negative to fall, 0 no
 * view. Called on the engine thread on every market event: must be fast, must not allocate, must not block, and must
 * return a finite number (non-finite scores are treated as 0 by {@link SignalFusion}).
 *
 * <p>To add a signal, implement this interface and register it with a weight:
 * {@code SignalFusion.builder(config).addBuiltIns(signalConfig).add(new MySignal(), 0.1).build()}.
 */
public interface Signal {
    /** Short lower-case name used in journals, replays and metrics, e.g. {@code obi}. */
    String name();

    /** The score for the current features, in [-1, 1]. */
    double score(Features features);
}
