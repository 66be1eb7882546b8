package io.scalper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scalper.core.book.OrderBook;
import io.scalper.core.tape.TapeConfig;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds a YAML configuration file (see {@code config/default.yaml}) to the core's immutable config records. Absent keys
 * take their defaults; unknown keys and bad values fail at load with a message naming the key.
 */
final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Market-data settings: book depth and trade tape. */
    record MarketData(int bookMaxDepth, TapeConfig tape) {
        static MarketData defaults() {
            return new MarketData(OrderBook.DEFAULT_MAX_DEPTH, TapeConfig.defaults());
        }
    }

    private final String source;
    private final JsonNode root;

    private ConfigFile(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    /** An empty configuration: every key at its default. */
    static ConfigFile empty() {
        return new ConfigFile("defaults", MissingNode.getInstance());
    }

    /**
     * Reads a YAML file.
     *
     * @throws ScalperCli.UsageException when the file cannot be read or is not a YAML mapping
     */
    static ConfigFile load(Path file) {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ScalperCli.UsageException("cannot read config file: " + file);
        }
        try {
            final JsonNode root = YAML.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return new ConfigFile(file.toString(), MissingNode.getInstance());
            }
            if (!root.isObject()) {
                throw new ScalperCli.UsageException(file + ": the top level must be a mapping of sections");
            }
            return new ConfigFile(file.toString(), root);
        } catch (IOException e) {
            final String msg =
                    e.getMessage() == null ? e.toString() : e.getMessage().split("\n", 2)[0];
            throw new ScalperCli.UsageException(file + ": not valid YAML: " + msg);
        }
    }

    /** The market-data settings, validated. */
    MarketData marketData() {
        checkKeys("", root, Set.of("book", "tape"));
        final JsonNode book = section("book", Set.of("maxDepth"));
        final int maxDepth = intValue(book, "book.maxDepth", OrderBook.DEFAULT_MAX_DEPTH);
        if (maxDepth < 1 || maxDepth > 1_000_000) {
            throw error("book.maxDepth", "must be in [1, 1000000], got " + maxDepth);
        }
        final JsonNode tape = section(
                "tape", Set.of("capacity", "windows", "sizeSampleCount", "largeQuantile", "minTradesForQuantile"));
        final long[] windows = windows(tape.path("windows"));
        try {
            return new MarketData(
                    maxDepth,
                    new TapeConfig(
                            intValue(tape, "tape.capacity", TapeConfig.DEFAULT_CAPACITY),
                            windows,
                            intValue(tape, "tape.sizeSampleCount", TapeConfig.DEFAULT_SIZE_SAMPLE_COUNT),
                            doubleValue(tape, "tape.largeQuantile", TapeConfig.DEFAULT_LARGE_QUANTILE),
                            intValue(tape, "tape.minTradesForQuantile", TapeConfig.DEFAULT_MIN_TRADES_FOR_QUANTILE)));
        } catch (IllegalArgumentException e) {
            throw new ScalperCli.UsageException(source + ": " + e.getMessage());
        }
    }

    private long[] windows(JsonNode node) {
        if (node.isMissingNode()) {
            return TapeConfig.defaults().windowsNs();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw error("tape.windows", "must be a list of durations such as [1s, 5s, 60s]");
        }
        final long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Durations.parseNs(node.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw error("tape.windows", e.getMessage());
            }
            if (out[i] <= 0) {
                throw error(
                        "tape.windows",
                        "durations must be > 0, got " + node.get(i).asText());
            }
        }
        return out;
    }

    private JsonNode section(String name, Set<String> keys) {
        final JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return MissingNode.getInstance();
        }
        if (!node.isObject()) {
            throw error(name, "must be a mapping");
        }
        checkKeys(name + ".", node, keys);
        return node;
    }

    private void checkKeys(String prefix, JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            return;
        }
        final List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            final String key = it.next();
            if (!allowed.contains(key)) {
                unknown.add(prefix + key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ScalperCli.UsageException(
                    source + ": unknown key " + unknown.get(0) + " (known: " + known(prefix, allowed) + ")");
        }
    }

    private static String known(String prefix, Set<String> allowed) {
        final Set<String> sorted = new LinkedHashSet<>();
        allowed.stream().sorted().forEach(k -> sorted.add(prefix + k));
        return String.join(", ", sorted);
    }

    private int intValue(JsonNode section, String key, int dflt) {
        final JsonNode v = section.path(key.substring(key.indexOf('.') + 1));
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, "must be an integer, got " + v);
        }
        return v.intValue();
    }

    private double doubleValue(JsonNode section, String key, double dflt) {
        final JsonNode v = section.path(key.substring(key.indexOf('.') + 1));
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw error(key, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private ScalperCli.UsageException error(String key, String message) {
        return new ScalperCli.UsageException(source + ": " + key + ": " + message);
    }
}
