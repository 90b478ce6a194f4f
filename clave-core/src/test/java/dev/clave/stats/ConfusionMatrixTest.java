package dev.clave.stats;

import org.junit.jupiter.api.Test;

import static dev.clave.data.Label.OPPOSES;
import static dev.clave.data.Label.SUPPORTS;
import static dev.clave.data.Label.UNRELATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfusionMatrixTest {

    @Test
    void computes_accuracy_macro_f1_and_kappa_of_a_known_matrix() {
        // gold supports: 8 right, 2 as unrelated; gold unrelated: 6 right, 4 as supports; no opposes at all
        ConfusionMatrix m = new ConfusionMatrix();
        add(m, SUPPORTS, SUPPORTS, 8);
        add(m, SUPPORTS, UNRELATED, 2);
        add(m, UNRELATED, UNRELATED, 6);
        add(m, UNRELATED, SUPPORTS, 4);

        assertThat(m.accuracy()).isEqualTo(0.7);
        // F1(supports) = 16 / (16 + 4 + 2) ; F1(unrelated) = 12 / (12 + 2 + 4)
        assertThat(m.macroF1()).isCloseTo((16.0 / 22 + 12.0 / 18) / 2, within(1e-12));
        assertThat(m.presentLabels()).containsExactly(SUPPORTS, UNRELATED);
        // chance agreement: 0.5 * 0.6 + 0.5 * 0.4 = 0.5
        assertThat(m.kappa()).isCloseTo((0.7 - 0.5) / 0.5, within(1e-12));
        assertThat(m.precision(OPPOSES)).isNaN();
        assertThat(m.recall(SUPPORTS)).isEqualTo(0.8);
    }

    @Test
    void perfect_agreement_has_kappa_one_and_a_single_label_has_kappa_zero() {
        ConfusionMatrix perfect = new ConfusionMatrix();
        add(perfect, SUPPORTS, SUPPORTS, 3);
        add(perfect, OPPOSES, OPPOSES, 2);
        assertThat(perfect.kappa()).isEqualTo(1.0);
        assertThat(perfect.macroF1()).isEqualTo(1.0);

        ConfusionMatrix single = new ConfusionMatrix();
        add(single, UNRELATED, UNRELATED, 5);
        assertThat(single.kappa()).isZero();
        assertThat(new ConfusionMatrix().accuracy()).isNaN();
    }

    private static void add(ConfusionMatrix m, dev.clave.data.Label gold, dev.clave.data.Label predicted, int times) {
        for (int i = 0; i < times; i++) {
            m.add(gold, predicted);
        }
    }
}
