package dev.clave.gate;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * What a broken {@link ValueRule} does to the run.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum GateAction {
    /** Fail the gate: the release is blocked. */
    BLOCK,
    /** Report the broken rule, but let the gate pass. */
    WARN;

    /** {@code block} or {@code warn}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
