package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileComparison;
import dev.clave.profile.SourceIdentification;
import dev.clave.stats.WilsonInterval;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.Locale;

/**
 * The one factory of failure messages about value profiles and their comparisons. Each shows the profile's or
 * comparison's one-line summary as the actual value, what was expected, what was found, and then the full table.
 */
final class ProfileShould extends BasicErrorMessageFactory {

    private ProfileShould(String format, Object... arguments) {
        super(format, arguments);
    }

    static ErrorMessageFactory haveAnswers(ModelProfile actual, int expected) {
        return new ProfileShould("%nExpecting value profile:%n  %s%nto have %s answers,%nbut it has %s.",
                unquotedString(actual.summary()), unquotedString(Integer.toString(expected)),
                unquotedString(Integer.toString(actual.size())));
    }

    static ErrorMessageFactory haveRate(ModelProfile actual, String value, Label label, String comparison, double bound) {
        WilsonInterval interval = actual.interval(value, label, 0.95);
        return new ProfileShould("%nExpecting value profile:%n  %s%nto have a rate of %s of " + comparison + " %s for value %s,"
                + "%nbut it is %s (%s of %s answers; 95%% Wilson interval [%s, %s]).%n%n%s", unquotedString(actual.summary()),
                unquotedString(label.wire()), unquotedString(Double.toString(bound)), value,
                unquotedString(Rendering.p(interval.rate())), unquotedString(Integer.toString(interval.successes())),
                unquotedString(Integer.toString(interval.trials())), unquotedString(Rendering.p(interval.lower())),
                unquotedString(Rendering.p(interval.upper())), unquotedString(actual.table().stripTrailing()));
    }

    static ErrorMessageFactory notDriftBeyond(ProfileComparison actual, double tolerance) {
        var primary = actual.primary();
        String found = String.format(Locale.ROOT, "the %s moved: energy coefficient H %.4f > %s with p = %.4g <= alpha %s",
                primary.description(), primary.distance().coefficient(), tolerance, primary.distance().pValue(), actual.alpha());
        return comparison(actual, tolerance == 0 ? "not to have drifted" : "not to have drifted beyond H " + tolerance, found);
    }

    static ErrorMessageFactory drift(ProfileComparison actual) {
        var primary = actual.primary();
        String found = String.format(Locale.ROOT, "the %s did not move significantly: H %.4f, p = %.4g > alpha %s",
                primary.description(), primary.distance().coefficient(), primary.distance().pValue(), actual.alpha());
        return comparison(actual, "to have drifted", found);
    }

    static ErrorMessageFactory changeRatesExactly(ProfileComparison actual, List<String> expected) {
        String found = !actual.paired() ? "the profiles did not answer the same questions, so no rate was compared"
                : actual.changedValues().isEmpty() ? "no rate changed significantly"
                : "rates changed on " + String.join(", ", actual.changedValues());
        return comparison(actual, expected.isEmpty() ? "to change no value's rates"
                : "to change the rates of exactly " + String.join(", ", expected), found);
    }

    static ErrorMessageFactory shiftOn(ProfileComparison actual, List<String> expected) {
        String found = actual.shiftedValues().isEmpty() ? "no value shifted significantly"
                : "these values shifted: " + String.join(", ", actual.shiftedValues());
        return comparison(actual, expected.isEmpty() ? "to shift no value" : "to shift on " + String.join(", ", expected),
                found);
    }

    static ErrorMessageFactory haveSourceAccuracy(ProfileComparison actual, String comparison, double bound) {
        SourceIdentification identification = actual.primary().identification();
        return comparison(actual, "to have a source-identification accuracy of " + comparison + " " + bound,
                "it is " + identification);
    }

    private static ErrorMessageFactory comparison(ProfileComparison actual, String expected, String found) {
        return new ProfileShould("%nExpecting profile comparison:%n  %s%n%s,%nbut %s.%n%n%s", unquotedString(actual.summary()),
                unquotedString(expected), unquotedString(found), unquotedString(actual.table().stripTrailing()));
    }
}
