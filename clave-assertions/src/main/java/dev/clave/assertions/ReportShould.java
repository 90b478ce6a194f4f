package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.ValueProfile;
import dev.clave.gate.GateReport;
import dev.clave.gate.RegressionReport;
import dev.clave.gate.RuleResult;
import dev.clave.gate.ValueComparison;
import dev.clave.internal.Printable;
import org.assertj.core.description.Description;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

import java.util.List;

/**
 * The one factory of failure messages about value profiles, gate reports and regression reports. Each shows the
 * one-line summary as the actual value, what was expected, what was found, and then the full table.
 */
final class ReportShould extends BasicErrorMessageFactory {

    private ReportShould(String format, Object... arguments) {
        super(format, arguments);
    }

    /** The message, with every control character that came from data (an ANSI escape code, a bell) shown escaped. */
    @Override
    public String create(Description description, Representation representation) {
        return Printable.escapeKeepingLines(super.create(description, representation));
    }

    static ErrorMessageFactory haveEvaluations(ValueProfile actual, int expected) {
        return new ReportShould("%nExpecting value profile:%n  %s%nto count %s evaluations,%nbut it counts %s.",
                unquotedString(actual.toString()), unquotedString(Integer.toString(expected)),
                unquotedString(Integer.toString(actual.evaluations())));
    }

    static ErrorMessageFactory haveRate(ValueProfile actual, String value, Label label, String comparison, double bound) {
        ValueProfile.ValueCounts counts = actual.counts(value);
        return new ReportShould("%nExpecting value profile:%n  %s%nto have a rate of %s of " + comparison + " %s for value %s,"
                + "%nbut it is %s (%s of %s evaluations).%n%n%s", unquotedString(actual.toString()), unquotedString(label.wire()),
                unquotedString(Double.toString(bound)), value, unquotedString(Rendering.p(counts.rate(label))),
                unquotedString(Integer.toString(counts.count(label))), unquotedString(Integer.toString(counts.total())),
                unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory haveOutcome(GateReport actual, GateReport.Outcome expected) {
        return new ReportShould("%nExpecting value gate:%n  %s%nto be %s,%nbut it is %s:%n%n%s", unquotedString(actual.summary()),
                unquotedString(expected.toString()), unquotedString(actual.outcome().toString()),
                unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory breakExactly(GateReport actual, String how, List<String> expected, List<String> found) {
        return new ReportShould("%nExpecting value gate:%n  %s%nto " + how + " on exactly %s,%nbut it does on %s:%n%n%s",
                unquotedString(actual.summary()), expected, found, unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory haveNoRegression(RegressionReport actual) {
        String found;
        if (actual.tooFewCases()) {
            found = actual.tooFewCasesReason();
        } else {
            found = "these values regressed: " + String.join(", ", actual.regressions().stream().map(ValueComparison::value).toList());
        }
        return new ReportShould("%nExpecting regression gate:%n  %s%nto find no regression,%nbut %s%n%n%s",
                unquotedString(actual.summary()), unquotedString(found), unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory regressExactly(RegressionReport actual, List<String> expected, List<String> found) {
        return new ReportShould("%nExpecting regression gate:%n  %s%nto find regressions on exactly %s,%nbut found them on %s:%n%n%s",
                unquotedString(actual.summary()), expected, found, unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory haveTooFewCases(RegressionReport actual, boolean expected) {
        return new ReportShould("%nExpecting regression gate:%n  %s%nto have " + (expected ? "too few" : "enough")
                + " cases to decide,%nbut it had %s paired prompts (it needs %s).%n%n%s", unquotedString(actual.summary()),
                unquotedString(Integer.toString(actual.pairs())),
                unquotedString(Integer.toString(Math.max(actual.minimumPairs(), actual.requiredPairs()))),
                unquotedString(actual.table().stripTrailing()));
    }

    static List<String> values(List<RuleResult> results) {
        return results.stream().map(r -> r.rule().value()).distinct().toList();
    }
}
