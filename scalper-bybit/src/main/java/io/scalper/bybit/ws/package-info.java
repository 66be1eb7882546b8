/**
 * Bybit v5 WebSocket streams for USDT perpetuals, on Java-WebSocket.
 *
 * <ul>
 *   <li>{@link io.scalper.bybit.ws.BybitWsConnection}: one self-healing connection (application-level ping, stale
 *       detection, reconnect with exponential backoff and jitter, an on-open hook for auth and subscriptions).
 *   <li>{@link io.scalper.bybit.ws.BybitPublicStream}: order book, trades and tickers into a
 *       {@link io.scalper.bybit.marketdata.BybitMarketDecoder}; resubscribes a book that lost sync; {@code isInSync()}
 *       for the entry gates.
 *   <li>{@link io.scalper.bybit.ws.BybitPrivateStream}: auth, then {@code order}, {@code execution}, {@code position},
 *       {@code wallet}; order and execution pushes become core {@link io.scalper.core.exec.OrderEvent}s.
 *   <li>{@link io.scalper.bybit.ws.BybitTradeStream}: order entry with {@code reqId} correlation and a timeout that
 *       reports "unknown" rather than guessing.
 * </ul>
 *
 * <h2>Threading</h2>
 * Socket callbacks run on I/O threads and touch nothing the engine owns: frames go into an
 * {@link io.scalper.bybit.ws.EventQueue}, bounded, in arrival order, with a marker when a connection opens or closes.
 * The engine thread calls each stream's {@code poll(max)}, which decodes books, maps order events and fires callbacks
 * on that thread; gates read {@code isInSync()} and {@code isUp()}. Credentials appear in no log, message or
 * {@code toString()}: keys are masked and server texts redacted.
 */
package io.scalper.bybit.ws;
