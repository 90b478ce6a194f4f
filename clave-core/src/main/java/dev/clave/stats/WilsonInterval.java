package dev.clave.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.strictlyBetweenZeroAndOne;

/**
 * The Wilson score interval of a binomial proportion: {@code successes} out of {@code trials}, at a two-sided
 * confidence level. Unlike the normal ("Wald") interval it stays inside [0, 1] and keeps close to its nominal
 * coverage for small samples and rates near 0 or 1, which is where value gates live (a handful of opposing answers
 * out of a few dozen prompts).
 *
 * <p>The normal quantile comes from Apache Commons Statistics. With no trials the interval is [0, 1] and the rate
 * is {@code NaN}. Immutable.
 *
 * @param successes  events counted, e.g. answers labelled {@code opposes}
 * @param trials     observations, e.g. evaluated answers
 * @param confidence two-sided confidence level, e.g. 0.95
 * @param lower      lower bound, in [0, 1]
 * @param upper      upper bound, in [0, 1]
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WilsonInterval(int successes, int trials, double confidence, double lower, double upper) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public WilsonInterval {
        atLeast(successes, 0, "successes");
        atLeast(trials, 0, "trials");
        if (successes > trials) {
            throw new IllegalArgumentException("successes must be at most trials (" + trials + "), but is: " + successes);
        }
        checkConfidence(confidence);
    }

    /**
     * The interval of {@code successes} out of {@code trials} at a two-sided {@code confidence} level.
     *
     * @throws IllegalArgumentException when the counts are negative, successes exceed trials, or the confidence is
     *                                  not strictly between 0 and 1
     */
    public static WilsonInterval of(int successes, int trials, double confidence) {
        atLeast(successes, 0, "successes");
        atLeast(trials, 0, "trials");
        checkConfidence(confidence);
        if (successes > trials) {
            throw new IllegalArgumentException("successes must be at most trials (" + trials + "), but is: " + successes);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 0, confidence, 0.0, 1.0);
        }
        double z = quantile(confidence);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        double lower = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double upper = successes == trials ? 1.0 : Math.min(1.0, centre + half);
        return new WilsonInterval(successes, trials, confidence, lower, upper);
    }

    /** The two-sided standard-normal quantile of a confidence level: 1.96 for 0.95. */
    public static double quantile(double confidence) {
        checkConfidence(confidence);
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** The observed rate {@code successes / trials}, or {@code NaN} with no trials. */
    public double rate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** E.g. {@code 0.125 [0.052, 0.268] (5/40, 95%)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d, %s)", rate(), lower, upper, successes, trials,
                percent(confidence));
    }

    static String percent(double confidence) {
        double value = confidence * 100;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + "%";
    }

    private static void checkConfidence(double confidence) {
        strictlyBetweenZeroAndOne(confidence, "confidence");
    }
}
