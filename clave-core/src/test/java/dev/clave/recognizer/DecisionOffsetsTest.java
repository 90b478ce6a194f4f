package dev.clave.recognizer;

import dev.clave.data.Label;
import dev.clave.stats.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionOffsetsTest {

    @Test
    void zero_offsets_decide_the_most_probable_label() {
        DecisionOffsets none = DecisionOffsets.none(2);
        assertThat(none.decide(new double[] {0.2, 0.5, 0.3}, 1)).isEqualTo(Label.OPPOSES);
        assertThat(none.decide(new double[] {0.2, 0.1, 0.7}, 0)).isEqualTo(Label.UNRELATED);
    }

    @Test
    void tuning_finds_a_rare_label_that_the_model_scores_too_low() {
        // 10 opposes pairs scored (0.05, 0.30, 0.65), 90 unrelated ones scored (0.05, 0.08, 0.87): argmax never says opposes.
        int n = 100;
        double[][] p = new double[n][];
        int[] value = new int[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            boolean opposes = i < 10;
            p[i] = opposes ? new double[] {0.05, 0.30, 0.65} : new double[] {0.05, 0.08, 0.87};
            label[i] = opposes ? Label.OPPOSES.ordinal() : Label.UNRELATED.ordinal();
        }
        DecisionOffsets tuned = DecisionOffsets.tune(p, value, label, 1);
        assertThat(tuned.offsets()[0][1]).isPositive();
        assertThat(tuned.offsets()[0][2]).isZero();
        assertThat(macroF1(tuned, p, label)).isEqualTo(1.0);
        assertThat(macroF1(DecisionOffsets.none(1), p, label)).isLessThan(0.5);
        double[][] moved = tuned.apply(p, value);
        assertThat(moved[0][1]).isGreaterThan(moved[0][2]);
        assertThat(moved[0][0] + moved[0][1] + moved[0][2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void tuning_keeps_zero_offsets_when_the_argmax_is_already_right() {
        double[][] p = {{0.7, 0.1, 0.2}, {0.1, 0.7, 0.2}, {0.1, 0.2, 0.7}};
        DecisionOffsets tuned = DecisionOffsets.tune(p, new int[3], new int[] {0, 1, 2}, 1);
        assertThat(tuned.offsets()[0]).containsExactly(0, 0, 0);
    }

    private static double macroF1(DecisionOffsets offsets, double[][] p, int[] label) {
        ConfusionMatrix m = new ConfusionMatrix();
        for (int i = 0; i < p.length; i++) {
            m.add(Label.values()[label[i]], offsets.decide(p[i], 0));
        }
        return m.macroF1();
    }
}
