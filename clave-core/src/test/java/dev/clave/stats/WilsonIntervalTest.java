package dev.clave.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class WilsonIntervalTest {

    @Test
    void matches_the_textbook_interval_of_five_out_of_ten() {
        // GIVEN 5 successes in 10 trials WHEN the 95% interval is computed
        WilsonInterval interval = WilsonInterval.of(5, 10, 0.95);
        // THEN it is the published [0.2366, 0.7634]
        assertThat(interval.lower()).isCloseTo(0.2366, within(1e-4));
        assertThat(interval.upper()).isCloseTo(0.7634, within(1e-4));
        assertThat(interval.rate()).isEqualTo(0.5);
    }

    @Test
    void upper_bound_of_no_events_is_z_squared_over_n_plus_z_squared() {
        WilsonInterval interval = WilsonInterval.of(0, 30, 0.95);
        double z2 = 1.959963984540054 * 1.959963984540054;
        assertThat(interval.lower()).isZero();
        assertThat(interval.upper()).isCloseTo(z2 / (30 + z2), within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"1, 40, 0.95", "7, 40, 0.90", "12, 25, 0.99", "39, 40, 0.95"})
    void bounds_solve_the_score_equation(int successes, int trials, double confidence) {
        // The Wilson bounds are the two roots p of (phat - p)^2 = z^2 p (1 - p) / n.
        WilsonInterval interval = WilsonInterval.of(successes, trials, confidence);
        double z = WilsonInterval.quantile(confidence);
        double phat = (double) successes / trials;
        for (double p : new double[] {interval.lower(), interval.upper()}) {
            assertThat((phat - p) * (phat - p)).isCloseTo(z * z * p * (1 - p) / trials, within(1e-12));
        }
        assertThat(interval.lower()).isLessThan(phat);
        assertThat(interval.upper()).isGreaterThan(phat);
    }

    @Test
    void a_higher_confidence_gives_a_wider_interval() {
        WilsonInterval ninety = WilsonInterval.of(4, 40, 0.90);
        WilsonInterval ninetyNine = WilsonInterval.of(4, 40, 0.99);
        assertThat(ninetyNine.lower()).isLessThan(ninety.lower());
        assertThat(ninetyNine.upper()).isGreaterThan(ninety.upper());
    }

    @Test
    void no_trials_give_the_whole_unit_interval() {
        WilsonInterval interval = WilsonInterval.of(0, 0, 0.95);
        assertThat(interval.lower()).isZero();
        assertThat(interval.upper()).isEqualTo(1.0);
        assertThat(interval.rate()).isNaN();
    }

    @Test
    void rejects_more_successes_than_trials_and_a_confidence_outside_the_open_unit_interval() {
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonInterval.of(11, 10, 0.95))
                .withMessage("successes must be at most trials (10), but is: 11");
        assertThatIllegalArgumentException().isThrownBy(() -> WilsonInterval.of(1, 10, 1.0))
                .withMessage("confidence must be between 0.0 and 1.0 (exclusive), but is: 1.0");
    }

    @Test
    void prints_rate_bounds_counts_and_level() {
        assertThat(WilsonInterval.of(5, 10, 0.95)).hasToString("0.500 [0.237, 0.763] (5/10, 95%)");
    }
}
