package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalper.core.metrics.ExecutionCounts;
import io.scalper.core.metrics.PerformanceStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line and the Prometheus endpoint of {@code scalper run}. */
class MetricsEndpointTest {
    static io.scalper.core.runtime.LoopStatus status(boolean synced) {
        return new io.scalper.core.runtime.LoopStatus(
                "sim", "BTCUSDT", 65000.05, 1, 12, 0.012, 64990.5, 0.11, -3.25, 9996.86, 0.42, 0.8, "ACTIVE", 17, 4.2,
                9.7, 2, 12_345, 3, 20, 9, synced, true);
    }

    @Test
    void shouldRenderTheStatusLineWithEveryFigure() {
        final String line = StatusLine.render(status(true));
        assertThat(line)
                .contains("sim BTCUSDT")
                .contains("mid 65000.05")
                .contains("pos 0.012 @ 64990.50")
                .contains("uPnL +0.11")
                .contains("rPnL -3.25")
                .contains("fused +0.42 conf 0.80")
                .contains("ACTIVE ref 17")
                .contains("feed 4ms rt 10ms")
                .contains("recon 2")
                .doesNotContain("DEGRADED");
        assertThat(StatusLine.render(status(false))).endsWith("DEGRADED");
    }

    @Test
    void shouldServeWellFormedPrometheusText() throws Exception {
        final PerformanceStats stats = PerformanceStats.of(List.of(), 10_000, new ExecutionCounts(), 1_000_000_000L);
        try (MetricsEndpoint endpoint = new MetricsEndpoint(0)) {
            final io.scalper.core.runtime.LatencyHistogram feed = new io.scalper.core.runtime.LatencyHistogram();
            final io.scalper.core.runtime.LatencyHistogram rt = new io.scalper.core.runtime.LatencyHistogram();
            feed.record(3_000_000); // 3 ms
            feed.record(700_000_000); // 0.7 s
            rt.record(-5); // clock skew counts as 0
            endpoint.publish(
                    () -> StatusLine.prometheus(status(true), stats) + StatusLine.histograms(status(true), feed, rt));
            final HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
            final String body = r.body();
            assertThat(body)
                    .contains("scalper_market_messages_total{symbol=\"BTCUSDT\",venue=\"sim\"} 12345")
                    .contains("# TYPE scalper_position_lots gauge")
                    .contains("scalper_position_lots{symbol=\"BTCUSDT\",venue=\"sim\"} 12.0")
                    .contains("scalper_book_in_sync{symbol=\"BTCUSDT\",venue=\"sim\"} 1.0")
                    .contains("# TYPE scalper_feed_age_seconds histogram")
                    .contains("scalper_feed_age_seconds_bucket{symbol=\"BTCUSDT\",venue=\"sim\",le=\"0.002\"} 0")
                    .contains("scalper_feed_age_seconds_bucket{symbol=\"BTCUSDT\",venue=\"sim\",le=\"0.005\"} 1")
                    .contains("scalper_feed_age_seconds_bucket{symbol=\"BTCUSDT\",venue=\"sim\",le=\"1\"} 2")
                    .contains("scalper_feed_age_seconds_bucket{symbol=\"BTCUSDT\",venue=\"sim\",le=\"+Inf\"} 2")
                    .contains("scalper_feed_age_seconds_count{symbol=\"BTCUSDT\",venue=\"sim\"} 2")
                    .contains("scalper_feed_age_seconds_sum{symbol=\"BTCUSDT\",venue=\"sim\"} 0.703000000")
                    .contains(
                            "scalper_order_round_trip_seconds_bucket{symbol=\"BTCUSDT\",venue=\"sim\",le=\"0.0005\"} 1");
            // every sample line is NAME{labels} VALUE, every metric has HELP and TYPE
            for (String line : body.lines().toList()) {
                if (!line.startsWith("#")) {
                    assertThat(line).matches("[a-z_]+\\{[^}]*\\} [-0-9.eENa]+");
                }
            }
            assertThat(body.lines().filter(l -> l.startsWith("# TYPE")).count())
                    .isEqualTo(body.lines().filter(l -> l.startsWith("# HELP")).count());
            final HttpResponse<String> missing = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/other"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    static io.scalper.core.runtime.LoopStatus eth() {
        return new io.scalper.core.runtime.LoopStatus(
                "sim", "ETHUSDT", 3000.5, 1, -5, -0.05, 3001.0, -0.02, 1.5, 10_001.5, -0.3, 0.7, "HALTED", 4, 3.0, 8.0,
                1, 999, 2, 6, 3, true, false);
    }

    @Test
    void shouldShowEverySymbolOnceEachMetricWithOneSamplePerSymbol() {
        final String line = StatusLine.render(List.of(status(true), eth()));
        assertThat(line)
                .startsWith("sim | BTCUSDT pos 0.012")
                .contains("| ETHUSDT pos -0.050 uPnL -0.02 rPnL +1.50 fused -0.30 HALTED DEGRADED");
        final PerformanceStats btc = PerformanceStats.of(
                List.of(), 10_000, new ExecutionCounts(), java.util.Map.of("spread_too_wide", 3L), 1_000_000_000L);
        final PerformanceStats ethStats = PerformanceStats.of(
                List.of(), 10_000, new ExecutionCounts(), java.util.Map.of("kill_switch", 7L), 1_000_000_000L);
        final PerformanceStats account = PerformanceStats.of(List.of(), 10_000, new ExecutionCounts(), 1_000_000_000L)
                .withSymbols(java.util.Map.of("BTCUSDT", btc, "ETHUSDT", ethStats));
        final String body = StatusLine.prometheus(List.of(status(true), eth()), account);
        assertThat(body.lines().filter(l -> l.equals("# TYPE scalper_position_lots gauge")))
                .as("one family, not one per symbol")
                .hasSize(1);
        assertThat(body)
                .contains("scalper_position_lots{symbol=\"BTCUSDT\",venue=\"sim\"} 12.0")
                .contains("scalper_position_lots{symbol=\"ETHUSDT\",venue=\"sim\"} -5.0")
                .contains("scalper_trading_active{symbol=\"ETHUSDT\",venue=\"sim\"} 0.0")
                .contains("scalper_refusals_total{symbol=\"BTCUSDT\",reason=\"spread_too_wide\"} 3")
                .contains("scalper_refusals_total{symbol=\"ETHUSDT\",reason=\"kill_switch\"} 7")
                .doesNotContain("symbol=\"BTCUSDT\",reason=\"kill_switch\"");
        assertThat(StatusLine.histograms(
                        List.of(status(true), eth()),
                        new io.scalper.core.runtime.LatencyHistogram(),
                        new io.scalper.core.runtime.LatencyHistogram()))
                .contains("symbol=\"all\"");
    }
}
