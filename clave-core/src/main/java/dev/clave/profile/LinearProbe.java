package dev.clave.profile;

import dev.clave.stats.WilsonInterval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Source identification by a difference-of-means linear probe, cross-validated over seeded folds. The probe has no
 * parameters to tune, so it cannot overfit a few dozen answers in hundreds of dimensions the way a fitted classifier
 * can.
 * <ul>
 *   <li>Paired (both sets answer the same questions, {@code a[i]} and {@code b[i]} to question i): the folds hold
 *   whole questions. The probe direction is the mean of {@code a[i] - b[i]} over the training questions; a held-out
 *   question is identified correctly when its own difference points the same way ({@code w . (a - b) > 0}).</li>
 *   <li>Unpaired: the folds are stratified by set. A held-out vector is assigned to the set whose training mean is
 *   nearer (the nearest-centroid rule, linear in the vector).</li>
 * </ul>
 * An exact tie (e.g. identical vectors) is decided by a seeded coin, so that indistinguishable sets score 0.5 on average.
 */
final class LinearProbe {

    private LinearProbe() {
    }

    static SourceIdentification identify(double[][] a, double[][] b, boolean paired, int folds, long seed, double confidence) {
        SplittableRandom random = new SplittableRandom(seed);
        return paired ? paired(a, b, folds, random, confidence) : unpaired(a, b, folds, random, confidence);
    }

    private static SourceIdentification paired(double[][] a, double[][] b, int folds, SplittableRandom random,
                                               double confidence) {
        int n = a.length;
        int k = Math.max(2, Math.min(folds, n));
        int[] fold = assign(n, k, random);
        int dimension = a[0].length;
        double[][] differences = new double[n][dimension];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                differences[i][d] = a[i][d] - b[i][d];
            }
        }
        int correct = 0;
        for (int f = 0; f < k; f++) {
            double[] direction = new double[dimension];
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    add(direction, differences[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    double score = dot(direction, differences[i]);
                    if (score > 0 || (score == 0 && random.nextBoolean())) {
                        correct++;
                    }
                }
            }
        }
        return new SourceIdentification(correct, n, WilsonInterval.of(correct, n, confidence), k, true);
    }

    private static SourceIdentification unpaired(double[][] a, double[][] b, int folds, SplittableRandom random,
                                                 double confidence) {
        int k = Math.max(2, Math.min(folds, Math.min(a.length, b.length)));
        int[] foldA = assign(a.length, k, random);
        int[] foldB = assign(b.length, k, random);
        int dimension = a[0].length;
        int correct = 0;
        for (int f = 0; f < k; f++) {
            double[] meanA = mean(a, foldA, f, dimension);
            double[] meanB = mean(b, foldB, f, dimension);
            correct += heldOut(a, foldA, f, meanA, meanB, random);
            correct += heldOut(b, foldB, f, meanB, meanA, random);
        }
        int total = a.length + b.length;
        return new SourceIdentification(correct, total, WilsonInterval.of(correct, total, confidence), k, false);
    }

    /** Held-out vectors of one set that are nearer their own set's training mean. */
    private static int heldOut(double[][] vectors, int[] fold, int f, double[] own, double[] other, SplittableRandom random) {
        int correct = 0;
        for (int i = 0; i < vectors.length; i++) {
            if (fold[i] == f) {
                double margin = squaredDistance(vectors[i], other) - squaredDistance(vectors[i], own);
                if (margin > 0 || (margin == 0 && random.nextBoolean())) {
                    correct++;
                }
            }
        }
        return correct;
    }

    /** Deals {@code n} items into {@code k} folds of near-equal size, in a seeded random order. */
    private static int[] assign(int n, int k, SplittableRandom random) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        int[] fold = new int[n];
        for (int position = 0; position < n; position++) {
            fold[order.get(position)] = position % k;
        }
        return fold;
    }

    private static double[] mean(double[][] vectors, int[] fold, int heldOut, int dimension) {
        double[] mean = new double[dimension];
        int count = 0;
        for (int i = 0; i < vectors.length; i++) {
            if (fold[i] != heldOut) {
                add(mean, vectors[i]);
                count++;
            }
        }
        for (int d = 0; d < dimension; d++) {
            mean[d] /= count;
        }
        return mean;
    }

    private static void add(double[] sum, double[] vector) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += vector[d];
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            sum += x[d] * y[d];
        }
        return sum;
    }

    private static double squaredDistance(double[] x, double[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            double diff = x[d] - y[d];
            sum += diff * diff;
        }
        return sum;
    }
}
