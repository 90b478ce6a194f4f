package dev.clave.recognizer;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;

import java.util.List;

/**
 * How the small model's concept-level judgements become the text's label for a value. The small model scores
 * each concept of a text against each value (three logits: supports, opposes, unrelated); the text's
 * probabilities for the value are then:
 *
 * <ul>
 *   <li>{@link #MEAN_LOGIT} (the default): the softmax of the mean of the concepts' logits, i.e. the normalised
 *   geometric mean of the concept-level probabilities. A few strongly worded concepts can outweigh many neutral
 *   ones, and training through it is ordinary multinomial logistic regression on the mean concept.</li>
 *   <li>{@link #MEAN_PROBABILITY}: the arithmetic mean of the concepts' probabilities (each concept votes with
 *   its probabilities).</li>
 * </ul>
 *
 * <p>Training uses the same rule as evaluation, so the head learns concept scores that add up to the text's
 * human label. The README reports both rules measured on the development data.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Aggregation {
    MEAN_LOGIT,
    MEAN_PROBABILITY;

    /** The option form: {@code mean-logit}, {@code mean-probability}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Parses the option form. */
    public static Aggregation fromWire(String value) {
        return WireNames.parse(Aggregation.class, "aggregation", value);
    }

    /** All option forms. */
    public static List<String> wires() {
        return WireNames.all(Aggregation.class);
    }

    /**
     * The text-level probabilities (supports, opposes, unrelated) from concept-level logits.
     *
     * @param logits  one row of three logits per concept
     * @param weights one weight per concept, summing to 1
     */
    public double[] aggregate(float[][] logits, double[] weights) {
        double[] out = new double[3];
        if (this == MEAN_LOGIT) {
            for (int c = 0; c < logits.length; c++) {
                for (int k = 0; k < 3; k++) {
                    out[k] += weights[c] * logits[c][k];
                }
            }
            return softmax(out);
        }
        for (int c = 0; c < logits.length; c++) {
            double[] p = softmax(new double[] {logits[c][0], logits[c][1], logits[c][2]});
            for (int k = 0; k < 3; k++) {
                out[k] += weights[c] * p[k];
            }
        }
        return out;
    }

    /** Softmax of three (or more) logits, numerically stable. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
