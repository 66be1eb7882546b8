package io.scalper.core.runtime;

/**
 * Where the trading runtime reports what it does (the core has no logging library): a venue module passes its own
 * logger, e.g. an SLF4J one. Messages never carry secrets.
 */
public interface RuntimeLog {
    void info(String message);

    void warn(String message);

    void error(String message);

    /** Messages through {@link System.Logger} (java.util.logging unless the JVM is configured otherwise). */
    static RuntimeLog system(String name) {
        final System.Logger log = System.getLogger(name);
        return new RuntimeLog() {
            @Override
            public void info(String message) {
                log.log(System.Logger.Level.INFO, message);
            }

            @Override
            public void warn(String message) {
                log.log(System.Logger.Level.WARNING, message);
            }

            @Override
            public void error(String message) {
                log.log(System.Logger.Level.ERROR, message);
            }
        };
    }
}
