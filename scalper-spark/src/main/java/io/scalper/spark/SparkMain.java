package io.scalper.spark;

import io.scalper.cli.ScalperCli;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's entry point under {@code spark-submit}: the {@code scalper} command line, with {@code --spark}
 * added to {@code sweep} and {@code research} when it is not given, so that they run on the master spark-submit was
 * given:
 *
 * <pre>
 * spark-submit --class io.scalper.spark.SparkMain --master yarn scalper-spark.jar \
 *     sweep --param fusion.entryScore=0.3,0.45 --per-file --data hdfs:///scalper/BTCUSDT/2025-01-01.events ...
 * </pre>
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        final PrintWriter out = new PrintWriter(System.out, false);
        final PrintWriter err = new PrintWriter(System.err, true);
        System.exit(ScalperCli.execute(out, err, withSpark(args)));
    }

    /** {@code args} with {@code --spark=} (the master from spark-submit) after sweep or research, if missing. */
    static String[] withSpark(String[] args) {
        if (args.length == 0 || !(args[0].equals("sweep") || args[0].equals("research"))) {
            return args;
        }
        for (String a : args) {
            if (a.equals("--spark") || a.startsWith("--spark=")) {
                return args;
            }
        }
        final List<String> out = new ArrayList<>(List.of(args));
        out.add(1, "--spark=");
        return out.toArray(String[]::new);
    }
}
