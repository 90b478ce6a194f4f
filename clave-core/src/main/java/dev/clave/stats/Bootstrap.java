package dev.clave.stats;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * The percentile bootstrap of a statistic over {@code n} units (items, texts, prompts): each resample draws {@code n}
 * unit indices with replacement, the statistic is computed on the units those indices name, and the interval is the
 * {@code (1 - confidence) / 2} and {@code (1 + confidence) / 2} quantiles of the resampled statistics (Efron and
 * Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993, ch. 13). The draws come from a seeded Well19937c
 * generator and the quantiles from Apache Commons Math ({@code Percentile}, estimation type R-7), so the same seed
 * gives the same interval on every machine.
 *
 * <p>A statistic that is undefined on a resample (it returns {@code NaN}, e.g. a mean over no scored unit) leaves that
 * resample out; {@link BootstrapInterval#resamples()} counts the ones used. Immutable and thread-safe; each call
 * starts a new generator from the seed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Bootstrap {

    /** The default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** The default seed. */
    public static final long DEFAULT_SEED = 1L;

    private final int resamples;
    private final long seed;
    private final double confidence;

    private Bootstrap(int resamples, long seed, double confidence) {
        this.resamples = positive(resamples, "resamples");
        this.seed = seed;
        WilsonInterval.quantile(confidence);
        this.confidence = confidence;
    }

    /** {@value #DEFAULT_RESAMPLES} resamples, seed {@value #DEFAULT_SEED}, 95% confidence. */
    public static Bootstrap defaults() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95);
    }

    /** A bootstrap of {@code resamples} resamples drawn from {@code seed}, at 95% confidence. */
    public static Bootstrap of(int resamples, long seed) {
        return new Bootstrap(resamples, seed, 0.95);
    }

    /** This bootstrap at another two-sided confidence level, strictly between 0 and 1. */
    public Bootstrap withConfidence(double level) {
        return new Bootstrap(resamples, seed, level);
    }

    /** The number of resamples drawn. */
    public int resamples() {
        return resamples;
    }

    /** The seed of the generator. */
    public long seed() {
        return seed;
    }

    /** The two-sided confidence level. */
    public double confidence() {
        return confidence;
    }

    /**
     * The estimate (the statistic on the units as they are) and its percentile interval.
     *
     * @param units     the number of units, at least 1
     * @param statistic the statistic of the units named by an index array (indices may repeat); {@code NaN} when it is
     *                  undefined on those units
     */
    public BootstrapInterval interval(int units, ToDoubleFunction<int[]> statistic) {
        positive(units, "units");
        notNull(statistic, "statistic");
        int[] identity = new int[units];
        Arrays.setAll(identity, i -> i);
        double estimate = statistic.applyAsDouble(identity);
        RandomGenerator random = new Well19937c(seed);
        double[] values = new double[resamples];
        int used = 0;
        int[] indices = new int[units];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < units; i++) {
                indices[i] = random.nextInt(units);
            }
            double value = statistic.applyAsDouble(indices);
            if (!Double.isNaN(value)) {
                values[used++] = value;
            }
        }
        if (used == 0) {
            return new BootstrapInterval(estimate, Double.NaN, Double.NaN, confidence, 0, seed);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(Arrays.copyOf(values, used));
        double tail = (1 - confidence) / 2 * 100;
        return new BootstrapInterval(estimate, percentile.evaluate(tail), percentile.evaluate(100 - tail), confidence, used, seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Bootstrap[%d resamples, seed %d, %s]", resamples, seed,
                WilsonInterval.percent(confidence));
    }
}
