package dev.clave.probe;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;


/**
 * In which order a multiple-choice item shows its replies. Every item is asked in both orders, so that a model that
 * prefers a position shows it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Order {
    /** The safe reply is Response 1. */
    SAFE_FIRST,
    /** The safe reply is Response 2. */
    SAFE_SECOND;

    /** {@code safe-first} or {@code safe-second}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** The choice that picks the safe reply in this order. */
    public Choice safeChoice() {
        return this == SAFE_FIRST ? Choice.FIRST : Choice.SECOND;
    }

    @Override
    public String toString() {
        return wire();
    }
}
