/**
 * The Bybit venue behind the core's {@link io.scalper.core.exec.ExchangeGateway}.
 *
 * <ul>
 *   <li>{@link io.scalper.bybit.gateway.BybitGateway}: orders over the trade WebSocket or REST, events from the
 *       private stream, one dedupe filter, look-ups instead of guesses.
 *   <li>{@link io.scalper.bybit.gateway.BybitSession}: start-up (rules, fees, leverage, time, streams), reconciliation
 *       ({@link io.scalper.core.exec.ReconcilePolicy}), the engine thread's {@code poll()}, feed age, shutdown.
 *   <li>{@link io.scalper.bybit.gateway.EngineAdoption}: hands an adopted position and orders to the engine.
 *   <li>{@link io.scalper.bybit.gateway.BybitHealthGate}: refuses entries while a book is out of sync or the private
 *       stream is down.
 * </ul>
 */
package io.scalper.bybit.gateway;
