package dev.clave.cli;

import dev.clave.data.Label;
import dev.clave.recognizer.LogisticHead;
import dev.clave.recognizer.LogisticHeadTrainer;
import dev.clave.recognizer.PairData;
import dev.clave.stats.ConfusionMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The baselines every quality figure is reported next to, computed on the same split and the same frozen mean
 * concept embeddings: the majority label per value, k-nearest-neighbours (cosine; k by leave-one-out accuracy on
 * the calibration pairs) and a well-regularised L2 multinomial logistic probe per value (strength by 5-fold
 * cross-validation on the calibration pairs).
 */
final class Baselines {

    static final int[] KNN_CANDIDATES = {1, 3, 5, 7, 9, 11, 15};

    private Baselines() {
    }

    /** Per value a confusion matrix of one method on the test pairs. */
    record Outcome(List<ConfusionMatrix> perValue, int k, double strength) {
    }

    static Outcome majority(PairData calibration, PairData test) {
        int values = calibration.values();
        int[][] counts = new int[values][3];
        for (int i = 0; i < calibration.size(); i++) {
            counts[calibration.value()[i]][calibration.label()[i]]++;
        }
        Label[] majority = new Label[values];
        for (int v = 0; v < values; v++) {
            Map<Label, Integer> byLabel = new EnumMap<>(Label.class);
            for (Label l : Label.values()) {
                if (counts[v][l.ordinal()] > 0) {
                    byLabel.put(l, counts[v][l.ordinal()]);
                }
            }
            majority[v] = byLabel.entrySet().stream()
                    .max(Map.Entry.<Label, Integer>comparingByValue().thenComparing(e -> e.getKey() == Label.UNRELATED))
                    .map(Map.Entry::getKey).orElse(Label.UNRELATED);
        }
        List<ConfusionMatrix> matrices = matrices(values);
        for (int i = 0; i < test.size(); i++) {
            matrices.get(test.value()[i]).add(test.labelOf(i), majority[test.value()[i]]);
        }
        return new Outcome(matrices, 0, 0);
    }

    static Outcome knn(PairData calibration, PairData test) {
        float[][] cal = normalised(calibration.x());
        float[][] tst = normalised(test.x());
        int bestK = KNN_CANDIDATES[0];
        long bestCorrect = -1;
        for (int k : KNN_CANDIDATES) {
            long correct = 0;
            for (int i = 0; i < calibration.size(); i++) {
                if (vote(cal[i], calibration.value()[i], cal, calibration, k, i) == calibration.label()[i]) {
                    correct++;
                }
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestK = k;
            }
        }
        List<ConfusionMatrix> matrices = matrices(calibration.values());
        for (int i = 0; i < test.size(); i++) {
            int predicted = vote(tst[i], test.value()[i], cal, calibration, bestK, -1);
            matrices.get(test.value()[i]).add(test.labelOf(i), Label.values()[predicted]);
        }
        return new Outcome(matrices, bestK, 0);
    }

    static Outcome logisticProbe(PairData calibration, PairData test, long seed) {
        LogisticHeadTrainer trainer = LogisticHeadTrainer.builder().seed(seed).build();
        LogisticHead head = trainer.fit(calibration);
        return score(head, test, 0, head.strength());
    }

    /** Confusion matrices of a fitted head on the test pairs (argmax of its probabilities). */
    static Outcome score(LogisticHead head, PairData test, int k, double strength) {
        return score(head.probabilities(test), test, k, strength);
    }

    static Outcome score(double[][] probabilities, PairData test, int k, double strength) {
        List<ConfusionMatrix> matrices = matrices(test.values());
        for (int i = 0; i < test.size(); i++) {
            matrices.get(test.value()[i]).add(test.labelOf(i), Label.values()[argmax(probabilities[i])]);
        }
        return new Outcome(matrices, k, strength);
    }

    /** Majority vote of the k most similar calibration pairs of the value (ties: the nearest neighbour's label). */
    private static int vote(float[] query, int value, float[][] cal, PairData calibration, int k, int exclude) {
        record Neighbour(double similarity, int label) {
        }
        List<Neighbour> neighbours = new ArrayList<>();
        for (int j = 0; j < calibration.size(); j++) {
            if (j == exclude || calibration.value()[j] != value) {
                continue;
            }
            neighbours.add(new Neighbour(dot(query, cal[j]), calibration.label()[j]));
        }
        if (neighbours.isEmpty()) {
            return Label.UNRELATED.ordinal();
        }
        neighbours.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        List<Neighbour> top = neighbours.subList(0, Math.min(k, neighbours.size()));
        int[] votes = new int[3];
        top.forEach(n -> votes[n.label()]++);
        int max = Math.max(votes[0], Math.max(votes[1], votes[2]));
        for (Neighbour n : top) {
            if (votes[n.label()] == max) {
                return n.label();
            }
        }
        return top.get(0).label();
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    static List<ConfusionMatrix> matrices(int values) {
        List<ConfusionMatrix> matrices = new ArrayList<>();
        for (int v = 0; v < values; v++) {
            matrices.add(new ConfusionMatrix());
        }
        return matrices;
    }

    private static float[][] normalised(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = Math.sqrt(dot(rows[i], rows[i]));
            out[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = norm == 0 ? 0 : (float) (rows[i][j] / norm);
            }
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
