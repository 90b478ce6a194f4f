package dev.clave.event;

import dev.clave.gate.RegressionReport;
import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notNull;

/**
 * An assertion checked a regression report between a baseline's and a candidate's evaluations.
 *
 * @param report      per value the paired test, the corrected p-value and the change of the rate
 * @param expectation what the assertion expected
 * @param held        whether the assertion held (a gate that fired as expected holds)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RegressionEvent(RegressionReport report, Expectation expectation, boolean held) {

    /** What a test expected of the comparison. */
    public enum Expectation {
        /** No value regressed (the release may go). */
        NO_REGRESSION,
        /** At least the named values regressed (the gate must fire, e.g. on a known-bad draft). */
        REGRESSION
    }

    public RegressionEvent {
        notNull(report, "report");
        notNull(expectation, "expectation");
    }
}
