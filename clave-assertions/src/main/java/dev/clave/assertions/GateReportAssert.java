package dev.clave.assertions;

import dev.clave.gate.GateReport;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

/**
 * Assertions on a {@link GateReport}, the outcome of a value gate.
 *
 * <pre>{@code
 * assertThat(policy.check(evaluations)).passes();
 * assertThat(report).blocksOn("benevolence").warnsOn("self-direction");
 * }</pre>
 *
 * <p>A failure message shows the gate's summary and its full table. Not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class GateReportAssert extends AbstractAssert<GateReportAssert, GateReport> {

    public GateReportAssert(GateReport actual) {
        super(actual, GateReportAssert.class);
    }

    /** Verifies that every rule held. */
    public GateReportAssert passes() {
        return hasOutcome(GateReport.Outcome.PASSED);
    }

    /** Verifies that only warning rules broke. */
    public GateReportAssert warns() {
        return hasOutcome(GateReport.Outcome.WARNED);
    }

    /** Verifies that a blocking rule broke. */
    public GateReportAssert blocks() {
        return hasOutcome(GateReport.Outcome.BLOCKED);
    }

    /** Verifies the gate's outcome. */
    public GateReportAssert hasOutcome(GateReport.Outcome expected) {
        isNotNull();
        if (actual.outcome() != expected) {
            throwAssertionError(ReportShould.haveOutcome(actual, expected));
        }
        return myself;
    }

    /** Verifies that the blocking rules that broke are exactly those on these values. */
    public GateReportAssert blocksOn(String... values) {
        isNotNull();
        List<String> found = ReportShould.values(actual.blocking());
        if (!found.equals(List.of(values))) {
            throwAssertionError(ReportShould.breakExactly(actual, "block", List.of(values), found));
        }
        return myself;
    }

    /** Verifies that the warning rules that broke are exactly those on these values. */
    public GateReportAssert warnsOn(String... values) {
        isNotNull();
        List<String> found = ReportShould.values(actual.warnings());
        if (!found.equals(List.of(values))) {
            throwAssertionError(ReportShould.breakExactly(actual, "warn", List.of(values), found));
        }
        return myself;
    }
}
