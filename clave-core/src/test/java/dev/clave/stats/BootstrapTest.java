package dev.clave.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BootstrapTest {

    private static final double[] ZERO_ONE = {0, 1};

    private static double mean(int[] draw) {
        double sum = 0;
        for (int i : draw) {
            sum += ZERO_ONE[i];
        }
        return sum / draw.length;
    }

    @Test
    void resamples_with_replacement_so_two_units_give_means_of_zero_half_and_one() {
        // GIVEN units 0 and 1: a resample's mean is 0 (p 1/4), 0.5 (p 1/2) or 1 (p 1/4)
        BootstrapInterval wide = Bootstrap.of(2000, 7).interval(2, BootstrapTest::mean);
        // THEN the 2.5% and 97.5% quantiles are 0 and 1, and the estimate is the mean of the units as they are
        assertThat(wide.estimate()).isEqualTo(0.5);
        assertThat(wide.lower()).isZero();
        assertThat(wide.upper()).isEqualTo(1.0);
        // AND the 30% and 70% quantiles both fall on 0.5
        BootstrapInterval narrow = Bootstrap.of(2000, 7).withConfidence(0.4).interval(2, BootstrapTest::mean);
        assertThat(narrow.lower()).isEqualTo(0.5);
        assertThat(narrow.upper()).isEqualTo(0.5);
    }

    @Test
    void the_same_seed_gives_the_same_interval_and_another_seed_other_draws() {
        double[] values = {0.2, 0.9, 0.4, 0.7, 0.1, 0.8, 0.6};
        java.util.function.ToDoubleFunction<int[]> mean = draw -> {
            double sum = 0;
            for (int i : draw) {
                sum += values[i];
            }
            return sum / draw.length;
        };
        BootstrapInterval first = Bootstrap.of(500, 3).interval(values.length, mean);
        BootstrapInterval again = Bootstrap.of(500, 3).interval(values.length, mean);
        BootstrapInterval other = Bootstrap.of(500, 4).interval(values.length, mean);
        assertThat(again).isEqualTo(first);
        assertThat(other.lower() != first.lower() || other.upper() != first.upper()).isTrue();
        assertThat(first.lower()).isLessThan(first.estimate());
        assertThat(first.upper()).isGreaterThan(first.estimate());
    }

    @Test
    void leaves_out_resamples_where_the_statistic_is_undefined() {
        // GIVEN a statistic undefined when unit 1 is not drawn (probability 1/4 for two units)
        BootstrapInterval interval = Bootstrap.of(2000, 1).interval(2, draw -> {
            for (int i : draw) {
                if (i == 1) {
                    return 1.0;
                }
            }
            return Double.NaN;
        });
        // THEN about three quarters of the resamples count
        assertThat(interval.resamples()).isBetween(1400, 1600);
        assertThat(interval.lower()).isEqualTo(1.0);
    }

    @Test
    void rejects_no_resamples_and_a_confidence_outside_zero_and_one() {
        assertThatIllegalArgumentException().isThrownBy(() -> Bootstrap.of(0, 1))
                .withMessage("resamples must be greater than 0, but is: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Bootstrap.of(10, 1).withConfidence(1.0))
                .withMessageContaining("confidence must be between 0.0 and 1.0");
    }
}
