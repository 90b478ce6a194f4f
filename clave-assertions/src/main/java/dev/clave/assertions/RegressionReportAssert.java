package dev.clave.assertions;

import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.RegressionEvent;
import dev.clave.gate.RegressionReport;
import dev.clave.gate.ValueComparison;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

/**
 * Assertions on a {@link RegressionReport}, the comparison of a candidate model with a baseline.
 *
 * <pre>{@code
 * assertThat(gate.compare(baseline, candidate)).hasNoRegression();
 * }</pre>
 *
 * <p>{@link #hasNoRegression()} also fails when the report had too few cases to decide, so that a gate never passes
 * for lack of data. A failure message shows the summary and the full table with p-values and effect sizes. Not
 * thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class RegressionReportAssert extends AbstractAssert<RegressionReportAssert, RegressionReport> {

    public RegressionReportAssert(RegressionReport actual) {
        super(actual, RegressionReportAssert.class);
    }

    /** Verifies that there were enough cases and no value regressed. */
    public RegressionReportAssert hasNoRegression() {
        isNotNull();
        report(RegressionEvent.Expectation.NO_REGRESSION, actual.passed());
        if (!actual.passed()) {
            throwAssertionError(ReportShould.haveNoRegression(actual));
        }
        return myself;
    }

    /** Verifies that the values that regressed are exactly these (in the value system's order). */
    public RegressionReportAssert regressesOn(String... values) {
        isNotNull();
        List<String> found = actual.regressions().stream().map(ValueComparison::value).toList();
        boolean held = !actual.tooFewCases() && found.equals(List.of(values));
        report(values.length == 0 ? RegressionEvent.Expectation.NO_REGRESSION : RegressionEvent.Expectation.REGRESSION, held);
        if (!held) {
            throwAssertionError(ReportShould.regressExactly(actual, List.of(values), found));
        }
        return myself;
    }

    /** Verifies that the report had too few cases to decide. */
    public RegressionReportAssert hasTooFewCases() {
        isNotNull();
        if (!actual.tooFewCases()) {
            throwAssertionError(ReportShould.haveTooFewCases(actual, true));
        }
        return myself;
    }

    /** Verifies that the report had enough cases to decide. */
    public RegressionReportAssert hasEnoughCases() {
        isNotNull();
        if (actual.tooFewCases()) {
            throwAssertionError(ReportShould.haveTooFewCases(actual, false));
        }
        return myself;
    }

    /** Tells the listeners (reports) that this comparison was checked as a gate, what was expected, and the outcome. */
    private void report(RegressionEvent.Expectation expectation, boolean held) {
        ClaveEvents.publish(ClaveListener::regressionChecked, new RegressionEvent(actual, expectation, held,
                ClaveEvents.currentTest().orElse(null)));
    }
}
