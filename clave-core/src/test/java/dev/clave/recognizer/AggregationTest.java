package dev.clave.recognizer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AggregationTest {

    private static final float[][] LOGITS = {{2f, 0f, 0f}, {0f, 0f, 2f}};
    private static final double[] HALVES = {0.5, 0.5};

    @Test
    void mean_logit_is_the_softmax_of_the_mean_logits() {
        double[] p = Aggregation.MEAN_LOGIT.aggregate(LOGITS, HALVES);

        // mean logits (1, 0, 1)
        double z = 2 * Math.E + 1;
        assertThat(p[0]).isCloseTo(Math.E / z, within(1e-12));
        assertThat(p[1]).isCloseTo(1 / z, within(1e-12));
        assertThat(p[2]).isCloseTo(Math.E / z, within(1e-12));
    }

    @Test
    void mean_probability_averages_the_concepts_probabilities() {
        double[] p = Aggregation.MEAN_PROBABILITY.aggregate(LOGITS, HALVES);

        double high = Math.exp(2) / (Math.exp(2) + 2);
        double low = 1 / (Math.exp(2) + 2);
        assertThat(p[0]).isCloseTo((high + low) / 2, within(1e-12));
        assertThat(p[1]).isCloseTo(low, within(1e-12));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void parses_its_option_form_and_lists_the_valid_ones() {
        assertThat(Aggregation.fromWire("mean-probability")).isEqualTo(Aggregation.MEAN_PROBABILITY);
        assertThatThrownBy(() -> Aggregation.fromWire("max")).hasMessageContaining("Valid aggregations are: mean-logit, mean-probability");
    }
}
