package dev.clave.profile;

import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;

/**
 * How well a linear probe tells two profiles' answers apart, cross-validated: the accuracy on held-out answers with
 * its Wilson interval. 0.5 is chance: the answers are indistinguishable; 1.0 means every held-out answer was traced to
 * its model. Paired (both profiles answered the same questions), a held-out question's two answers are told apart
 * from each other, and the interval counts questions; unpaired, each held-out answer is assigned to the nearer
 * profile.
 *
 * @param correct  held-out questions (paired) or answers (unpaired) assigned to the right profile
 * @param total    held-out questions or answers
 * @param interval the Wilson interval of the accuracy
 * @param folds    the cross-validation folds
 * @param paired   whether the probe told the two answers of each question apart
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SourceIdentification(int correct, int total, WilsonInterval interval, int folds, boolean paired) {

    public SourceIdentification {
        atLeast(correct, 0, "correct");
        atLeast(total, 1, "total");
        notNull(interval, "interval");
        atLeast(folds, 2, "folds");
    }

    /** The held-out accuracy, {@code correct / total}. */
    public double accuracy() {
        return (double) correct / total;
    }

    /** Whether the interval holds 0.5: the probe does no better than chance. */
    public boolean indistinguishable() {
        return interval.lower() <= 0.5 && interval.upper() >= 0.5;
    }

    /** E.g. {@code 0.621 [0.500, 0.729] (41/66 questions, 10 folds)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d %s, %d folds)", accuracy(), interval.lower(),
                interval.upper(), correct, total, paired ? "questions" : "answers", folds);
    }
}
