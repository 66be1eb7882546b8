package io.scalper.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The CSV of a sweep: one row per run, the parameter values then the statistics. */
final class SweepCsv {
    private SweepCsv() {}

    /** @param markets whether the sweep had several markets: then each row names its market (data and symbol) */
    static void write(Path file, List<SweepCommand.Run> runs, List<String> keys, boolean markets) throws IOException {
        final StringBuilder b = new StringBuilder("period");
        if (markets) {
            b.append(",data,symbol");
        }
        for (String k : keys) {
            b.append(',').append(k);
        }
        b.append(",trades,wins,losses,winRate,netPnl,realizedPnl,fees,funding,sharpe,maxDrawdown,profitFactor,"
                + "fillRatio,makerFills,takerFills,events\n");
        for (SweepCommand.Run r : runs) {
            b.append(r.period());
            if (markets) {
                b.append(',')
                        .append(csv(String.join(";", r.market().data())))
                        .append(',')
                        .append(csv(
                                r.market().symbol() == null ? "" : r.market().symbol()));
            }
            for (String k : keys) {
                b.append(',').append(csv(r.combo().values().get(k)));
            }
            final BacktestTask.Stats s = r.stats();
            b.append(',')
                    .append(s.trades())
                    .append(',')
                    .append(s.wins())
                    .append(',')
                    .append(s.losses())
                    .append(',')
                    .append(num(s.winRate()))
                    .append(',')
                    .append(num(s.netPnl()))
                    .append(',')
                    .append(num(s.realizedPnl()))
                    .append(',')
                    .append(num(s.fees()))
                    .append(',')
                    .append(num(s.funding()))
                    .append(',')
                    .append(num(s.sharpe()))
                    .append(',')
                    .append(num(s.maxDrawdown()))
                    .append(',')
                    .append(num(s.profitFactor()))
                    .append(',')
                    .append(num(s.fillRatio()))
                    .append(',')
                    .append(s.makerFills())
                    .append(',')
                    .append(s.takerFills())
                    .append(',')
                    .append(r.events())
                    .append('\n');
        }
        BacktestCommand.writeAtomically(file.toAbsolutePath(), b.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v)
                ? ""
                : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
