package io.scalper.core.research;

/**
 * How well one score predicted the mid's move over one horizon, on a regular sample of decisions.
 *
 * @param ic Spearman rank correlation of the score with the forward return over every resolved sample; NaN when
 *     undefined (a constant score or return)
 * @param icSamples resolved samples the IC is computed over
 * @param icNoise the IC's noise scale under no edge, {@code 1 / √n_eff} with {@code n_eff = icSamples × min(1,
 *     sample interval / horizon)} (overlapping forward windows share their moves)
 * @param hitRate among samples with |score| &ge; the threshold and a non-zero return, the share whose return had the
 *     score's sign; NaN when none
 * @param edgeBps mean of {@code sign(score) × forward return} over samples with |score| &ge; the threshold, bps; NaN
 *     when none
 * @param n samples with |score| &ge; the threshold
 * @param tStat {@code edgeBps} over its Newey–West standard error (Bartlett kernel, bandwidth twice the horizon, in market
 *     time); NaN when undefined or when those samples hold fewer than 10 non-overlapping horizons (too few independent
 *     moves for the standard error to mean anything)
 */
public record SignalStats(
        double ic, long icSamples, double icNoise, double hitRate, double edgeBps, long n, double tStat) {}
