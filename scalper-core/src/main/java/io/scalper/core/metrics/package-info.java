/**
 * Performance statistics of a run: closed trades ({@link io.scalper.core.metrics.RoundTrip}), an
 * {@link io.scalper.core.metrics.EquityCurve} with drawdown, order-activity
 * {@link io.scalper.core.metrics.ExecutionCounts}, and the {@link io.scalper.core.metrics.PerformanceStats} a
 * {@link io.scalper.core.metrics.PerformanceTracker} produces (definitions of every figure are on
 * {@code PerformanceStats}), written as one line of deterministic JSON by a hand-written
 * {@link io.scalper.core.metrics.JsonWriter}. Times are passed in; nothing here reads a clock. Not thread-safe: the
 * engine thread owns these objects.
 */
package io.scalper.core.metrics;
