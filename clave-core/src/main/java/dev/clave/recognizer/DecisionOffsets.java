package dev.clave.recognizer;

import dev.clave.data.Label;
import dev.clave.stats.ConfusionMatrix;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-value decision offsets: the label of a pair of value {@code v} becomes
 * {@code argmax_k(log p_k + offsets[v][k])} instead of {@code argmax_k p_k}. The offsets of {@code supports} and
 * {@code opposes} (that of {@code unrelated} stays 0) are tuned per value for macro-F1 on out-of-fold probabilities
 * of the calibration data, so they trade accuracy for finding the rarer labels: an option for teams for whom a
 * missed {@code opposes} costs more than a false alarm. Zero offsets change nothing.
 *
 * <p>Tuning searches a grid of offsets (coordinate ascent, two rounds); ties go to the smaller offsets.
 *
 * @param offsets {@code [values][3]} additive offsets on the log-probabilities (supports, opposes, unrelated)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DecisionOffsets(double[][] offsets) {

    /** The offsets searched for each of supports and opposes. */
    static final double[] GRID = {-1.0, -0.5, 0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0};

    public DecisionOffsets {
        for (double[] row : offsets) {
            if (row.length != 3) {
                throw new IllegalArgumentException("every value needs three offsets (supports, opposes, unrelated)");
            }
        }
    }

    /** No offsets: decisions are the plain argmax. */
    public static DecisionOffsets none(int values) {
        return new DecisionOffsets(new double[values][3]);
    }

    /** The decided label of one pair. */
    public Label decide(double[] probabilities, int value) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            double score = Math.log(Math.max(probabilities[k], 1e-300)) + offsets[value][k];
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return Label.values()[best];
    }

    /**
     * The probabilities moved by the offsets and renormalised (the softmax of {@code log p + offsets}), so that their
     * argmax is the decided label.
     */
    public double[][] apply(double[][] probabilities, int[] value) {
        double[][] out = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            double[] z = new double[3];
            for (int k = 0; k < 3; k++) {
                z[k] = Math.log(Math.max(probabilities[i][k], 1e-300)) + offsets[value[i]][k];
            }
            out[i] = Aggregation.softmax(z);
        }
        return out;
    }

    /**
     * Tunes offsets per value for macro-F1 on given (out-of-fold) probabilities.
     *
     * @param probabilities per pair the probabilities of a model that did not see the pair
     * @param value         per pair its value index
     * @param label         per pair the human label's ordinal
     * @param values        the number of values
     */
    public static DecisionOffsets tune(double[][] probabilities, int[] value, int[] label, int values) {
        double[][] offsets = new double[values][3];
        for (int v = 0; v < values; v++) {
            List<Integer> pairs = new ArrayList<>();
            for (int i = 0; i < value.length; i++) {
                if (value[i] == v) {
                    pairs.add(i);
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            double[] best = new double[3];
            double bestF1 = macroF1(probabilities, label, pairs, best);
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < 2; k++) {
                    for (double candidate : GRID) {
                        double[] trial = best.clone();
                        trial[k] = candidate;
                        double f1 = macroF1(probabilities, label, pairs, trial);
                        boolean better = f1 > bestF1 + 1e-12
                                || (Math.abs(f1 - bestF1) <= 1e-12 && magnitude(trial) < magnitude(best));
                        if (better) {
                            bestF1 = f1;
                            best = trial;
                        }
                    }
                }
            }
            offsets[v] = best;
        }
        return new DecisionOffsets(offsets);
    }

    /**
     * Tunes offsets for a logistic head: out-of-fold probabilities from {@code folds}-fold cross-validation on the
     * calibration pairs (grouped by text), each fold fitted with {@code trainer} at {@code strength}.
     */
    public static DecisionOffsets tune(PairData calibration, LogisticHeadTrainer trainer, double strength, int folds,
                                       long seed) {
        int[] foldOf = LogisticHeadTrainer.foldsByGroup(calibration.group(), folds, seed);
        int k = Arrays.stream(foldOf).max().orElse(0) + 1;
        double[][] outOfFold = new double[calibration.size()][];
        for (int fold = 0; fold < k; fold++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < calibration.size(); i++) {
                (foldOf[i] == fold ? test : train).add(i);
            }
            if (train.isEmpty() || test.isEmpty()) {
                continue;
            }
            LogisticHead head = trainer.fit(calibration.subset(train), strength);
            double[][] p = head.probabilities(calibration.subset(test));
            for (int i = 0; i < test.size(); i++) {
                outOfFold[test.get(i)] = p[i];
            }
        }
        for (int i = 0; i < outOfFold.length; i++) {
            if (outOfFold[i] == null) {
                outOfFold[i] = new double[] {0, 0, 1};
            }
        }
        return tune(outOfFold, calibration.value(), calibration.label(), calibration.values());
    }

    private static double magnitude(double[] offsets) {
        return Math.abs(offsets[0]) + Math.abs(offsets[1]);
    }

    private static double macroF1(double[][] probabilities, int[] label, List<Integer> pairs, double[] offsets) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        DecisionOffsets single = new DecisionOffsets(new double[][] {offsets});
        for (int i : pairs) {
            matrix.add(Label.values()[label[i]], single.decide(probabilities[i], 0));
        }
        return matrix.macroF1();
    }
}
