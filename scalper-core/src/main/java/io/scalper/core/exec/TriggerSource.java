package io.scalper.core.exec;

/** The price a conditional (stop) order watches. */
public enum TriggerSource {
    LAST_PRICE,
    MARK_PRICE
}
