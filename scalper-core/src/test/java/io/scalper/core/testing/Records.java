package io.scalper.core.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Copies of immutable config records with some components changed, by name — so tests name what they change instead of
 * repeating every component positionally (and break when a component is added).
 */
public final class Records {
    private Records() {}

    /**
     * A copy of {@code record} with {@code nameValuePairs} applied, e.g. {@code with(ExecutionConfig.defaults(),
     * "stopVolMultiple", 0.0)}.
     *
     * @throws IllegalArgumentException for an unknown component, or what the record's constructor throws
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R record, Object... nameValuePairs) {
        final Class<R> type = (Class<R>) record.getClass();
        final RecordComponent[] components = type.getRecordComponents();
        final Object[] args = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(record);
            }
            for (int p = 0; p < nameValuePairs.length; p += 2) {
                final String name = (String) nameValuePairs[p];
                int index = -1;
                for (int i = 0; i < components.length; i++) {
                    if (components[i].getName().equals(name)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw new IllegalArgumentException(type.getSimpleName() + " has no component " + name + " (has "
                            + Arrays.stream(components)
                                    .map(RecordComponent::getName)
                                    .toList() + ")");
                }
                args[index] = nameValuePairs[p + 1];
            }
            final Constructor<R> ctor = type.getDeclaredConstructor(types);
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
}
