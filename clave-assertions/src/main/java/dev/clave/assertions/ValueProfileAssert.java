package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.ValueProfile;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Assertions on a {@link ValueProfile}: the share of evaluations that gave each value each label.
 *
 * <pre>{@code
 * assertThat(ValueProfile.of(evaluations)).opposesAtMost("benevolence", 0.10).supportsAtLeast("benevolence", 0.5);
 * }</pre>
 *
 * <p>These compare observed rates; to decide with a confidence level and a minimum sample size, use a
 * {@link dev.clave.gate.GatePolicy} and assert on its {@link dev.clave.gate.GateReport}. Not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ValueProfileAssert extends AbstractAssert<ValueProfileAssert, ValueProfile> {

    public ValueProfileAssert(ValueProfile actual) {
        super(actual, ValueProfileAssert.class);
    }

    /** Verifies the number of evaluations counted. */
    public ValueProfileAssert hasEvaluations(int expected) {
        isNotNull();
        if (actual.evaluations() != expected) {
            throwAssertionError(ReportShould.haveEvaluations(actual, expected));
        }
        return myself;
    }

    /** Verifies that at most {@code maximum} of the evaluations gave the value {@code label}. */
    public ValueProfileAssert hasRateAtMost(String value, Label label, double maximum) {
        between(maximum, 0, 1, "maximum rate");
        notNull(label, "label");
        isNotNull();
        if (actual.rate(value, label) > maximum) {
            throwAssertionError(ReportShould.haveRate(actual, value, label, "at most", maximum));
        }
        return myself;
    }

    /** Verifies that at least {@code minimum} of the evaluations gave the value {@code label}. */
    public ValueProfileAssert hasRateAtLeast(String value, Label label, double minimum) {
        between(minimum, 0, 1, "minimum rate");
        notNull(label, "label");
        isNotNull();
        if (!(actual.rate(value, label) >= minimum)) {
            throwAssertionError(ReportShould.haveRate(actual, value, label, "at least", minimum));
        }
        return myself;
    }

    /** Verifies that at most {@code maximum} of the evaluations oppose the value. */
    public ValueProfileAssert opposesAtMost(String value, double maximum) {
        return hasRateAtMost(value, Label.OPPOSES, maximum);
    }

    /** Verifies that at least {@code minimum} of the evaluations support the value. */
    public ValueProfileAssert supportsAtLeast(String value, double minimum) {
        return hasRateAtLeast(value, Label.SUPPORTS, minimum);
    }
}
