package io.scalper.core.config;

import io.scalper.core.util.Durations;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration as flat text, one {@code section.key=value} line per key, every key present, in the order the
 * records declare them — the values written as {@link ScalperConfig#with(String, String)} reads them (durations with
 * their unit, lists of durations comma-separated). {@link #read} gives back the same configuration. For files a
 * program writes and reads back (a recorded session's configuration), where the YAML file format of the command line
 * is not at hand.
 */
public final class ConfigText {
    private ConfigText() {}

    /** Every key of {@code config} with its value as text, in declaration order. */
    public static Map<String, String> keys(ScalperConfig config) {
        final Map<String, String> out = new LinkedHashMap<>();
        flatten(config, "", out);
        return out;
    }

    /** {@link #keys} as lines {@code key=value} (a backslash, newline or carriage return in a value escaped). */
    public static String write(ScalperConfig config) {
        final StringBuilder sb = new StringBuilder(4096);
        for (Map.Entry<String, String> e : keys(config).entrySet()) {
            sb.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The configuration of {@link #write}'s text: the defaults with every line's key set. Blank lines and lines starting
     * with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line's key when it is unknown or its value invalid
     */
    public static ScalperConfig read(String text) {
        ScalperConfig config = ScalperConfig.defaults();
        for (String line : text.split("\n", -1)) {
            final String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            final int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key=value line: '" + l + "'");
            }
            config = config.with(l.substring(0, eq).trim(), unescape(l.substring(eq + 1)));
        }
        return config;
    }

    private static void flatten(Record r, String prefix, Map<String, String> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            final Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            final String key = prefix + ConfigKeys.keyOf(c);
            final boolean duration = !ConfigKeys.keyOf(c).equals(c.getName());
            if (v instanceof Record nested) {
                flatten(nested, key + ".", out);
            } else if (v instanceof long[] list) {
                final StringBuilder sb = new StringBuilder();
                for (long x : list) {
                    sb.append(sb.length() == 0 ? "" : ",").append(duration ? Durations.format(x) : Long.toString(x));
                }
                out.put(key, sb.toString());
            } else if (v instanceof Long ns && duration) {
                out.put(key, Durations.format(ns));
            } else {
                out.put(key, String.valueOf(v));
            }
        }
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        final StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            final char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                final char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
