package dev.clave.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class HolmCorrectionTest {

    @Test
    void multiplies_by_the_remaining_count_and_keeps_the_order_monotone() {
        // sorted: 0.005 x4 = 0.02, 0.01 x3 = 0.03, 0.03 x2 = 0.06, 0.04 x1 = 0.04 -> raised to 0.06
        double[] adjusted = HolmCorrection.adjust(0.01, 0.04, 0.03, 0.005);
        assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void caps_adjusted_values_at_one() {
        assertThat(HolmCorrection.adjust(0.6, 0.9)).containsExactly(1.0, 1.0);
    }

    @Test
    void a_single_p_value_is_unchanged() {
        assertThat(HolmCorrection.adjust(0.02)).containsExactly(0.02);
    }

    @Test
    void rejects_a_p_value_outside_the_unit_interval() {
        assertThatIllegalArgumentException().isThrownBy(() -> HolmCorrection.adjust(0.1, 1.2))
                .withMessage("p-value 1 must be between 0.0 and 1.0, but is: 1.2");
    }
}
