package dev.clave.assertions;

import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.DriftEvent;
import dev.clave.profile.ProfileComparison;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

import static dev.clave.internal.Preconditions.between;

/**
 * Assertions on a {@link ProfileComparison} of a candidate profile with a baseline.
 *
 * <pre>{@code
 * assertThat(ProfileComparator.defaults().compare(v1, v2)).hasDrifted().changesRatesOn("benevolence");
 * }</pre>
 *
 * <p>The drift and rate assertions tell the listeners (reports) what was checked and whether it held
 * ({@link DriftEvent}). A failure message shows the summary and the full table: distances, p-values, source
 * identification and the rates of every value. Not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ProfileComparisonAssert extends AbstractAssert<ProfileComparisonAssert, ProfileComparison> {

    public ProfileComparisonAssert(ProfileComparison actual) {
        super(actual, ProfileComparisonAssert.class);
    }

    /**
     * Verifies that the candidate has not drifted by more than {@code tolerance}: the primary distance is not
     * significant, or its energy coefficient H is at most the tolerance.
     */
    public ProfileComparisonAssert hasNotDriftedBeyond(double tolerance) {
        between(tolerance, 0, 1, "tolerance");
        isNotNull();
        boolean held = !actual.driftedBeyond(tolerance);
        report(DriftEvent.Expectation.NO_DRIFT, tolerance, tolerance == 0 ? "has not drifted"
                : "has not drifted beyond H " + tolerance, held);
        if (!held) {
            throwAssertionError(ProfileShould.notDriftBeyond(actual, tolerance));
        }
        return myself;
    }

    /** Verifies that the primary distance is not significant. */
    public ProfileComparisonAssert hasNotDrifted() {
        return hasNotDriftedBeyond(0.0);
    }

    /** Verifies that the primary distance is significant: the candidate's answers moved. */
    public ProfileComparisonAssert hasDrifted() {
        isNotNull();
        boolean held = actual.drifted();
        report(DriftEvent.Expectation.DRIFT, 0.0, "has drifted", held);
        if (!held) {
            throwAssertionError(ProfileShould.drift(actual));
        }
        return myself;
    }

    /**
     * Verifies that the values whose {@code supports} or {@code opposes} rate changed significantly (exact McNemar, Holm)
     * are exactly these, in the value system's order; with no values, that no rate changed. Fails when the profiles
     * did not answer the same questions (rates are then not compared).
     */
    public ProfileComparisonAssert changesRatesOn(String... values) {
        isNotNull();
        List<String> expected = List.of(values);
        boolean held = actual.paired() && actual.changedValues().equals(expected);
        report(expected.isEmpty() ? DriftEvent.Expectation.NO_DRIFT : DriftEvent.Expectation.DRIFT, 0.0,
                expected.isEmpty() ? "changes no value's rates" : "changes the rates of " + String.join(", ", expected), held);
        if (!held) {
            throwAssertionError(ProfileShould.changeRatesExactly(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the scores of each of these values shifted significantly (energy distance of the value's scores,
     * Holm-corrected across values); other values may have shifted too.
     */
    public ProfileComparisonAssert hasShiftedOn(String... values) {
        isNotNull();
        List<String> expected = List.of(values);
        expected.forEach(actual::shift);
        boolean held = actual.shiftedValues().containsAll(expected);
        report(DriftEvent.Expectation.DRIFT, 0.0, "has shifted on " + String.join(", ", expected), held);
        if (!held) {
            throwAssertionError(ProfileShould.shiftOn(actual, expected));
        }
        return myself;
    }

    /** Verifies that no value's scores shifted significantly. */
    public ProfileComparisonAssert hasNoShift() {
        isNotNull();
        boolean held = actual.shiftedValues().isEmpty();
        report(DriftEvent.Expectation.NO_DRIFT, 0.0, "has no value shifted", held);
        if (!held) {
            throwAssertionError(ProfileShould.shiftOn(actual, List.of()));
        }
        return myself;
    }

    /** Verifies that no value's rate changed significantly. */
    public ProfileComparisonAssert hasNoRateChange() {
        return changesRatesOn();
    }

    /** Verifies that the probe tells the two profiles' answers apart no better than {@code maximum} accuracy. */
    public ProfileComparisonAssert hasSourceAccuracyAtMost(double maximum) {
        between(maximum, 0, 1, "maximum accuracy");
        isNotNull();
        if (actual.primary().identification().accuracy() > maximum) {
            throwAssertionError(ProfileShould.haveSourceAccuracy(actual, "at most", maximum));
        }
        return myself;
    }

    /** Verifies that the probe tells the two profiles' answers apart with at least {@code minimum} accuracy. */
    public ProfileComparisonAssert hasSourceAccuracyAtLeast(double minimum) {
        between(minimum, 0, 1, "minimum accuracy");
        isNotNull();
        if (actual.primary().identification().accuracy() < minimum) {
            throwAssertionError(ProfileShould.haveSourceAccuracy(actual, "at least", minimum));
        }
        return myself;
    }

    private void report(DriftEvent.Expectation expectation, double tolerance, String description, boolean held) {
        ClaveEvents.publish(ClaveListener::driftChecked, new DriftEvent(actual, expectation, tolerance, description, held));
    }
}
