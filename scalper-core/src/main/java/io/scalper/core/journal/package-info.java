/**
 * Append-only CSV journals of decisions, orders, fills and trades, and atomic state snapshots. Plain
 * {@code java.io}/{@code java.nio}; no library.
 *
 * <h2>Common rules</h2>
 *
 * <ul>
 *   <li>One file per journal in a directory the caller chooses; opened in append mode. The header line is written only
 *       when the file is new or empty; after a restart rows continue below the existing header. If the existing
 *       header differs (the column set changed), the journal writes to {@code name-2.csv}, {@code name-3.csv}, ...
 *       instead (see {@link io.scalper.core.journal.CsvJournal}).
 *   <li>Each row is handed to the operating system in one write as soon as it is complete: a process crash loses at
 *       most the row being written. {@code sync()} forces rows to disk.
 *   <li>RFC 4180 quoting (only cells with a comma, quote, CR or LF are quoted; quotes doubled), UTF-8, {@code \n}
 *       line ends. Empty cell: not applicable or unknown (including non-finite numbers).
 *   <li>Times: two columns, {@code *_ms} (epoch milliseconds, UTC) and {@code *_iso}
 *       ({@code 2026-01-01T00:00:00.000Z}). Times come from the caller (engine or event time), never a clock.
 *   <li>Prices and quantities: the exchange's decimal text from the {@link io.scalper.core.model.Instrument}
 *       ({@code 65114.20}, {@code 0.004}); averages between ticks keep up to 4 extra decimals.
 *   <li>Other numbers: integers as is; decimals plain, rounded half-even to 8 places, no trailing zeros, no exponent,
 *       independent of the locale.
 * </ul>
 *
 * <h2>Columns</h2>
 *
 * <p><b>{@code decisions.csv}</b> ({@link io.scalper.core.journal.DecisionJournal}): {@code time_ms, time_iso, symbol,
 * sequence, direction, fused, confidence, regime, vetoed, mid_price}, then {@code <signal>_score} for each signal, then
 * {@code <signal>_weight} for each signal.
 *
 * <p><b>{@code orders.csv}</b> ({@link io.scalper.core.journal.OrderJournal}): {@code time_ms, time_iso, record,
 * client_order_id, symbol, purpose, side, type, tif, price, qty, reduce_only, trigger_price, status, filled_qty,
 * event_price, event_qty, reason, result, venue_order_id, exchange_time_ms}. {@code record} is {@code submit},
 * {@code amend}, {@code cancel} or an event: {@code accepted, rejected, amended, amend_rejected, filled, canceled,
 * cancel_rejected, triggered, expired}.
 *
 * <p><b>{@code fills.csv}</b> ({@link io.scalper.core.journal.FillJournal}): {@code time_ms, time_iso, client_order_id,
 * fill_id, symbol, purpose, side, price, qty, fee, liquidity, position_qty, position_avg_price, position_net_realized,
 * venue_order_id, exchange_time_ms}.
 *
 * <p><b>{@code trades.csv}</b> ({@link io.scalper.core.journal.TradeJournal}): {@code id, symbol, side, entry_time_ms,
 * entry_time_iso, exit_time_ms, exit_time_iso, duration_ms, entry_price, exit_price, qty, gross_pnl, fees, funding,
 * net_pnl, risk, r_multiple, entry_slippage_ticks, exit_reason}, then {@code <signal>_contribution} for each signal.
 *
 * <p>Each class's Javadoc gives the meaning of its columns. {@link io.scalper.core.journal.StateSnapshotWriter}
 * replaces a small state file atomically.
 */
package io.scalper.core.journal;
