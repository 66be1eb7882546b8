/**
 * Backtest market sources over Bybit data files: recorded WebSocket frames ({@link
 * io.scalper.bybit.data.RecordedFrameSource}), Bybit's daily order-book and trade archives ({@link
 * io.scalper.bybit.data.BybitArchiveSource}), sources played one after another ({@link
 * io.scalper.bybit.data.ConcatSource}), and a factory that picks the source by file name ({@link
 * io.scalper.bybit.data.MarketSources}).
 */
package io.scalper.bybit.data;
