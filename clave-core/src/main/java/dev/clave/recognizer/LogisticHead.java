package dev.clave.recognizer;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A fitted multinomial logistic head over concept embeddings: for value {@code v} and label {@code k} (supports,
 * opposes, unrelated) a concept with embedding {@code e} gets the logit
 * {@code weights[v][k]·e + cosineWeights[k]·cos(e, definitions[v]) + bias[v][k]}. A text's logits for a value are the
 * mean of its concepts' logits ({@link Aggregation#MEAN_LOGIT}).
 *
 * <p>Both heads that {@link LogisticHeadTrainer} fits have this form: the per-value head (no cosine term) and the
 * definition-conditioned shared head, whose per-value weights are {@code w_k + u_k∘d_v·√D + W_{v,k}} (shared
 * weights, weights on the product with the value's definition, and a per-value block) folded into one matrix.
 * Immutable and thread-safe; a plain record, so it serialises to JSON as it is.
 *
 * @param kind          {@link HeadKind#LOGISTIC} or {@link HeadKind#SHARED}
 * @param strength      the L2 strength it was fitted with
 * @param weights       {@code [values][3][D]}
 * @param bias          {@code [values][3]}
 * @param cosineWeights {@code [3]}, zeros for the per-value head
 * @param definitions   {@code [values][D]} definition embeddings, or null when {@code cosineWeights} are all 0
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LogisticHead(HeadKind kind, double strength, double[][][] weights, double[][] bias, double[] cosineWeights,
                           float @Nullable [][] definitions) {

    public LogisticHead {
        notNull(kind, "kind");
        if (!kind.converged()) {
            throw new IllegalArgumentException("a logistic head is of kind logistic or shared, not " + kind.wire());
        }
        notNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("a logistic head scores at least one value");
        }
        if (bias.length != weights.length || cosineWeights.length != 3) {
            throw new IllegalArgumentException("bias needs one row per value and cosineWeights three entries");
        }
        boolean usesCosine = cosineWeights[0] != 0 || cosineWeights[1] != 0 || cosineWeights[2] != 0;
        if (usesCosine && (definitions == null || definitions.length != weights.length)) {
            throw new IllegalArgumentException("a head with a cosine term needs one definition embedding per value");
        }
    }

    /** The number of values. */
    public int values() {
        return weights.length;
    }

    /** The embedding dimension. */
    public int dimension() {
        return weights[0][0].length;
    }

    /** The three logits (supports, opposes, unrelated) of one concept for one value. */
    public double[] conceptLogits(float[] embedding, int value) {
        double cos = definitions == null ? 0 : cosine(embedding, definitions[value]);
        double[] z = new double[3];
        for (int k = 0; k < 3; k++) {
            double[] w = weights[value][k];
            double s = bias[value][k] + cosineWeights[k] * cos;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * embedding[j];
            }
            z[k] = s;
        }
        return z;
    }

    /** The text-level logits of a pooled pair (mean embedding and mean cosine of its concepts). */
    public double[] pairLogits(float[] meanEmbedding, double meanCosine, int value) {
        double[] z = new double[3];
        for (int k = 0; k < 3; k++) {
            double[] w = weights[value][k];
            double s = bias[value][k] + cosineWeights[k] * meanCosine;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * meanEmbedding[j];
            }
            z[k] = s;
        }
        return z;
    }

    /** Per pair the text-level probabilities (supports, opposes, unrelated). */
    public double[][] probabilities(PairData data) {
        double[][] out = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            out[i] = Aggregation.softmax(pairLogits(data.x()[i], data.cosine()[i], data.value()[i]));
        }
        return out;
    }

    /** Cosine similarity of two vectors (0 when either is zero). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
