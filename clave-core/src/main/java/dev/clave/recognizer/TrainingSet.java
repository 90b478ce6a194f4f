package dev.clave.recognizer;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What the head learns from: the embeddings of all calibration concepts, and the labelled (text, value) pairs,
 * each pointing at the concepts of its text that bear on its value with their aggregation weights.
 *
 * @param concepts       one embedding per concept, {@code [C][D]}
 * @param pairValue      per pair the index of its value in the value system
 * @param pairLabel      per pair the human label
 * @param pairConcepts   per pair the indices into {@code concepts}
 * @param pairWeights    per pair the aggregation weight of each of its concepts (summing to 1)
 * @param pairGroup      per pair the index of its text: a head's own cross-validation keeps a text's pairs together
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TrainingSet(float[][] concepts, int[] pairValue, Label[] pairLabel, int[][] pairConcepts,
                          double[][] pairWeights, int[] pairGroup) {

    /** The number of labelled pairs. */
    public int size() {
        return pairValue.length;
    }

    /** The pairs at the given positions, sharing the concept embeddings. */
    public TrainingSet subset(List<Integer> pairs) {
        int n = pairs.size();
        int[] value = new int[n];
        Label[] label = new Label[n];
        int[][] conceptIdx = new int[n][];
        double[][] weights = new double[n][];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            int p = pairs.get(i);
            value[i] = pairValue[p];
            label[i] = pairLabel[p];
            conceptIdx[i] = pairConcepts[p];
            weights[i] = pairWeights[p];
            group[i] = pairGroup[p];
        }
        return new TrainingSet(concepts, value, label, conceptIdx, weights, group);
    }
}
