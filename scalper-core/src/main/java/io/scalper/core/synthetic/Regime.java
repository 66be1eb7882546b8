package io.scalper.core.synthetic;

/**
 * Volatility regime of the {@link SyntheticMarket}. Each regime scales the NORMAL-regime parameters of
 * {@link GeneratorConfig}: the fair-value volatility, the rate of marketable orders, the size of new resting orders
 * and how fast a spread wider than one tick is closed again.
 *
 * <p>Unless forced by a {@link ScenarioKind#REGIME_SHIFT} scenario, the regime follows a Markov chain: it stays for an
 * exponentially distributed time (mean {@link GeneratorConfig#regimeMeanDwellNs()} × {@link #dwellMultiplier()}), then
 * moves to a neighbour: LOW → NORMAL 80 % / HIGH 20 %; NORMAL → LOW 45 % / HIGH 47 % / EXTREME 8 %; HIGH → NORMAL 70 % /
 * LOW 15 % / EXTREME 15 %; EXTREME → HIGH 80 % / NORMAL 20 %. EXTREME is rare and short.
 */
public enum Regime {
    LOW(0.4, 0.6, 1.3, 1.0, 1.0),
    NORMAL(1.0, 1.0, 1.0, 1.0, 1.5),
    HIGH(2.2, 1.8, 0.7, 0.9, 0.6),
    EXTREME(4.0, 3.0, 0.5, 0.8, 0.15);

    private final double volatilityMultiplier;
    private final double takerRateMultiplier;
    private final double levelSizeMultiplier;
    private final double spreadRecoveryMultiplier;
    private final double dwellMultiplier;

    Regime(double volatility, double takerRate, double levelSize, double spreadRecovery, double dwell) {
        this.volatilityMultiplier = volatility;
        this.takerRateMultiplier = takerRate;
        this.levelSizeMultiplier = levelSize;
        this.spreadRecoveryMultiplier = spreadRecovery;
        this.dwellMultiplier = dwell;
    }

    /** Factor on {@link GeneratorConfig#volatilityTicksPerSqrtS()}. */
    public double volatilityMultiplier() {
        return volatilityMultiplier;
    }

    /** Factor on {@link GeneratorConfig#marketOrdersPerS()}. */
    public double takerRateMultiplier() {
        return takerRateMultiplier;
    }

    /** Factor on the size of new resting orders (books are thinner when volatility is high). */
    public double levelSizeMultiplier() {
        return levelSizeMultiplier;
    }

    /** Factor on the rate at which a spread wider than one tick is improved. */
    public double spreadRecoveryMultiplier() {
        return spreadRecoveryMultiplier;
    }

    /** Factor on {@link GeneratorConfig#regimeMeanDwellNs()}. */
    public double dwellMultiplier() {
        return dwellMultiplier;
    }

    /**
     * Probability that a switch from this regime goes to {@code to} (the chain of the class comment; 0 for itself).
     */
    double switchProbability(Regime to) {
        final double[][] p = {
            {0, 0.8, 0.2, 0}, {0.45, 0, 0.47, 0.08}, {0.15, 0.7, 0, 0.15}, {0, 0.2, 0.8, 0},
        };
        return p[ordinal()][to.ordinal()];
    }

    /**
     * Long-run share of time spent in each regime (indexed by ordinal) when the regimes switch freely: the stationary
     * distribution of the switching chain weighted by each regime's mean dwell. About LOW 22 %, NORMAL 59 %, HIGH 17 %,
     * EXTREME 1 %. A new array on each call.
     */
    public static double[] timeShares() {
        final Regime[] all = values();
        double[] pi = {0.25, 0.25, 0.25, 0.25};
        for (int iteration = 0; iteration < 10_000; iteration++) {
            final double[] next = new double[all.length];
            for (Regime from : all) {
                for (Regime to : all) {
                    next[to.ordinal()] += pi[from.ordinal()] * from.switchProbability(to);
                }
            }
            pi = next;
        }
        double sum = 0;
        final double[] share = new double[all.length];
        for (Regime r : all) {
            share[r.ordinal()] = pi[r.ordinal()] * r.dwellMultiplier();
            sum += share[r.ordinal()];
        }
        for (int i = 0; i < share.length; i++) {
            share[i] /= sum;
        }
        return share;
    }

    /** The regime after a switch from this one, given a uniform draw {@code u} in [0, 1). */
    Regime next(double u) {
        switch (this) {
            case LOW:
                return u < 0.8 ? NORMAL : HIGH;
            case NORMAL:
                return u < 0.45 ? LOW : u < 0.92 ? HIGH : EXTREME;
            case HIGH:
                return u < 0.7 ? NORMAL : u < 0.85 ? LOW : EXTREME;
            default:
                return u < 0.8 ? HIGH : NORMAL;
        }
    }
}
