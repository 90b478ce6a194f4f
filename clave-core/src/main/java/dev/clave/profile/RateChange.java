package dev.clave.profile;

import dev.clave.data.Label;
import dev.clave.stats.McNemarTest;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * How the rate of one label of one value changed between two profiles that answered the same questions: the counts,
 * the exact McNemar test on the paired answers (the regression gate's test) and its p-value after Holm's correction
 * across every value and label compared.
 *
 * @param value          the value id
 * @param label          the label counted ({@code supports} or {@code opposes})
 * @param pairs          paired questions
 * @param baselineCount  baseline answers with the label
 * @param candidateCount candidate answers with the label
 * @param test           the exact McNemar test on the discordant pairs
 * @param adjustedPValue the p-value after Holm's correction
 * @param significant    whether the adjusted p-value is at most the comparison's alpha and the rate moved
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RateChange(String value, Label label, int pairs, int baselineCount, int candidateCount, McNemarTest test,
                         double adjustedPValue, boolean significant) {

    public RateChange {
        notBlank(value, "value");
        notNull(label, "label");
        notNull(test, "test");
    }

    /** The baseline's rate of the label. */
    public double baselineRate() {
        return (double) baselineCount / pairs;
    }

    /** The candidate's rate of the label. */
    public double candidateRate() {
        return (double) candidateCount / pairs;
    }

    /** The change of the rate, candidate minus baseline. */
    public double difference() {
        return candidateRate() - baselineRate();
    }

    /** E.g. {@code benevolence supports 0.197 -> 0.091 (-10.6 pp), McNemar p = 0.0039, Holm 0.0742}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %.3f -> %.3f (%+.1f pp), McNemar p = %.4g, Holm %.4g%s", value, label.wire(),
                baselineRate(), candidateRate(), difference() * 100, test.pValue(), adjustedPValue,
                significant ? " CHANGED" : "");
    }
}
