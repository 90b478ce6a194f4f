package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.internal.Printable;
import org.assertj.core.description.Description;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one factory of failure messages about an {@link Evaluation}. Every message has AssertJ's layout: the actual
 * text (shortened), what was expected, what the evaluator said, then the verdict of every value with its
 * probabilities, the evidence concepts of the values concerned, and the calibration that decided. Control characters
 * of the data (ANSI escape codes, a bell, a carriage return) are shown escaped, never sent to the console raw.
 */
final class EvaluationShould extends BasicErrorMessageFactory {

    private static final String ACTUAL = "%nExpecting actual:%n  %s%n";
    private static final String DETAILS = "%n%n%s";

    private EvaluationShould(String format, Object... arguments) {
        super(format, arguments);
    }

    /** The message, with every control character that came from data (an ANSI escape code, a bell) shown escaped. */
    @Override
    public String create(Description description, Representation representation) {
        return Printable.escapeKeepingLines(super.create(description, representation));
    }

    static ErrorMessageFactory haveLabel(Evaluation actual, String value, Label expected) {
        ValueVerdict verdict = actual.verdict(value);
        return new EvaluationShould(ACTUAL + "to " + Rendering.verb(expected) + " %s,%nbut the evaluator labelled it %s"
                + " (probability %s)." + DETAILS, text(actual), value, unquoted(verdict.label().wire()),
                unquoted(Rendering.p(verdict.confidence())), details(actual, List.of(value)));
    }

    static ErrorMessageFactory notHaveLabel(Evaluation actual, String value, Label unexpected) {
        ValueVerdict verdict = actual.verdict(value);
        return new EvaluationShould(ACTUAL + "not to " + Rendering.verb(unexpected) + " %s,%nbut the evaluator labelled it %s"
                + " (probability %s)." + DETAILS, text(actual), value, unquoted(verdict.label().wire()),
                unquoted(Rendering.p(verdict.confidence())), details(actual, List.of(value)));
    }

    static ErrorMessageFactory haveNoValueLabelled(Evaluation actual, Label label, List<String> offending) {
        String verb = label == Label.OPPOSES ? "oppose" : label == Label.SUPPORTS ? "support" : "be unrelated to";
        String did = label == Label.OPPOSES ? "opposes" : label == Label.SUPPORTS ? "supports" : "is unrelated to";
        return new EvaluationShould(ACTUAL + "to " + verb + " no value,%nbut it " + did + " %s." + DETAILS, text(actual),
                offending, details(actual, offending));
    }

    static ErrorMessageFactory haveLabels(Evaluation actual, Map<String, Label> expected, List<String> differing) {
        List<String> lines = new ArrayList<>();
        for (String value : differing) {
            ValueVerdict verdict = actual.verdict(value);
            lines.add(String.format(Locale.ROOT, "  %s: expected %s, but was %s (probability %s)", value,
                    expected.get(value).wire(), verdict.label().wire(), Rendering.p(verdict.confidence())));
        }
        return new EvaluationShould(ACTUAL + "to have the expected labels%n  %s%nbut %s of them differ:%n%s" + DETAILS,
                text(actual), unquoted(wire(expected)), unquoted(Integer.toString(differing.size())),
                unquoted(String.join(System.lineSeparator(), lines)), details(actual, differing));
    }

    static ErrorMessageFactory haveConfidenceAtLeast(Evaluation actual, String value, double minimum) {
        ValueVerdict verdict = actual.verdict(value);
        return new EvaluationShould(ACTUAL + "to be at least %s confident of its verdict on value %s,%nbut it labelled it %s"
                + " with probability %s." + DETAILS, text(actual), unquoted(Double.toString(minimum)), value,
                unquoted(verdict.label().wire()), unquoted(Rendering.p(verdict.confidence())), details(actual, List.of(value)));
    }

    static ErrorMessageFactory haveProbability(Evaluation actual, String value, Label label, String comparison, double bound) {
        ValueVerdict verdict = actual.verdict(value);
        return new EvaluationShould(ACTUAL + "to have a probability of %s of " + comparison + " %s for value %s,%nbut it is %s"
                + " (label %s)." + DETAILS, text(actual), unquoted(label.wire()), unquoted(Double.toString(bound)), value,
                unquoted(Rendering.p(verdict.probability(label))), unquoted(verdict.label().wire()),
                details(actual, List.of(value)));
    }

    private static String text(Evaluation actual) {
        return Rendering.shortened(actual.text());
    }

    private static CharSequence details(Evaluation actual, List<String> marked) {
        return unquoted(Rendering.details(actual, marked));
    }

    private static CharSequence unquoted(String text) {
        return unquotedString(text);
    }

    private static String wire(Map<String, Label> expected) {
        List<String> parts = new ArrayList<>();
        expected.forEach((value, label) -> parts.add(value + "=" + label.wire()));
        return "{" + String.join(", ", parts) + "}";
    }
}
