package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.event.AssertionEvent;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Assertions on an {@link Evaluation}: what the calibrated evaluator said about a text, value by value.
 *
 * <pre>{@code
 * assertThat(clave.evaluate(answer))
 *         .opposesNothing()
 *         .supports("benevolence")
 *         .hasConfidenceAtLeast("benevolence", 0.6);
 * }</pre>
 *
 * <p>A failure message shows the text (shortened), what was expected and what the evaluator said, the verdict of
 * every value with its probabilities, the evidence concepts of the values concerned (each with the nearest calibrated
 * cluster: its medoid concept and the human label of the medoid's text) and the calibration id, so that a reader sees why without a debugger. A value id the value
 * system does not have is a mistake in the test, not a failed expectation: it throws
 * {@link dev.clave.value.UnknownValueException} listing the valid ids, also inside soft assertions.
 *
 * <p>Get one from {@link ClaveAssertions#assertThat(Evaluation)} or, softly, from {@link ClaveSoftAssertions}. Not
 * thread-safe, like every AssertJ assertion object.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class EvaluationAssert extends AbstractAssert<EvaluationAssert, Evaluation> {

    public EvaluationAssert(Evaluation actual) {
        super(actual, EvaluationAssert.class);
    }

    /** Verifies that the text supports the value. */
    public EvaluationAssert supports(String value) {
        return hasLabel(value, Label.SUPPORTS);
    }

    /** Verifies that the text opposes the value. */
    public EvaluationAssert opposes(String value) {
        return hasLabel(value, Label.OPPOSES);
    }

    /** Verifies that the text is unrelated to the value. */
    public EvaluationAssert isUnrelatedTo(String value) {
        return hasLabel(value, Label.UNRELATED);
    }

    /** Verifies that the evaluator gave the value this label. */
    public EvaluationAssert hasLabel(String value, Label label) {
        notNull(label, "label");
        isNotNull();
        boolean held = actual.verdict(value).label() == label;
        report(List.of(value), label.wire() + " " + value, held);
        if (!held) {
            throwAssertionError(EvaluationShould.haveLabel(actual, value, label));
        }
        return myself;
    }

    /** Verifies that the text does not oppose the value (it supports it or is unrelated). */
    public EvaluationAssert doesNotOppose(String value) {
        return doesNotHaveLabel(value, Label.OPPOSES);
    }

    /** Verifies that the text does not support the value: for value systems of harms, it does not promote the harm. */
    public EvaluationAssert doesNotSupport(String value) {
        return doesNotHaveLabel(value, Label.SUPPORTS);
    }

    /** Verifies that the evaluator did not give the value this label. */
    public EvaluationAssert doesNotHaveLabel(String value, Label label) {
        notNull(label, "label");
        isNotNull();
        boolean held = actual.verdict(value).label() != label;
        report(List.of(value), "not " + label.wire() + " " + value, held);
        if (!held) {
            throwAssertionError(EvaluationShould.notHaveLabel(actual, value, label));
        }
        return myself;
    }

    /** Verifies that the text opposes no value of the value system. */
    public EvaluationAssert opposesNothing() {
        return hasNoValueLabelled(Label.OPPOSES);
    }

    /** Verifies that the text supports no value: for value systems of harms, it promotes none of them. */
    public EvaluationAssert supportsNothing() {
        return hasNoValueLabelled(Label.SUPPORTS);
    }

    private EvaluationAssert hasNoValueLabelled(Label label) {
        isNotNull();
        List<String> offending = actual.valuesLabelled(label);
        report(actual.valueIds(), label.wire() + " no value", offending.isEmpty());
        if (!offending.isEmpty()) {
            throwAssertionError(EvaluationShould.haveNoValueLabelled(actual, label, offending));
        }
        return myself;
    }

    /**
     * Verifies every expected label at once, e.g. the expectations of a case file; the message lists each value that
     * differs. Values not in the map are not checked.
     *
     * @throws dev.clave.value.UnknownValueException when a key is not a value of the evaluation's value system
     */
    public EvaluationAssert hasLabels(Map<String, Label> expected) {
        notNull(expected, "expected labels");
        isNotNull();
        Map<String, Label> ordered = new LinkedHashMap<>();
        for (String value : actual.valueIds()) {
            if (expected.containsKey(value)) {
                ordered.put(value, expected.get(value));
            }
        }
        for (String value : expected.keySet()) {
            actual.verdict(value);
        }
        List<String> differing = new ArrayList<>();
        ordered.forEach((value, label) -> {
            if (actual.verdict(value).label() != label) {
                differing.add(value);
            }
        });
        report(List.copyOf(ordered.keySet()), "labels " + ordered, differing.isEmpty());
        if (!differing.isEmpty()) {
            throwAssertionError(EvaluationShould.haveLabels(actual, ordered, differing));
        }
        return myself;
    }

    /** Verifies that the probability of the label the evaluator chose for the value is at least {@code minimum}. */
    public EvaluationAssert hasConfidenceAtLeast(String value, double minimum) {
        between(minimum, 0, 1, "minimum confidence");
        isNotNull();
        ValueVerdict verdict = actual.verdict(value);
        report(List.of(value), "confidence of " + value + " at least " + minimum, verdict.confidence() >= minimum);
        if (verdict.confidence() < minimum) {
            throwAssertionError(EvaluationShould.haveConfidenceAtLeast(actual, value, minimum));
        }
        return myself;
    }

    /** Verifies that the probability of {@code label} for the value is at least {@code minimum}. */
    public EvaluationAssert hasProbabilityAtLeast(String value, Label label, double minimum) {
        between(minimum, 0, 1, "minimum probability");
        notNull(label, "label");
        isNotNull();
        report(List.of(value), "probability of " + label.wire() + " " + value + " at least " + minimum,
                actual.verdict(value).probability(label) >= minimum);
        if (actual.verdict(value).probability(label) < minimum) {
            throwAssertionError(EvaluationShould.haveProbability(actual, value, label, "at least", minimum));
        }
        return myself;
    }

    /** Verifies that the probability of {@code label} for the value is at most {@code maximum}. */
    public EvaluationAssert hasProbabilityAtMost(String value, Label label, double maximum) {
        between(maximum, 0, 1, "maximum probability");
        notNull(label, "label");
        isNotNull();
        report(List.of(value), "probability of " + label.wire() + " " + value + " at most " + maximum,
                actual.verdict(value).probability(label) <= maximum);
        if (actual.verdict(value).probability(label) > maximum) {
            throwAssertionError(EvaluationShould.haveProbability(actual, value, label, "at most", maximum));
        }
        return myself;
    }

    /** Tells the listeners (reports) which values this assertion looked at, and whether it held. */
    private void report(List<String> values, String description, boolean held) {
        ClaveEvents.publish(ClaveListener::assertionChecked, new AssertionEvent(actual, values, description, held));
    }
}
