/**
 * Bybit v5 REST client for USDT perpetuals: {@link io.scalper.bybit.rest.BybitRestClient} (signing, server-time
 * offset, envelope decoding, typed errors, client-side throttling, safe retries), its settings
 * ({@link io.scalper.bybit.rest.BybitRestConfig}, {@link io.scalper.bybit.rest.BybitEnvironment}), and typed request
 * and response records that keep Bybit's decimal strings and convert them to ticks and lots through a core
 * {@link io.scalper.core.model.Instrument}. Not on the hot path: Jackson databind is used for the JSON.
 */
package io.scalper.bybit.rest;
