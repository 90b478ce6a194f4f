package dev.clave.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.atLeast;

/**
 * The exact McNemar test of paired binary outcomes: did an event (say, "the answer opposes benevolence") become
 * more or less frequent between a baseline and a candidate answering the same prompts? Only discordant pairs carry
 * information: {@code onlyBaseline} pairs where the baseline had the event and the candidate not,
 * {@code onlyCandidate} the reverse. Under the null hypothesis each discordant pair goes either way with probability
 * 1/2, so the exact test is a two-sided binomial test of {@code onlyCandidate} out of the discordant pairs
 * (Apache Commons Statistics {@link BinomialTest}).
 *
 * @param onlyBaseline  discordant pairs where only the baseline had the event
 * @param onlyCandidate discordant pairs where only the candidate had the event
 * @param pValue        two-sided exact p-value; 1 when there are no discordant pairs
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record McNemarTest(int onlyBaseline, int onlyCandidate, double pValue) {

    private static final BinomialTest TWO_SIDED = BinomialTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED);

    public McNemarTest {
        atLeast(onlyBaseline, 0, "onlyBaseline");
        atLeast(onlyCandidate, 0, "onlyCandidate");
    }

    /** Runs the exact test on the two discordant counts. */
    public static McNemarTest exact(int onlyBaseline, int onlyCandidate) {
        atLeast(onlyBaseline, 0, "onlyBaseline");
        atLeast(onlyCandidate, 0, "onlyCandidate");
        int discordant = onlyBaseline + onlyCandidate;
        double p = discordant == 0 ? 1.0 : TWO_SIDED.test(discordant, onlyCandidate, 0.5).getPValue();
        return new McNemarTest(onlyBaseline, onlyCandidate, Math.min(1.0, p));
    }

    /**
     * The smallest two-sided p-value the exact test can give with {@code pairs} pairs: all of them discordant in the
     * same direction, {@code 2 * 0.5^pairs}. When it exceeds the significance level, no result of the test can be
     * significant, and a gate with that many pairs cannot detect anything.
     */
    public static double smallestPossiblePValue(int pairs) {
        atLeast(pairs, 0, "pairs");
        return Math.min(1.0, 2 * Math.pow(0.5, pairs));
    }

    /** The number of discordant pairs. */
    public int discordant() {
        return onlyBaseline + onlyCandidate;
    }

    /**
     * The conditional odds ratio {@code onlyCandidate / onlyBaseline}, the effect size that goes with the test:
     * above 1 the candidate has the event more often. {@code NaN} with no discordant pairs, infinite when only the
     * candidate had it.
     */
    public double oddsRatio() {
        if (discordant() == 0) {
            return Double.NaN;
        }
        return onlyBaseline == 0 ? Double.POSITIVE_INFINITY : (double) onlyCandidate / onlyBaseline;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "McNemar exact: %d only baseline, %d only candidate, p = %.4g", onlyBaseline,
                onlyCandidate, pValue);
    }
}
