/**
 * A backtest report as one self-contained, deterministic HTML page: {@link io.scalper.core.report.ReportData} holds
 * what it shows (statistics, trades, equity curve, a price series, refusals, per-signal PnL) and
 * {@link io.scalper.core.report.HtmlReport} renders it, with charts as inline SVG and nothing loaded from elsewhere.
 */
package io.scalper.core.report;
