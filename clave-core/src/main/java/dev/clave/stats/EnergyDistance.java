package dev.clave.stats;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The energy distance between two sets of vectors (Székely and Rizzo) and its permutation test: are the two sets
 * samples of one distribution? With Euclidean distances {@code |.|},
 * <pre>
 * E = 2 mean|x - y| - mean|x - x'| - mean|y - y'|
 * </pre>
 * over all pairs (V-statistic: the zero distances of a point to itself included). E is zero exactly when the two
 * empirical distributions are equal and, for Euclidean distance, is a metric between distributions: it sees any
 * difference (a shift, a change of spread, a new cluster), not only a shift of the means. The
 * {@link #coefficient() energy coefficient} {@code H = E / (2 mean|x - y|)}, in [0, 1], is its scale-free size, so
 * that a tolerance means the same for any vectors.
 *
 * <p>The p-value comes from a permutation test. Unpaired, the pooled vectors are shuffled and split into sets of the
 * original sizes. {@linkplain #pairedTest Paired} (the i-th vectors of both sets answer the same question), only the
 * two members of a pair are swapped, each pair independently with probability 1/2: exact under the null hypothesis
 * that the two members of every pair are exchangeable, and more powerful than the unpaired shuffle when pairs differ
 * much more from each other than within (answers to different questions). The p-value is
 * {@code (1 + #{E* >= E}) / (1 + permutations)}, never zero; paired, when the {@code 2^pairs} distinct swaps are no more
 * than the permutations asked for, all of them are enumerated and the p-value is exact. Rearrangements are
 * drawn from a {@link SplittableRandom} seeded with {@code seed}: the same inputs and seed give the same p-value.
 *
 * @param distance      the energy distance E, at least 0
 * @param coefficient   the energy coefficient H = E / (2 mean|x - y|), in [0, 1]; 0 when all vectors are equal
 * @param pValue        the permutation p-value, in (0, 1]
 * @param permutations  the rearrangements the p-value counts (all of them when {@code exact})
 * @param exact         whether every distinct rearrangement was enumerated
 * @param paired        whether only the members of each pair were swapped
 * @param baselineSize  vectors in the first set
 * @param candidateSize vectors in the second set
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EnergyDistance(double distance, double coefficient, double pValue, int permutations, boolean exact,
                             boolean paired, int baselineSize, int candidateSize) {

    /** A permuted statistic counts as at least the observed one within this relative rounding error. */
    private static final double TIE = 1e-9;

    public EnergyDistance {
        atLeast(permutations, 1, "permutations");
        atLeast(baselineSize, 1, "baselineSize");
        atLeast(candidateSize, 1, "candidateSize");
        if (!(pValue > 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue must be in (0, 1], but is: " + pValue);
        }
    }

    /**
     * The energy distance of two sets of vectors, without a test.
     *
     * @throws IllegalArgumentException when a set is empty, the vectors differ in length or hold a value that is not
     *                                  finite
     */
    public static double distance(double[][] baseline, double[][] candidate) {
        Pooled pooled = new Pooled(baseline, candidate);
        return pooled.statistic(pooled.identity());
    }

    /**
     * The unpaired permutation test: the pooled vectors are shuffled {@code permutations} times.
     *
     * @throws IllegalArgumentException as {@link #distance}, or when {@code permutations} is below 1
     */
    public static EnergyDistance test(double[][] baseline, double[][] candidate, int permutations, long seed) {
        atLeast(permutations, 1, "permutations");
        Pooled pooled = new Pooled(baseline, candidate);
        boolean[] observed = pooled.identity();
        double statistic = pooled.statistic(observed);
        int n = baseline.length;
        int total = pooled.size;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] inBaseline = new boolean[total];
        int extreme = 0;
        for (int b = 0; b < permutations; b++) {
            for (int i = total - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            Arrays.fill(inBaseline, false);
            for (int i = 0; i < n; i++) {
                inBaseline[order[i]] = true;
            }
            if (reaches(pooled.statistic(inBaseline), statistic)) {
                extreme++;
            }
        }
        return new EnergyDistance(statistic, pooled.coefficient(observed, statistic), (1.0 + extreme) / (1.0 + permutations),
                permutations, false, false, baseline.length, candidate.length);
    }

    /**
     * The paired permutation test: {@code baseline[i]} and {@code candidate[i]} belong together (e.g. two models'
     * answers to question i); each rearrangement swaps the members of every pair with probability 1/2. With at most
     * {@code permutations} distinct rearrangements ({@code 2^pairs}) all are enumerated and the p-value is exact.
     *
     * @throws IllegalArgumentException as {@link #distance}, when the sets differ in size, or when {@code permutations}
     *                                  is below 1
     */
    public static EnergyDistance pairedTest(double[][] baseline, double[][] candidate, int permutations, long seed) {
        atLeast(permutations, 1, "permutations");
        notNull(baseline, "baseline");
        notNull(candidate, "candidate");
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("a paired test needs sets of equal size, but they have " + baseline.length
                    + " and " + candidate.length + " vectors");
        }
        Pooled pooled = new Pooled(baseline, candidate);
        boolean[] observed = pooled.identity();
        double statistic = pooled.statistic(observed);
        double coefficient = pooled.coefficient(observed, statistic);
        int pairs = baseline.length;
        boolean[] inBaseline = new boolean[pooled.size];
        if (pairs < 31 && (1L << pairs) <= permutations) {
            int all = 1 << pairs;
            int extreme = 0;
            for (int mask = 0; mask < all; mask++) {
                for (int i = 0; i < pairs; i++) {
                    boolean swapped = (mask & (1 << i)) != 0;
                    inBaseline[i] = !swapped;
                    inBaseline[pairs + i] = swapped;
                }
                if (reaches(pooled.statistic(inBaseline), statistic)) {
                    extreme++;
                }
            }
            return new EnergyDistance(statistic, coefficient, (double) extreme / all, all, true, true, pairs, pairs);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int extreme = 0;
        for (int b = 0; b < permutations; b++) {
            for (int i = 0; i < pairs; i++) {
                boolean swapped = random.nextBoolean();
                inBaseline[i] = !swapped;
                inBaseline[pairs + i] = swapped;
            }
            if (reaches(pooled.statistic(inBaseline), statistic)) {
                extreme++;
            }
        }
        return new EnergyDistance(statistic, coefficient, (1.0 + extreme) / (1.0 + permutations), permutations, false,
                true, pairs, pairs);
    }

    /** Whether the p-value is at most {@code alpha}. */
    public boolean significant(double alpha) {
        return pValue <= alpha;
    }

    private static boolean reaches(double permuted, double observed) {
        return permuted >= observed - TIE * Math.abs(observed);
    }

    /** E.g. {@code energy distance 0.0123 (H 0.021), p = 0.004 (999 paired permutations)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "energy distance %.4g (H %.3f), p = %.4g (%s%d %spermutations)", distance,
                coefficient, pValue, exact ? "exact, " : "", permutations, paired ? "paired " : "");
    }

    /** The pooled distance matrix of both sets: the first {@code n} rows are the baseline. */
    private static final class Pooled {
        final int size;
        final int baseline;
        final double[][] distances;
        final double[] rowSums;
        final double total;

        Pooled(double[][] first, double[][] second) {
            notNull(first, "baseline");
            notNull(second, "candidate");
            if (first.length == 0 || second.length == 0) {
                throw new IllegalArgumentException("the energy distance needs vectors in both sets, but they have "
                        + first.length + " and " + second.length);
            }
            this.baseline = first.length;
            this.size = first.length + second.length;
            double[][] points = new double[size][];
            System.arraycopy(first, 0, points, 0, first.length);
            System.arraycopy(second, 0, points, first.length, second.length);
            int dimension = notNull(points[0], "vector 0").length;
            for (int i = 0; i < size; i++) {
                double[] p = notNull(points[i], "vector " + i);
                if (p.length != dimension) {
                    throw new IllegalArgumentException("all vectors must have the same length (" + dimension
                            + "), but vector " + i + " has: " + p.length);
                }
                for (double v : p) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("vector " + i + " holds a value that is not finite: " + v);
                    }
                }
            }
            distances = new double[size][size];
            rowSums = new double[size];
            double sum = 0;
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    double d = euclidean(points[i], points[j]);
                    distances[i][j] = d;
                    distances[j][i] = d;
                }
            }
            for (int i = 0; i < size; i++) {
                double row = 0;
                for (int j = 0; j < size; j++) {
                    row += distances[i][j];
                }
                rowSums[i] = row;
                sum += row;
            }
            total = sum;
        }

        boolean[] identity() {
            boolean[] inBaseline = new boolean[size];
            for (int i = 0; i < baseline; i++) {
                inBaseline[i] = true;
            }
            return inBaseline;
        }

        /** E for a split of the pooled vectors; {@code inBaseline} marks the first set. */
        double statistic(boolean[] inBaseline) {
            int[] members = new int[size];
            int n = 0;
            double rows = 0;
            for (int i = 0; i < size; i++) {
                if (inBaseline[i]) {
                    members[n++] = i;
                    rows += rowSums[i];
                }
            }
            int m = size - n;
            double within = 0;
            for (int a = 0; a < n; a++) {
                double[] row = distances[members[a]];
                for (int b = a + 1; b < n; b++) {
                    within += row[members[b]];
                }
            }
            double sxx = 2 * within;
            double sxy = rows - sxx;
            double syy = total - sxx - 2 * sxy;
            double e = 2 * sxy / ((double) n * m) - sxx / ((double) n * n) - syy / ((double) m * m);
            return Math.max(0.0, e);
        }

        double coefficient(boolean[] inBaseline, double statistic) {
            double rows = 0;
            double within = 0;
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (inBaseline[i]) {
                    n++;
                    rows += rowSums[i];
                    for (int j = i + 1; j < size; j++) {
                        if (inBaseline[j]) {
                            within += distances[i][j];
                        }
                    }
                }
            }
            double between = 2 * (rows - 2 * within) / ((double) n * (size - n));
            return between <= 0 ? 0.0 : Math.min(1.0, statistic / between);
        }

        private static double euclidean(double[] a, double[] b) {
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                double d = a[k] - b[k];
                sum += d * d;
            }
            return Math.sqrt(sum);
        }
    }
}
