package io.scalper.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scalper} command. Exit codes: 0 success, 1 failure while running, 2 bad arguments or unreadable input. */
@Command(
        name = "scalper",
        mixinStandardHelpOptions = true,
        versionProvider = ScalperCli.Version.class,
        description = "High-frequency multi-signal scalping for Bybit USDT perpetuals.",
        subcommands = {
            RunCommand.class,
            BacktestCommand.class,
            ResearchCommand.class,
            SweepCommand.class,
            ConvertCommand.class,
            RecordCommand.class,
            ConfigCommand.class,
            ReplayCommand.class,
            GenerateCommand.class,
            SimCommand.class,
            DriftCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ScalperCli implements Runnable {
    /** Exit code for bad arguments, bad configuration or unreadable input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        final CommandLine cli = new CommandLine(new ScalperCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("scalper: " + ex.getMessage());
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                err.println("scalper: " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            err.println("scalper: " + ex);
            err.flush();
            return 1;
        });
        final int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        final PrintWriter out = new PrintWriter(System.out, false);
        final PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /** A problem the user can fix (bad argument, unreadable file): reported in one line, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = ScalperCli.class.getPackage().getImplementationVersion();
            return new String[] {"scalper " + (v == null ? "dev" : v)};
        }
    }
}
