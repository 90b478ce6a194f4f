package dev.clave.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class McNemarTestTest {

    @Test
    void ten_discordant_pairs_all_one_way_give_two_times_half_to_the_tenth() {
        McNemarTest test = McNemarTest.exact(0, 10);
        assertThat(test.pValue()).isCloseTo(2 * Math.pow(0.5, 10), within(1e-12));
        assertThat(test.oddsRatio()).isInfinite();
    }

    @Test
    void two_against_eight_is_twice_the_binomial_tail() {
        // P(X <= 2 | n = 10, p = 1/2) = (1 + 10 + 45) / 1024
        McNemarTest test = McNemarTest.exact(2, 8);
        assertThat(test.pValue()).isCloseTo(2 * 56 / 1024.0, within(1e-12));
        assertThat(test.oddsRatio()).isEqualTo(4.0);
        assertThat(McNemarTest.exact(8, 2).pValue()).isEqualTo(test.pValue());
    }

    @Test
    void no_discordant_pairs_give_p_one_and_no_odds_ratio() {
        McNemarTest test = McNemarTest.exact(0, 0);
        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.oddsRatio()).isNaN();
    }

    @Test
    void a_balanced_split_is_not_significant() {
        assertThat(McNemarTest.exact(5, 5).pValue()).isEqualTo(1.0);
    }

    @Test
    void the_smallest_possible_p_value_halves_with_each_pair() {
        assertThat(McNemarTest.smallestPossiblePValue(5)).isEqualTo(0.0625);
        assertThat(McNemarTest.smallestPossiblePValue(6)).isEqualTo(0.03125);
        assertThat(McNemarTest.smallestPossiblePValue(0)).isEqualTo(1.0);
    }
}
