package io.scalper.core.risk;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/** Test helper: {@link RiskConfig#defaults()} with some components replaced, by component name. */
final class RiskConfigs {
    private RiskConfigs() {}

    /**
     * The defaults with {@code nameValuePairs} applied, e.g. {@code with("maxSpreadTicks", 5L)}.
     *
     * @throws IllegalArgumentException what the record's constructor throws
     */
    static RiskConfig with(Object... nameValuePairs) {
        final RiskConfig defaults = RiskConfig.defaults();
        final RecordComponent[] components = RiskConfig.class.getRecordComponents();
        final Object[] args = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(defaults);
            }
            for (int p = 0; p < nameValuePairs.length; p += 2) {
                args[indexOf(components, (String) nameValuePairs[p])] = nameValuePairs[p + 1];
            }
            final Constructor<RiskConfig> ctor = RiskConfig.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no component " + name);
    }
}
