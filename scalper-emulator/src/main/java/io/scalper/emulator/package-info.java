/**
 * A local Bybit v5 venue for tests and simulations: {@link io.scalper.emulator.BybitEmulator} serves Bybit's REST
 * endpoints and the public, private and trade WebSockets on loopback, checks signatures, order rules and rate limits,
 * and matches orders with the core simulated exchange over a generated or recorded market;
 * {@link io.scalper.emulator.EmulatorFaults} injects failures (dropped streams, delays, stalls, skipped deltas,
 * rejections, slow answers, rate-limit storms).
 *
 * <p>A bot takes this module ({@code io.scalper:scalper-emulator}) as a test-scoped dependency and points its
 * {@code LiveTrader} at {@code BybitEnvironment.custom(emulator.restUrl(), emulator.wsUrl())} with the emulator's
 * credentials; {@code scalper sim} runs it standalone and {@code scalper run --sim} in process.
 */
package io.scalper.emulator;
