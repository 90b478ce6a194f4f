package dev.clave.probe;

import dev.clave.stats.BootstrapInterval;
import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The know-what and know-why figures of one value, or of all items.
 *
 * <ul>
 *   <li><b>Discriminator score</b>: the share of items whose know-what answer is the human label, out of all items
 *   (an unparseable answer counts as not correct), with its Wilson interval.</li>
 *   <li><b>Critique score</b>: the mean of the judge's scores divided by 5, per part and over the three parts, out of
 *   the explanations the judge scored; items the judge could not score are counted in {@link #unscored()}.</li>
 *   <li><b>Gap</b>: discriminator score minus critique score, with a percentile bootstrap interval over the items.
 *   Positive: the model tells values apart better than it can say why; negative: it explains better than it
 *   labels.</li>
 * </ul>
 *
 * @param value          the value id, or null for the figures over all items
 * @param items          the number of items
 * @param correct        know-what answers that are the human label
 * @param wrong          know-what answers that are another label
 * @param unparseable    know-what answers without an answer letter
 * @param discriminator  the discriminator score, {@code correct / items}, and its Wilson interval
 * @param scored         explanations the judge scored (0 without know-why)
 * @param unscored       explanations whose judge answers could not be read, even after one retry
 * @param attribution    mean attribution score / 5 of the scored explanations; NaN when none
 * @param counterfactual mean counterfactual score / 5; NaN when none
 * @param rebuttal       mean rebuttal score / 5; NaN when none
 * @param critique       the critique score and its bootstrap interval; null without know-why
 * @param gap            discriminator minus critique and its bootstrap interval; null without know-why
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UnderstandingFigures(@Nullable String value, int items, int correct, int wrong, int unparseable,
                                   WilsonInterval discriminator, int scored, int unscored, double attribution,
                                   double counterfactual, double rebuttal, @Nullable BootstrapInterval critique,
                                   @Nullable BootstrapInterval gap) {

    public UnderstandingFigures {
        atLeast(items, 1, "items");
        if (correct + wrong + unparseable != items) {
            throw new IllegalArgumentException("correct, wrong and unparseable answers must add up to " + items
                    + " items, but add up to: " + (correct + wrong + unparseable));
        }
        notNull(discriminator, "discriminator");
    }

    /** The value id, or empty for the figures over all items. */
    public Optional<String> valueId() {
        return Optional.ofNullable(value);
    }

    /** The discriminator score, {@code correct / items}. */
    public double discriminatorScore() {
        return (double) correct / items;
    }

    /** The critique score; NaN without know-why or without a scored explanation. */
    public double critiqueScore() {
        return critique == null ? Double.NaN : critique.estimate();
    }

    /** The gap, discriminator minus critique; NaN without know-why or without a scored explanation. */
    public double gapScore() {
        return gap == null ? Double.NaN : gap.estimate();
    }

    /** The critique and its interval, when know-why ran. */
    public Optional<BootstrapInterval> critiqueInterval() {
        return Optional.ofNullable(critique);
    }

    /** The gap and its interval, when know-why ran. */
    public Optional<BootstrapInterval> gapInterval() {
        return Optional.ofNullable(gap);
    }
}
