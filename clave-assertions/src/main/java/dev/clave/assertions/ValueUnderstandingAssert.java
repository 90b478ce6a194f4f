package dev.clave.assertions;

import dev.clave.ClaveConfigurationException;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.ProbeAssertionEvent;
import dev.clave.probe.KnowWhatAnswer;
import dev.clave.probe.UnderstandingFigures;
import dev.clave.probe.ValueUnderstanding;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

import static dev.clave.internal.Preconditions.between;

/**
 * Assertions on a {@link ValueUnderstanding}, the result of a VUM probe: the discriminator score (know-what), the
 * critique score (know-why) and their gap, over all items or for one value.
 *
 * <pre>{@code
 * assertThat(result)
 *         .discriminatorAccuracyAtLeast(0.7)
 *         .discriminatorAccuracyAtLeast("benevolence", 0.6)
 *         .gapAtMost(0.15);
 * }</pre>
 *
 * <p>Bounds are compared with the observed figures; a failure message shows the figure's interval (Wilson for the
 * discriminator score, bootstrap for critique and gap), its counts and the table of every value. {@link #gapUpperBoundAtMost}
 * asks for the whole bootstrap interval instead. An unknown value, or a critique or gap assertion on a result without
 * know-why, is a mistake in the test and throws, naming the fix. Each assertion tells the listeners (reports) what it
 * checked. Not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ValueUnderstandingAssert extends AbstractAssert<ValueUnderstandingAssert, ValueUnderstanding> {

    public ValueUnderstandingAssert(ValueUnderstanding actual) {
        super(actual, ValueUnderstandingAssert.class);
    }

    /** Verifies that the discriminator score over all items is at least {@code minimum}. */
    public ValueUnderstandingAssert discriminatorAccuracyAtLeast(double minimum) {
        return discriminator(null, minimum, true);
    }

    /** Verifies that the discriminator score of one value's items is at least {@code minimum}. */
    public ValueUnderstandingAssert discriminatorAccuracyAtLeast(String value, double minimum) {
        return discriminator(value, minimum, true);
    }

    /** Verifies that the discriminator score over all items is at most {@code maximum}, e.g. of a known-bad model. */
    public ValueUnderstandingAssert discriminatorAccuracyAtMost(double maximum) {
        return discriminator(null, maximum, false);
    }

    /** Verifies that the discriminator score of one value's items is at most {@code maximum}. */
    public ValueUnderstandingAssert discriminatorAccuracyAtMost(String value, double maximum) {
        return discriminator(value, maximum, false);
    }

    /** Verifies that the critique score over all items is at least {@code minimum}. */
    public ValueUnderstandingAssert critiqueScoreAtLeast(double minimum) {
        return critique(null, minimum, true);
    }

    /** Verifies that the critique score of one value's items is at least {@code minimum}. */
    public ValueUnderstandingAssert critiqueScoreAtLeast(String value, double minimum) {
        return critique(value, minimum, true);
    }

    /** Verifies that the critique score over all items is at most {@code maximum}. */
    public ValueUnderstandingAssert critiqueScoreAtMost(double maximum) {
        return critique(null, maximum, false);
    }

    /** Verifies that the critique score of one value's items is at most {@code maximum}. */
    public ValueUnderstandingAssert critiqueScoreAtMost(String value, double maximum) {
        return critique(value, maximum, false);
    }

    /** Verifies that the gap (discriminator minus critique) over all items is at most {@code maximum}. */
    public ValueUnderstandingAssert gapAtMost(double maximum) {
        return gap(null, maximum, false, false);
    }

    /** Verifies that the gap of one value's items is at most {@code maximum}. */
    public ValueUnderstandingAssert gapAtMost(String value, double maximum) {
        return gap(value, maximum, false, false);
    }

    /** Verifies that the gap over all items is at least {@code minimum}, e.g. of a model that labels better than it explains. */
    public ValueUnderstandingAssert gapAtLeast(double minimum) {
        return gap(null, minimum, true, false);
    }

    /** Verifies that the gap of one value's items is at least {@code minimum}. */
    public ValueUnderstandingAssert gapAtLeast(String value, double minimum) {
        return gap(value, minimum, true, false);
    }

    /** Verifies that the whole bootstrap interval of the gap over all items lies at or below {@code maximum}. */
    public ValueUnderstandingAssert gapUpperBoundAtMost(double maximum) {
        return gap(null, maximum, false, true);
    }

    /** Verifies that at most {@code maximum} know-what answers had no answer letter. */
    public ValueUnderstandingAssert unparseableAtMost(int maximum) {
        isNotNull();
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum must be at least 0, but is: " + maximum);
        }
        int found = actual.overall().unparseable();
        boolean held = found <= maximum;
        report(null, "unparseable", false, maximum, found, held, "unparseable know-what answers at most " + maximum);
        if (!held) {
            throwAssertionError(ProbeShould.haveUnparseableAtMost(actual.summary(), maximum,
                    actual.answers(KnowWhatAnswer.Outcome.UNPARSEABLE), actual.table()));
        }
        return myself;
    }

    private ValueUnderstandingAssert discriminator(@Nullable String value, double bound, boolean atLeast) {
        between(bound, 0, 1, atLeast ? "minimum score" : "maximum score");
        isNotNull();
        UnderstandingFigures f = actual.figures(value);
        double found = f.discriminatorScore();
        String detail = String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d of %d items correct, %d wrong, %d unparseable)",
                found, f.discriminator().lower(), f.discriminator().upper(), f.correct(), f.items(), f.wrong(), f.unparseable());
        return check(value, "discriminator", "a discriminator score", atLeast, bound, found, detail);
    }

    private ValueUnderstandingAssert critique(@Nullable String value, double bound, boolean atLeast) {
        between(bound, 0, 1, atLeast ? "minimum score" : "maximum score");
        isNotNull();
        UnderstandingFigures f = knowWhy(value, "critique score");
        double found = f.critiqueScore();
        String detail = String.format(Locale.ROOT, "%s (attribution %.3f, counterfactual %.3f, rebuttal %.3f; %d explanations"
                + " scored, %d unscored)", interval(found, f.critique().lower(), f.critique().upper(), false), f.attribution(),
                f.counterfactual(), f.rebuttal(), f.scored(), f.unscored());
        return check(value, "critique", "a critique score", atLeast, bound, found, detail);
    }

    private ValueUnderstandingAssert gap(@Nullable String value, double bound, boolean atLeast, boolean upperBound) {
        between(bound, -1, 1, atLeast ? "minimum gap" : "maximum gap");
        isNotNull();
        UnderstandingFigures f = knowWhy(value, "gap");
        double found = upperBound ? f.gap().upper() : f.gapScore();
        String detail = String.format(Locale.ROOT, "%s (discriminator %.3f minus critique %.3f)",
                interval(f.gapScore(), f.gap().lower(), f.gap().upper(), true), f.discriminatorScore(), f.critiqueScore());
        if (upperBound) {
            detail = String.format(Locale.ROOT, "%+.3f, the upper bound of %s", found, detail);
        }
        return check(value, "gap", upperBound ? "a gap whose bootstrap interval lies" : "a gap", atLeast, bound, found,
                detail);
    }

    private ValueUnderstandingAssert check(@Nullable String value, String figure, String phrase, boolean atLeast, double bound,
                                           double found, String detail) {
        boolean held = !Double.isNaN(found) && (atLeast ? found >= bound : found <= bound);
        String comparison = atLeast ? "at least" : "at most";
        String subject = value == null ? "" : " of " + value;
        report(value, figure, atLeast, bound, found, held, figure + subject + " " + comparison + " " + bound);
        if (!held) {
            throwAssertionError(ProbeShould.haveFigure("value understanding", actual.summary(),
                    phrase + subject + " of " + comparison + " " + bound, Double.isNaN(found) ? "undefined: " + detail : detail,
                    actual.table()));
        }
        return myself;
    }

    private UnderstandingFigures knowWhy(@Nullable String value, String figure) {
        if (!actual.hasKnowWhy()) {
            throw new ClaveConfigurationException("The value-understanding result of " + actual.model() + " has no know-why,"
                    + " so it has no " + figure + ": run the probe with a judge (ValueUnderstandingProbe.run, or"
                    + " ClaveProbes.valueUnderstanding with a configured judge) instead of know-what alone.");
        }
        return actual.figures(value);
    }

    private void report(@Nullable String value, String figure, boolean atLeast, double bound, double found, boolean held,
                        String description) {
        ClaveEvents.publish(ClaveListener::probeAssertionChecked, new ProbeAssertionEvent(
                ProbeAssertionEvent.Probe.VALUE_UNDERSTANDING, actual.model(), value, figure,
                atLeast ? ProbeAssertionEvent.Comparison.AT_LEAST : ProbeAssertionEvent.Comparison.AT_MOST, bound, found, held,
                description));
    }

    private static String interval(double estimate, double lower, double upper, boolean signed) {
        return String.format(Locale.ROOT, signed ? "%+.3f [%+.3f, %+.3f]" : "%.3f [%.3f, %.3f]", estimate, lower, upper);
    }
}
