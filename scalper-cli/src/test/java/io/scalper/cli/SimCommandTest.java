package io.scalper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimCommandTest {
    @Test
    void shouldPrintUrlsAndCredentialsAndStopAfterDuration() throws Exception {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> ScalperCli.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), "sim", "--duration", "5s", "--seed", "3"));
        String rest = null;
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (rest == null && System.nanoTime() - deadline < 0) {
            for (String line : out.toString().split("\n")) {
                if (line.startsWith("rest-url: ")) {
                    rest = line.substring("rest-url: ".length()).trim();
                }
            }
            Thread.sleep(20);
        }
        assertThat(rest).startsWith("http://127.0.0.1:");
        final HttpResponse<String> time = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(rest + "/v5/market/time"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(time.body()).contains("\"retCode\":0").contains("timeNano");
        assertThat(run.get()).isZero();
        assertThat(out.toString())
                .containsPattern("ws-url: ws://127\\.0\\.0\\.1:\\d+")
                .containsPattern("api-key: \\S+")
                .containsPattern("api-secret: \\S+");
    }

    @Test
    void shouldRefuseAKeyWithoutSecret() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), "sim", "--api-key", "k");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void shouldRefuseABadFaultSpec() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = ScalperCli.execute(new PrintWriter(out), new PrintWriter(err), "sim", "--faults", "explode");
        assertThat(code).isEqualTo(2);
    }
}
