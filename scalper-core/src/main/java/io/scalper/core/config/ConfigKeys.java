package io.scalper.core.config;

import io.scalper.core.util.Durations;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Changes one key of a configuration by its YAML name ({@code section.key}, as in {@code config/default.yaml}), the
 * value written as it would be there: {@code with(config, "execution.stopTicks", "60")}, {@code "risk.maxLatency",
 * "2s"}, {@code "edge.enabled", "false"}. The mapping is the YAML binding's: each record component is a key; a {@code
 * long} (or {@code long[]}) component named {@code ...Ns} is a duration whose key drops the suffix. The changed record
 * is validated by its own constructor.
 */
final class ConfigKeys {
    private ConfigKeys() {}

    static ScalperConfig with(ScalperConfig config, String dottedKey, String value) {
        final String[] path = dottedKey == null ? new String[0] : dottedKey.split("\\.");
        if (path.length < 2) {
            throw new IllegalArgumentException("config key must be section.key, got '" + dottedKey + "'");
        }
        return (ScalperConfig) set(config, path, 0, value, dottedKey);
    }

    private static Record set(Record record, String[] path, int depth, String value, String dottedKey) {
        final RecordComponent[] components = record.getClass().getRecordComponents();
        final Object[] args = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        int index = -1;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = read(components[i], record);
            if (keyOf(components[i]).equals(path[depth])) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException(dottedKey + ": unknown key (known at this level: "
                    + Arrays.stream(components).map(ConfigKeys::keyOf).toList() + ")");
        }
        final RecordComponent c = components[index];
        if (depth < path.length - 1) {
            if (!(args[index] instanceof Record nested)) {
                throw new IllegalArgumentException(dottedKey + ": " + path[depth] + " is not a section");
            }
            args[index] = set(nested, path, depth + 1, value, dottedKey);
        } else {
            args[index] = convert(c, value, dottedKey);
        }
        try {
            final Constructor<?> ctor = record.getClass().getDeclaredConstructor(types);
            return (Record) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot construct " + record.getClass().getName(), e);
        }
    }

    private static Object convert(RecordComponent c, String value, String key) {
        final Class<?> t = c.getType();
        final String v = value == null ? "" : value.trim();
        try {
            if (t == String.class) {
                return value;
            }
            if (t == boolean.class) {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("must be true or false, got '" + value + "'");
                }
                return Boolean.parseBoolean(v);
            }
            if (t == int.class) {
                return Integer.parseInt(v);
            }
            if (t == double.class) {
                return Double.parseDouble(v);
            }
            if (t == long.class) {
                return isDuration(c) ? Durations.parseNs(v) : Long.parseLong(v);
            }
            if (t == long[].class && isDuration(c)) {
                return v.isEmpty()
                        ? new long[0]
                        : Arrays.stream(v.split(","))
                                .mapToLong(s -> Durations.parseNs(s.trim()))
                                .toArray();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(key + ": cannot be set from text (" + t.getSimpleName() + ")");
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
        return isDuration(c) ? c.getName().substring(0, c.getName().length() - 2) : c.getName();
    }

    private static boolean isDuration(RecordComponent c) {
        final String name = c.getName();
        return (c.getType() == long.class || c.getType() == long[].class) && name.endsWith("Ns") && name.length() > 2;
    }
}
