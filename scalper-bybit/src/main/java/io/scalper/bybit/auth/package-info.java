/**
 * Bybit API credentials and request signing: {@link io.scalper.bybit.auth.BybitCredentials} (a key and secret that
 * never print the secret) and {@link io.scalper.bybit.auth.BybitSigner} (REST and WebSocket HMAC-SHA256 signatures).
 */
package io.scalper.bybit.auth;
