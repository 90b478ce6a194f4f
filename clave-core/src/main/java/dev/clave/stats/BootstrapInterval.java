package dev.clave.stats;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * A statistic's estimate and its percentile {@link Bootstrap} interval. Immutable.
 *
 * @param estimate   the statistic on the units as observed; {@code NaN} when undefined
 * @param lower      the lower bound; {@code NaN} when no resample gave a value
 * @param upper      the upper bound; {@code NaN} when no resample gave a value
 * @param confidence the two-sided confidence level, e.g. 0.95
 * @param resamples  the resamples on which the statistic was defined
 * @param seed       the seed the resamples were drawn from
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BootstrapInterval(double estimate, double lower, double upper, double confidence, int resamples, long seed) {

    /** E.g. {@code -0.053 [-0.120, 0.013] (95%, 2000 resamples, seed 1)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f] (%s, %d resamples, seed %d)", estimate, lower, upper,
                WilsonInterval.percent(confidence), resamples, seed);
    }
}
