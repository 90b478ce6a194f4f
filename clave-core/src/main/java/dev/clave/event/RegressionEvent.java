package dev.clave.event;

import dev.clave.gate.RegressionReport;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.notNull;

/**
 * An assertion checked a regression report between a baseline's and a candidate's evaluations.
 *
 * @param report      per value the paired test, the corrected p-value and the change of the rate
 * @param expectation what the assertion expected
 * @param held        whether the assertion held (a gate that fired as expected holds)
 * @param test        the unique id of the test that checked it, when a test did (see {@link ClaveEvents#currentTest()})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RegressionEvent(RegressionReport report, Expectation expectation, boolean held, @Nullable String test) {

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

    /**
     * How a report shows the outcome: {@code passed}, {@code fired, expected} (a test expected the gate to fire and it
     * did), {@code FAILED} (it fired, or could not decide, where no regression was expected) or {@code DID NOT FIRE}
     * (a test expected it to fire on these values, and it did not).
     */
    public String outcome() {
        if (expectation == Expectation.REGRESSION) {
            return held ? "fired, expected" : "DID NOT FIRE";
        }
        return held ? "passed" : "FAILED";
    }
}
