package dev.clave.recognizer;

import dev.clave.data.Label;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * What the logistic heads learn from and score: one row per labelled (text, value) pair, holding the mean of the
 * embeddings of the text's concepts that bear on the value, and, when value definitions are given, the mean cosine
 * similarity of those concepts to the definition's embedding. A linear head scored on the mean concept is the mean
 * of its concept scores (the {@link Aggregation#MEAN_LOGIT} rule), so the pooled rows train the same model that
 * scores concepts one by one.
 *
 * @param x       per pair the mean concept embedding, {@code [n][D]}
 * @param cosine  per pair the mean cosine similarity of its concepts to its value's definition (0 without definitions)
 * @param value   per pair the index of its value
 * @param label   per pair the human label's ordinal ({@link Label#ordinal()}), or -1 when unknown (scoring only)
 * @param group   per pair the index of its text: cross-validation keeps a text's pairs in one fold
 * @param values  the number of values of the value system
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PairData(float[][] x, double[] cosine, int[] value, int[] label, int[] group, int values) {

    public PairData {
        notNull(x, "x");
        int n = x.length;
        if (cosine.length != n || value.length != n || label.length != n || group.length != n) {
            throw new IllegalArgumentException("every per-pair array must have " + n + " entries");
        }
        for (int i = 0; i < n; i++) {
            if (value[i] < 0 || value[i] >= values) {
                throw new IllegalArgumentException("pair " + i + " has value index " + value[i] + ", but there are "
                        + values + " values");
            }
            if (label[i] < -1 || label[i] > 2) {
                throw new IllegalArgumentException("pair " + i + " has label " + label[i] + "; labels are 0, 1, 2 or -1");
            }
        }
    }

    /** The number of pairs. */
    public int size() {
        return x.length;
    }

    /** The embedding dimension (0 for an empty set). */
    public int dimension() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** The pair's label, or null when unknown. */
    public @Nullable Label labelOf(int pair) {
        return label[pair] < 0 ? null : Label.values()[label[pair]];
    }

    /**
     * Pools a {@link TrainingSet}: the weighted mean of each pair's concepts and, with definitions, the weighted mean
     * cosine of those concepts to the definition of the pair's value.
     *
     * @param set         concepts and pairs (grouped by text)
     * @param values      the number of values
     * @param definitions per value the embedding of its definition, or null
     */
    public static PairData pool(TrainingSet set, int values, float @Nullable [][] definitions) {
        int n = set.size();
        int d = set.concepts().length == 0 ? 0 : set.concepts()[0].length;
        float[][] x = new float[n][d];
        double[] cosine = new double[n];
        int[] label = new int[n];
        for (int p = 0; p < n; p++) {
            int[] concepts = set.pairConcepts()[p];
            double[] weights = set.pairWeights()[p];
            for (int j = 0; j < concepts.length; j++) {
                float[] e = set.concepts()[concepts[j]];
                for (int k = 0; k < d; k++) {
                    x[p][k] += (float) (weights[j] * e[k]);
                }
                if (definitions != null) {
                    cosine[p] += weights[j] * LogisticHead.cosine(e, definitions[set.pairValue()[p]]);
                }
            }
            label[p] = set.pairLabel()[p] == null ? -1 : set.pairLabel()[p].ordinal();
        }
        return new PairData(x, cosine, set.pairValue().clone(), label, set.pairGroup().clone(), values);
    }

    /** The pairs at the given positions. */
    public PairData subset(List<Integer> pairs) {
        int n = pairs.size();
        float[][] xs = new float[n][];
        double[] cs = new double[n];
        int[] vs = new int[n];
        int[] ls = new int[n];
        int[] gs = new int[n];
        for (int i = 0; i < n; i++) {
            int p = pairs.get(i);
            xs[i] = x[p];
            cs[i] = cosine[p];
            vs[i] = value[p];
            ls[i] = label[p];
            gs[i] = group[p];
        }
        return new PairData(xs, cs, vs, ls, gs, values);
    }
}
