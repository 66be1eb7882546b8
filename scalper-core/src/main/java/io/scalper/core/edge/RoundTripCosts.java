package io.scalper.core.edge;

/**
 * What a round trip (entry and exit) costs in basis points of price, per execution path: the fees of both legs plus
 * the spread crossed. A taker leg crosses half the spread measured from the mid; a maker leg crosses nothing (the half
 * spread a maker earns is not credited: queue position and adverse selection usually take it back). So, with fee rates
 * {@code m} (maker) and {@code t} (taker) and a spread of {@code s} bps: maker/maker {@code 2m}, maker/taker
 * {@code m + t + s/2}, taker/taker {@code 2t + s}.
 *
 * @param makerMakerBps both legs resting
 * @param makerTakerBps one leg resting, one taking
 * @param takerTakerBps both legs taking
 */
public record RoundTripCosts(double makerMakerBps, double makerTakerBps, double takerTakerBps) {
    /** Names of the three paths, in the order of the components. */
    public static final java.util.List<String> PATHS = java.util.List.of("makerMaker", "makerTaker", "takerTaker");

    /**
     * @param makerFeeRate maker fee as a fraction of value (0.0002 = 2 bps; negative for a rebate)
     * @param takerFeeRate taker fee as a fraction of value
     * @param spreadBps the spread in bps of the mid (e.g. the median over the data)
     */
    public static RoundTripCosts of(double makerFeeRate, double takerFeeRate, double spreadBps) {
        final double spread = Double.isFinite(spreadBps) ? spreadBps : 0;
        return new RoundTripCosts(
                2 * makerFeeRate * 1e4,
                (makerFeeRate + takerFeeRate) * 1e4 + spread / 2,
                2 * takerFeeRate * 1e4 + spread);
    }

    /**
     * The cost in bps of path number {@code path} (its index in {@link #PATHS}) for these fees and spread, without
     * building a record (the engine prices every entry with it).
     */
    public static double bps(int path, double makerFeeRate, double takerFeeRate, double spreadBps) {
        final double spread = Double.isFinite(spreadBps) ? spreadBps : 0;
        switch (path) {
            case 0:
                return 2 * makerFeeRate * 1e4;
            case 1:
                return (makerFeeRate + takerFeeRate) * 1e4 + spread / 2;
            case 2:
                return 2 * takerFeeRate * 1e4 + spread;
            default:
                throw new IllegalArgumentException("path index must be 0..2, got " + path);
        }
    }

    /** The index in {@link #PATHS} of a path name. */
    public static int pathIndex(String path) {
        final int i = PATHS.indexOf(path);
        if (i < 0) {
            throw new IllegalArgumentException("unknown execution path '" + path + "' (one of " + PATHS + ")");
        }
        return i;
    }

    /** The cost of a path by its name in {@link #PATHS}. */
    public double bps(String path) {
        switch (path) {
            case "makerMaker":
                return makerMakerBps;
            case "makerTaker":
                return makerTakerBps;
            case "takerTaker":
                return takerTakerBps;
            default:
                throw new IllegalArgumentException("unknown execution path '" + path + "' (one of " + PATHS + ")");
        }
    }
}
