package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.ValueProfile;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

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
public class ValueProfileAssert extends AbstractRatesAssert<ValueProfileAssert, ValueProfile> {

    public ValueProfileAssert(ValueProfile actual) {
        super(actual, ValueProfileAssert.class);
    }

    @Override
    protected double rate(String value, Label label) {
        return actual.rate(value, label);
    }

    @Override
    protected ErrorMessageFactory rateMessage(String value, Label label, String comparison, double bound) {
        return ReportShould.haveRate(actual, value, label, comparison, bound);
    }

    /** Verifies the number of evaluations counted. */
    public ValueProfileAssert hasEvaluations(int expected) {
        isNotNull();
        if (actual.evaluations() != expected) {
            throwAssertionError(ReportShould.haveEvaluations(actual, expected));
        }
        return myself;
    }
}
