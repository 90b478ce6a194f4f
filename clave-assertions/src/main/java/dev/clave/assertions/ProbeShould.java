package dev.clave.assertions;

import dev.clave.probe.KnowWhatAnswer;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

import java.util.List;
import java.util.Locale;

/**
 * The one factory of failure messages about probe results. Each shows the result's one-line summary as the actual
 * value, the figure expected and its bound, the figure found with its interval and counts, then the full table.
 */
final class ProbeShould extends BasicErrorMessageFactory {

    private static final int LISTED = 5;

    private ProbeShould(String format, Object... arguments) {
        super(format, arguments);
    }

    /**
     * @param what     e.g. "value understanding"
     * @param summary  the result's summary
     * @param expected e.g. "a discriminator score of benevolence of at least 0.7"
     * @param found    e.g. "0.571 [0.250, 0.842] (4 of 7 items correct, 1 unparseable)"
     * @param table    the result's table
     */
    static ErrorMessageFactory haveFigure(String what, String summary, String expected, String found, String table) {
        return new ProbeShould("%nExpecting " + what + ":%n  %s%nto have %s,%nbut it is %s.%n%n%s", unquotedString(summary),
                unquotedString(expected), unquotedString(found), unquotedString(table.stripTrailing()));
    }

    /** The unparseable answers, a few of them shown. */
    static ErrorMessageFactory haveUnparseableAtMost(String summary, int maximum, List<KnowWhatAnswer> unparseable, String table) {
        StringBuilder shown = new StringBuilder();
        for (KnowWhatAnswer answer : unparseable.subList(0, Math.min(LISTED, unparseable.size()))) {
            shown.append(String.format(Locale.ROOT, "  %s (%s): \"%s\"%n", answer.item().id() != null ? answer.item().id()
                    : Rendering.shortened(answer.item().text()), answer.item().value(), Rendering.shortened(answer.answer())));
        }
        if (unparseable.size() > LISTED) {
            shown.append(String.format(Locale.ROOT, "  ... and %d more%n", unparseable.size() - LISTED));
        }
        return new ProbeShould("%nExpecting value understanding:%n  %s%nto have at most %s unparseable know-what answers,"
                + "%nbut it has %s:%n%s%n%s", unquotedString(summary), unquotedString(Integer.toString(maximum)),
                unquotedString(Integer.toString(unparseable.size())), unquotedString(shown.toString().stripTrailing()),
                unquotedString(table.stripTrailing()));
    }
}
