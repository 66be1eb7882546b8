package io.scalper.cli;

import io.scalper.core.config.ScalperConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalper config}: print the effective configuration, or check a file. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "--print shows the effective configuration (the defaults, or --config FILE over them) as YAML with every"
                    + " key; --check FILE validates a file and prints 'ok' or the first bad key (exit code 2)."
        })
final class ConfigCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Mode {
        @Option(names = "--print", required = true, description = "Print the effective configuration.")
        boolean print;

        @Option(names = "--check", paramLabel = "FILE", required = true, description = "Validate a file.")
        Path check;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--config", paramLabel = "FILE", description = "With --print: the file to apply over the defaults.")
    Path config;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        if (mode.check != null) {
            ConfigFile.load(mode.check).config();
            out.println(mode.check + ": ok");
        } else {
            final ScalperConfig cfg = (config == null ? ConfigFile.empty() : ConfigFile.load(config)).config();
            out.print(ConfigFile.toYaml(cfg));
        }
        out.flush();
        return 0;
    }
}
