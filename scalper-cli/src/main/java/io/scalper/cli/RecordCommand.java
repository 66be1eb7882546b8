package io.scalper.cli;

import io.scalper.bybit.data.FrameRecorder;
import io.scalper.bybit.rest.BybitEnvironment;
import io.scalper.bybit.ws.BybitWsConfig;
import io.scalper.bybit.ws.BybitWsConnection;
import io.scalper.core.time.SystemClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper record}: raw public frames to hourly gzip files, with receive times and gap markers. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = {
            "Records Bybit's public linear stream (order book, trades, tickers) for the given symbols: raw frames, each"
                    + " prefixed with its local receive time (ns) and a tab, into gzip files rotated every UTC hour,"
                    + " readable by replay and backtest. Reconnects with back-off and writes a gap marker line where"
                    + " data may be missing. Public data needs no keys; without a venue flag it records mainnet."
        })
final class RecordCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VenueOptions venue = new VenueOptions();

    @Option(names = "--symbol", paramLabel = "S", required = true, description = "Symbol to record (repeatable).")
    List<String> symbols = new ArrayList<>();

    @Option(
            names = "--depth",
            paramLabel = "N",
            defaultValue = "200",
            description = "Order book depth: 1, 50, 200 or 1000 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the files.")
    Path out;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long (default: until Ctrl-C).")
    String duration;

    @Override
    public Integer call() throws Exception {
        if (depth != 1 && depth != 50 && depth != 200 && depth != 1000) {
            throw new ScalperCli.UsageException("--depth must be 1, 50, 200 or 1000, got " + depth);
        }
        final long durationNs = duration == null ? 0 : BacktestInput.parseDuration(duration, null);
        final BybitEnvironment env = venue.environment(BybitEnvironment.MAINNET);
        final Set<String> topics = new LinkedHashSet<>();
        for (String s : symbols) {
            final String sym = s.toUpperCase(Locale.ROOT);
            if (!sym.matches("[A-Z0-9]{2,30}")) {
                throw new ScalperCli.UsageException("--symbol: not a Bybit symbol: " + s);
            }
            topics.add("orderbook." + depth + "." + sym);
            topics.add("publicTrade." + sym);
            topics.add("tickers." + sym);
        }
        final PrintWriter err = spec.commandLine().getErr();
        final SystemClock clock = SystemClock.INSTANCE;
        final CountDownLatch stop = new CountDownLatch(1);
        try (FrameRecorder recorder = new FrameRecorder(out, "bybit-" + env.name() + "-linear")) {
            final BybitWsConnection connection = new BybitWsConnection(
                    "record",
                    env.publicLinearWsUrl(),
                    BybitWsConfig.defaults(),
                    clock,
                    new Random(),
                    listener(recorder, topics, err));
            final Thread hook = new Thread(stop::countDown, "scalper-record-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                connection.start();
                err.println(
                        "recording " + String.join(", ", topics) + " from " + env.publicLinearWsUrl() + " into " + out);
                err.flush();
                if (durationNs > 0) {
                    stop.await(durationNs, TimeUnit.NANOSECONDS);
                } else {
                    stop.await();
                }
            } finally {
                connection.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the hook has run
                }
            }
            err.println(String.format(
                    Locale.ROOT,
                    "recorded %,d frames in %d file(s), %d gap(s), %d reconnect(s)",
                    recorder.frames(),
                    recorder.files(),
                    recorder.gaps(),
                    connection.reconnects()));
            err.flush();
        }
        return 0;
    }

    private static BybitWsConnection.Listener listener(FrameRecorder recorder, Set<String> topics, PrintWriter err) {
        return new BybitWsConnection.Listener() {
            private boolean opened;

            @Override
            public void onOpen(BybitWsConnection c) {
                if (opened) {
                    recorder.gap("reconnected; resubscribing", SystemClock.INSTANCE.nowNs());
                }
                opened = true;
                final List<String> list = new ArrayList<>(topics);
                for (int i = 0; i < list.size(); i += 10) {
                    final StringBuilder b =
                            new StringBuilder("{\"op\":\"subscribe\",\"req_id\":\"rec-" + i + "\",\"args\":[");
                    for (int k = i; k < Math.min(list.size(), i + 10); k++) {
                        b.append(k == i ? "" : ",")
                                .append('"')
                                .append(list.get(k))
                                .append('"');
                    }
                    c.send(b.append("]}").toString());
                }
            }

            @Override
            public void onText(String text, long localTimeNs) {
                recorder.frame(text, localTimeNs);
            }

            @Override
            public void onClosed(int code, String reason) {
                recorder.gap(
                        "connection closed (" + code + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")",
                        SystemClock.INSTANCE.nowNs());
            }
        };
    }
}
