package io.scalper.cli;

import io.scalper.core.backtest.BacktestResult;
import io.scalper.core.report.HtmlReport;
import io.scalper.core.report.ReportData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes the HTML report of a backtest. */
final class Reports {
    private Reports() {}

    static void writeHtml(
            Path file, BacktestResult r, io.scalper.core.research.ResearchResult research, String config, long seed)
            throws IOException {
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("data", r.source());
        info.put("symbol", r.instrument().symbol());
        info.put("config", config);
        info.put("seed", Long.toString(seed));
        info.put(
                "period",
                Instant.ofEpochSecond(0, r.startTimeNs()) + " to " + Instant.ofEpochSecond(0, r.endTimeNs()) + " ("
                        + BacktestCommand.span(r.endTimeNs() - r.startTimeNs()) + ")");
        info.put("events", String.format(Locale.ROOT, "%,d events, %,d messages", r.events(), r.messages()));
        final ReportData data = ReportData.builder(
                        "Scalper backtest — " + r.instrument().symbol(), r.stats())
                .runInfo(info)
                .trades(r.trades())
                .equityCurve(r.equity())
                .prices(r.priceTimesNs(), r.prices())
                .tickSize(r.instrument().tickSize())
                .research(research)
                .build();
        HtmlReport.write(data, file);
    }
}
