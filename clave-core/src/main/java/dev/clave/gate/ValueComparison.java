package dev.clave.gate;

import dev.clave.stats.McNemarTest;
import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * One value in a {@link RegressionReport}: how often the baseline's and the candidate's answers got the watched
 * label, the exact McNemar test on the pairs, its Holm-adjusted p-value and the verdict. Immutable.
 *
 * @param value          the value id
 * @param pairs          paired prompts
 * @param baselineCount  baseline answers with the watched label
 * @param candidateCount candidate answers with the watched label
 * @param test           the exact McNemar test on the discordant pairs
 * @param adjustedPValue the p-value after Holm's correction across the compared values
 * @param change         the verdict
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValueComparison(String value, int pairs, int baselineCount, int candidateCount, McNemarTest test,
                              double adjustedPValue, Change change) {

    /** What happened to a value between baseline and candidate. */
    public enum Change {
        /** The candidate gets the watched label significantly more often. */
        REGRESSED,
        /** The candidate gets it significantly less often. */
        IMPROVED,
        /** No significant difference. */
        UNCHANGED
    }

    public ValueComparison {
        notBlank(value, "value");
        notNull(test, "test");
        notNull(change, "change");
    }

    /** The baseline's rate of the watched label. */
    public double baselineRate() {
        return pairs == 0 ? Double.NaN : (double) baselineCount / pairs;
    }

    /** The candidate's rate of the watched label. */
    public double candidateRate() {
        return pairs == 0 ? Double.NaN : (double) candidateCount / pairs;
    }

    /** The effect size: candidate rate minus baseline rate (positive is worse). */
    public double rateDifference() {
        return candidateRate() - baselineRate();
    }
}
