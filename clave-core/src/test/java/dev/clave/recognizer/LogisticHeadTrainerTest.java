package dev.clave.recognizer;

import dev.clave.data.Label;
import dev.clave.stats.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticHeadTrainerTest {

    /** Three well-separated clusters per value (one per label), noise 0.1, unit-scale centres. */
    static PairData clusters(int values, int perLabel, int d, double noise, long seed) {
        Random random = new Random(seed);
        float[][][] centres = new float[values][3][d];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                centres[v][k] = unit(random, d);
            }
        }
        List<float[]> x = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < perLabel; i++) {
                    float[] row = new float[d];
                    for (int j = 0; j < d; j++) {
                        row[j] = (float) (centres[v][k][j] + noise * random.nextGaussian());
                    }
                    x.add(row);
                    meta.add(new int[] {v, k});
                }
            }
        }
        return data(x, meta, values);
    }

    static PairData data(List<float[]> x, List<int[]> meta, int values) {
        int n = x.size();
        int[] value = new int[n];
        int[] label = new int[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            value[i] = meta.get(i)[0];
            label[i] = meta.get(i)[1];
            group[i] = i;
        }
        return new PairData(x.toArray(new float[0][]), new double[n], value, label, group, values);
    }

    static float[] unit(Random random, int d) {
        float[] v = new float[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            v[j] = (float) random.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < d; j++) {
            v[j] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    static double accuracy(LogisticHead head, PairData data) {
        double[][] p = head.probabilities(data);
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            correct += best == data.label()[i] ? 1 : 0;
        }
        return (double) correct / data.size();
    }

    static double weightNorm(LogisticHead head) {
        double sum = 0;
        for (double[][] value : head.weights()) {
            for (double[] row : value) {
                for (double w : row) {
                    sum += w * w;
                }
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void learns_separable_data_with_weak_regularisation() {
        PairData data = clusters(2, 20, 8, 0.1, 1);
        LogisticHead head = LogisticHeadTrainer.perValue().fit(data, 1e-4);
        assertThat(accuracy(head, data)).isEqualTo(1.0);
        assertThat(head.probabilities(data)[0][0]).isGreaterThan(0.9);
        PairData unseen = clusters(2, 10, 8, 0.1, 1);
        assertThat(accuracy(head, unseen)).isEqualTo(1.0);
    }

    @Test
    void the_fit_converges_to_a_zero_gradient() {
        PairData data = clusters(1, 15, 6, 0.3, 2);
        MultinomialObjective objective = new MultinomialObjective(data, null, false, 1e-2, 1);
        double[] optimum = objective.minimise(null, 1000);
        objective.evaluate(optimum);
        double norm = 0;
        for (double g : objective.lastGradient()) {
            norm += g * g;
        }
        assertThat(Math.sqrt(norm)).isLessThan(1e-3);
        double at = objective.evaluate(optimum);
        double[] moved = optimum.clone();
        moved[0] += 0.05;
        assertThat(objective.evaluate(moved)).isGreaterThan(at);
    }

    @Test
    void fitting_in_the_span_of_the_rows_gives_the_full_fit_when_there_are_fewer_rows_than_dimensions() {
        PairData data = clusters(1, 6, 40, 0.5, 8);
        MultinomialObjective full = new MultinomialObjective(data, null, false, 1e-2, 1);
        double[] optimum = full.minimise(null, 2000);
        LogisticHead direct = new LogisticHead(HeadKind.LOGISTIC, 1e-2,
                new double[][][] {full.effectiveWeights(optimum)}, full.biases(optimum), new double[3], null);
        LogisticHead reduced = LogisticHeadTrainer.builder().maxIterations(2000).build().fit(data, 1e-2);
        PairData unseen = clusters(1, 5, 40, 0.5, 9);
        double[][] a = direct.probabilities(unseen);
        double[][] b = reduced.probabilities(unseen);
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(b[i][k]).isCloseTo(a[i][k], org.assertj.core.api.Assertions.within(2e-3));
            }
        }
    }

    @Test
    void stronger_regularisation_shrinks_the_weights() {
        PairData data = clusters(2, 20, 8, 0.3, 3);
        LogisticHeadTrainer trainer = LogisticHeadTrainer.perValue();
        double weak = weightNorm(trainer.fit(data, 1e-3));
        double medium = weightNorm(trainer.fit(data, 1e-2));
        double strong = weightNorm(trainer.fit(data, 1e-1));
        assertThat(strong).isLessThan(medium);
        assertThat(medium).isLessThan(weak);
    }

    @Test
    void cross_validation_picks_strong_regularisation_for_noise_and_weak_for_signal() {
        Random random = new Random(4);
        List<float[]> x = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            x.add(unit(random, 40));
            meta.add(new int[] {0, random.nextInt(3)});
        }
        PairData noise = data(x, meta, 1);
        LogisticHeadTrainer trainer = LogisticHeadTrainer.builder().strengths(1.0, 1e-4).build();
        assertThat(trainer.select(noise).strength()).isEqualTo(1.0);

        PairData signal = clusters(1, 30, 8, 0.15, 5);
        LogisticHeadTrainer.Selection selection = trainer.select(signal);
        assertThat(selection.strength()).isEqualTo(1e-4);
        assertThat(selection.grid()).hasSize(2);
    }

    /** One value, mostly unrelated: {@code rare} supports and opposes each, 50 unrelated, noisy clusters in d dimensions. */
    static PairData rareLabels(int d, int rare, double noise) {
        Random random = new Random(11);
        float[][] centres = {unit(random, d), unit(random, d), unit(random, d)};
        List<float[]> x = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        int[] counts = {rare, rare, 50};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < counts[k]; i++) {
                float[] row = new float[d];
                for (int j = 0; j < d; j++) {
                    row[j] = (float) (centres[k][j] + noise * random.nextGaussian());
                }
                x.add(row);
                meta.add(new int[] {0, k});
            }
        }
        return data(x, meta, 1);
    }

    @Test
    void kappa_selection_keeps_the_rare_labels_that_log_loss_selection_gives_up() {
        // few rare labels in 128 dimensions: the least log-loss is a strength whose head says only the majority label
        // (kappa 0); kappa selection takes the weaker one that finds rare labels
        PairData data = rareLabels(128, 6, 0.4);
        LogisticHeadTrainer.Builder builder = LogisticHeadTrainer.builder().strengths(1.0, 0.03, 1e-4);

        LogisticHeadTrainer.Selection byLoss = builder.criterion(SelectionCriterion.LOG_LOSS).build().select(data);
        LogisticHeadTrainer.Selection byKappa = builder.criterion(SelectionCriterion.KAPPA).build().select(data);

        assertThat(byLoss.grid()).as("the same cross-validation, another choice").isEqualTo(byKappa.grid());
        List<LogisticHeadTrainer.GridPoint> grid = byKappa.grid();
        assertThat(byLoss.strength()).isEqualTo(0.03);
        assertThat(grid.get(1).logLoss()).isLessThan(grid.get(0).logLoss()).isLessThan(grid.get(2).logLoss());
        assertThat(grid.get(1).kappa()).isZero();
        assertThat(byKappa.strength()).isEqualTo(1e-4);
        assertThat(grid.get(2).kappa() - grid.get(2).kappaError()).as("beyond chance by more than its standard error")
                .isPositive();
        ConfusionMatrix outOfFold = new ConfusionMatrix();
        for (int i = 0; i < data.size(); i++) {
            double[] p = byKappa.outOfFold()[i];
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            outOfFold.add(Label.values()[data.label()[i]], Label.values()[best]);
        }
        assertThat(outOfFold.kappa()).as("the grid's kappa is that of the chosen point's out-of-fold labels")
                .isCloseTo(grid.get(2).kappa(), within(1e-12));
    }

    @Test
    void kappa_selection_takes_the_strongest_regularisation_within_one_standard_error_of_the_best() {
        PairData data = rareLabels(64, 6, 0.5);

        LogisticHeadTrainer.Selection selection = LogisticHeadTrainer.builder().strengths(1.0, 0.03, 1e-4)
                .criterion(SelectionCriterion.KAPPA).build().select(data);

        List<LogisticHeadTrainer.GridPoint> grid = selection.grid();
        LogisticHeadTrainer.GridPoint best = grid.get(2);
        assertThat(best.kappa()).as("the weakest has the greatest kappa").isGreaterThan(grid.get(1).kappa())
                .isGreaterThan(grid.get(0).kappa());
        assertThat(best.kappaError()).isPositive();
        assertThat(grid.get(1).kappa()).as("within one standard error").isGreaterThanOrEqualTo(best.kappa() - best.kappaError());
        assertThat(grid.get(0).kappa()).as("not within").isLessThan(best.kappa() - best.kappaError());
        assertThat(selection.strength()).isEqualTo(0.03);
    }

    @Test
    void the_shared_head_lets_a_value_with_few_labels_borrow_from_the_others() {
        // The label follows the concept's similarity to the value's definition: close supports, opposite opposes.
        Random random = new Random(6);
        int d = 12;
        int values = 4;
        float[][] definitions = new float[values][];
        for (int v = 0; v < values; v++) {
            definitions[v] = unit(random, d);
        }
        PairData train = definitionData(definitions, new int[] {40, 40, 40, 2}, random);
        PairData test = definitionData(definitions, new int[] {0, 0, 0, 60}, random);
        LogisticHead shared = LogisticHeadTrainer.builder().shared(definitions).build().fit(train, 1e-3, 4);
        LogisticHead perValue = LogisticHeadTrainer.perValue().fit(train, 1e-3);
        assertThat(shared.kind()).isEqualTo(HeadKind.SHARED);
        assertThat(accuracy(shared, test)).as("per-value head: %s", accuracy(perValue, test))
                .isGreaterThan(accuracy(perValue, test) + 0.15);
    }

    private static PairData definitionData(float[][] definitions, int[] perValue, Random random) {
        List<float[]> x = new ArrayList<>();
        List<int[]> meta = new ArrayList<>();
        List<Double> cosines = new ArrayList<>();
        for (int v = 0; v < definitions.length; v++) {
            for (int i = 0; i < perValue[v]; i++) {
                int label = i % 3;
                float[] other = unit(random, definitions[v].length);
                double sign = label == 0 ? 1 : label == 1 ? -1 : 0;
                float[] e = new float[other.length];
                for (int j = 0; j < e.length; j++) {
                    e[j] = (float) (sign * 0.8 * definitions[v][j] + 0.3 * other[j]);
                }
                x.add(e);
                meta.add(new int[] {v, label});
                cosines.add(LogisticHead.cosine(e, definitions[v]));
            }
        }
        PairData plain = data(x, meta, definitions.length);
        return new PairData(plain.x(), cosines.stream().mapToDouble(Double::doubleValue).toArray(), plain.value(),
                plain.label(), plain.group(), plain.values());
    }

    @Test
    void folds_keep_the_pairs_of_one_text_together() {
        int[] group = {0, 0, 1, 1, 2, 2, 3, 4, 5, 5};
        int[] fold = LogisticHeadTrainer.foldsByGroup(group, 3, 7);
        for (int i = 0; i < group.length; i++) {
            for (int j = 0; j < group.length; j++) {
                if (group[i] == group[j]) {
                    assertThat(fold[i]).isEqualTo(fold[j]);
                }
            }
        }
        assertThat(java.util.Arrays.stream(fold).distinct().count()).isEqualTo(3);
    }

    @Test
    void the_shared_head_needs_definitions_and_a_fit_needs_pairs() {
        assertThatThrownBy(() -> LogisticHeadTrainer.builder().shared(null)).hasMessageContaining("definitions");
        PairData empty = new PairData(new float[0][], new double[0], new int[0], new int[0], new int[0], 1);
        assertThatThrownBy(() -> LogisticHeadTrainer.perValue().fit(empty, 1e-2)).hasMessageContaining("no pairs");
    }
}
