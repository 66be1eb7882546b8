package io.scalper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scalper.core.config.ScalperConfig;
import io.scalper.core.util.Durations;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a YAML configuration file (see {@code config/default.yaml}) to the core's immutable config records, starting from
 * {@link ScalperConfig#defaults()}: keys left out keep their defaults; unknown keys and bad values fail at load with one
 * message naming the key.
 *
 * <p>The mapping is mechanical, so the records are the single source of truth: each record component is a key; a
 * nested record is a nested mapping; a {@code long} component whose name ends in {@code Ns} is written without the
 * suffix as a duration ({@code halfLife: 1s} for {@code halfLifeNs}), and a {@code long[]} one as a list of durations.
 */
final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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

    /**
     * This configuration as text that {@link #parse} reads back (JSON, which YAML reads): how a task carries its
     * configuration to where it runs.
     */
    String text() {
        return root.isMissingNode() ? "" : root.toString();
    }

    /** Where this configuration came from, for messages. */
    String source() {
        return source;
    }

    /**
     * A configuration from {@link #text()}.
     *
     * @throws ScalperCli.UsageException when the text is not a YAML mapping
     */
    static ConfigFile parse(String source, String text) {
        if (text == null || text.isBlank()) {
            return new ConfigFile(source, MissingNode.getInstance());
        }
        try {
            final JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ScalperCli.UsageException(source + ": the top level must be a mapping of sections");
            }
            return new ConfigFile(source, root);
        } catch (IOException e) {
            throw new ScalperCli.UsageException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    /**
     * This configuration with one key set, e.g. {@code with("fusion.entryThreshold", "0.3")}; the value is read as a
     * YAML scalar (number, boolean, duration text). The result is validated only by {@link #config()}.
     *
     * @throws ScalperCli.UsageException when the key is not a dotted path of at least two names
     */
    ConfigFile with(String dottedKey, String value) {
        final String[] path = dottedKey.split("\\.");
        if (path.length < 2) {
            throw new ScalperCli.UsageException(
                    "config key must be section.key (e.g. fusion.entryThreshold), got '" + dottedKey + "'");
        }
        final com.fasterxml.jackson.databind.node.ObjectNode copy = root.isObject()
                ? ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy()
                : YAML.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode node = copy;
        for (int i = 0; i < path.length - 1; i++) {
            final JsonNode child = node.get(path[i]);
            node = child != null && child.isObject()
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) child
                    : node.putObject(path[i]);
        }
        JsonNode v;
        try {
            v = YAML.readTree(value);
        } catch (IOException e) {
            v = null;
        }
        if (v == null || v.isMissingNode() || v.isContainerNode()) {
            v = com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
        }
        node.set(path[path.length - 1], v);
        return new ConfigFile(source + " with " + dottedKey + "=" + value, copy);
    }

    /**
     * The keys this file sets, dotted ({@code backtest.orderLatency}), with their values as text ({@code
     * ScalperConfig#with} reads them; a list of durations comma-separated), in file order.
     */
    java.util.Map<String, String> keys() {
        final java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        flatten(root, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, java.util.Map<String, String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            final List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.asText());
        }
    }

    /**
     * The configuration, validated.
     *
     * @throws ScalperCli.UsageException naming the first bad or unknown key
     */
    ScalperConfig config() {
        final ScalperConfig c = bind(ScalperConfig.class, root, ScalperConfig.defaults(), "");
        symbols();
        return c;
    }

    /** The top-level key listing the symbols traded together on one account. */
    static final String SYMBOLS = "symbols";

    /**
     * The top-level {@code symbols} list (upper-cased, in order): the symbols {@code scalper run} and {@code scalper
     * backtest} trade together on one account when no {@code --symbol} is given; empty when the file has none.
     *
     * @throws ScalperCli.UsageException naming {@code symbols} when it is not a list of distinct symbol names
     */
    List<String> symbols() {
        final JsonNode v = root.path(SYMBOLS);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw error(SYMBOLS, "must be a non-empty list of symbols such as [BTCUSDT, ETHUSDT]");
        }
        final List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            final String text = item.isTextual() ? item.asText().trim().toUpperCase(java.util.Locale.ROOT) : "";
            if (!text.matches("[A-Z0-9]{2,30}")) {
                throw error(SYMBOLS, "must be a list of symbol names such as [BTCUSDT, ETHUSDT], got " + item);
            }
            if (out.contains(text)) {
                throw error(SYMBOLS, text + " is listed twice");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    private <R extends Record> R bind(Class<R> type, JsonNode node, R defaults, String path) {
        final RecordComponent[] components = type.getRecordComponents();
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw error(path.isEmpty() ? "config" : path, "must be a mapping");
        }
        checkKnown(node, components, path);
        final Object[] args = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            final RecordComponent c = components[i];
            types[i] = c.getType();
            final String key = keyOf(c);
            final String keyPath = path.isEmpty() ? key : path + "." + key;
            final Object dflt = read(c, defaults);
            final JsonNode value = node.path(key);
            if (c.getType().isRecord()) {
                args[i] = bindNested(c.getType(), value, dflt, keyPath);
            } else if (value.isMissingNode() || value.isNull()) {
                args[i] = dflt;
            } else {
                args[i] = convert(c, value, keyPath);
            }
        }
        try {
            final Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            final Throwable cause = e.getCause();
            throw new ScalperCli.UsageException(source + ": " + (cause == null ? e : cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object bindNested(Class<?> type, JsonNode value, Object dflt, String keyPath) {
        return bind((Class) type, value, (Record) dflt, keyPath);
    }

    /** The configuration as YAML in this file's own key format (durations with units), every key present. */
    static String toYaml(ScalperConfig config) {
        try {
            return YAML.writeValueAsString(tree(config));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the configuration", e);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode tree(Record r) {
        final com.fasterxml.jackson.databind.node.ObjectNode node = YAML.createObjectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            final Object v = read(c, r);
            final String key = keyOf(c);
            if (v instanceof Record nested) {
                node.set(key, tree(nested));
            } else if (v instanceof long[] list && isDuration(c)) {
                final com.fasterxml.jackson.databind.node.ArrayNode a = node.putArray(key);
                for (long ns : list) {
                    a.add(io.scalper.core.util.Durations.format(ns));
                }
            } else if (v instanceof Long ns && isDuration(c)) {
                node.put(key, io.scalper.core.util.Durations.format(ns));
            } else {
                node.putPOJO(key, v);
            }
        }
        return node;
    }

    private static Object read(RecordComponent c, Object instance) {
        try {
            return c.getAccessor().invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    /** The YAML key of a record component: its name, without a trailing {@code Ns} on durations. */
    static String keyOf(RecordComponent c) {
        final String name = c.getName();
        final boolean duration = c.getType() == long.class || c.getType() == long[].class;
        return duration && name.endsWith("Ns") && name.length() > 2 ? name.substring(0, name.length() - 2) : name;
    }

    static boolean isDuration(RecordComponent c) {
        return !keyOf(c).equals(c.getName());
    }

    private void checkKnown(JsonNode node, RecordComponent[] components, String path) {
        if (!node.isObject()) {
            return;
        }
        final TreeSet<String> known = new TreeSet<>();
        for (RecordComponent c : components) {
            known.add(keyOf(c));
        }
        if (path.isEmpty()) {
            known.add(SYMBOLS); // the top-level list of symbols, read by symbols()
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            final String key = it.next().getKey();
            if (!known.contains(key)) {
                final String where = path.isEmpty() ? key : path + "." + key;
                throw new ScalperCli.UsageException(
                        source + ": unknown key " + where + " (known here: " + String.join(", ", known) + ")");
            }
        }
    }

    private Object convert(RecordComponent c, JsonNode v, String keyPath) {
        final Class<?> t = c.getType();
        if (t == long[].class && isDuration(c)) {
            if (!v.isArray() || v.isEmpty()) {
                throw error(keyPath, "must be a list of durations such as [1s, 5s, 60s]");
            }
            final List<Long> out = new ArrayList<>();
            for (JsonNode item : v) {
                out.add(duration(item, keyPath));
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
        if (t == long.class && isDuration(c)) {
            return duration(v, keyPath);
        }
        if (t == int.class) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(keyPath, "must be an integer, got " + v);
            }
            return v.intValue();
        }
        if (t == long.class) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(keyPath, "must be an integer, got " + v);
            }
            return v.longValue();
        }
        if (t == double.class) {
            if (!v.isNumber()) {
                throw error(keyPath, "must be a number, got " + v);
            }
            return v.doubleValue();
        }
        if (t == boolean.class) {
            if (!v.isBoolean()) {
                throw error(keyPath, "must be true or false, got " + v);
            }
            return v.booleanValue();
        }
        if (t == String.class) {
            if (!v.isTextual()) {
                throw error(keyPath, "must be a string, got " + v);
            }
            return v.textValue();
        }
        throw new IllegalStateException("unsupported config type " + t + " at " + keyPath);
    }

    private long duration(JsonNode v, String keyPath) {
        if (!v.isTextual()) {
            throw error(keyPath, "must be a duration with a unit such as 500ms, 5s or 2m, got " + v);
        }
        try {
            return Durations.parseNs(v.textValue());
        } catch (IllegalArgumentException e) {
            throw error(keyPath, e.getMessage());
        }
    }

    private ScalperCli.UsageException error(String key, String message) {
        return new ScalperCli.UsageException(source + ": " + key + ": " + message);
    }
}
