package dev.clave.recognizer;

import dev.clave.data.Label;
import dev.clave.stats.ConfusionMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Fits a converged, L2-regularised multinomial logistic head ({@link LogisticHead}) on pooled pairs, with the
 * regularisation strength chosen by cross-validation on the training pairs alone (folds grouped by text; the
 * criterion is a {@link SelectionCriterion}: the held-out mean log-loss by default here, as befits a probe, while
 * calibration asks for Cohen's kappa of the out-of-fold labels). Called inside each fold of an outer
 * cross-validation, the selection is nested, so the outer figures stay honest.
 *
 * <p>Two heads:
 * <ul>
 *   <li>{@link HeadKind#LOGISTIC}: an independent multinomial logistic regression per value over the
 *   mean concept embedding; one strength for all values, the one with the least held-out log-loss summed over
 *   values.</li>
 *   <li>{@link HeadKind#SHARED}: one head for all values over {@code [e, e∘d, cos(e, d)]}, d the embedding of
 *   the value's definition, plus a per-value block (its own weights on e and biases) penalised {@code blockPenalty}
 *   times more, so values with few labels borrow from the others and a new value benefits from its definition.
 *   Strength and block penalty are chosen together.</li>
 * </ul>
 *
 * <p>The optimiser is Commons Math's non-linear conjugate gradient; fits along the strength grid start from the
 * previous (stronger) strength's optimum; a per-value head is fitted in the span of its value's rows (exact, see
 * {@link RowSpace}) and the values in parallel. Deterministic for a seed. Thread-safe: holds configuration only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LogisticHeadTrainer {

    /**
     * The default strength grid of a per-value head fitted on its own (the benchmark's well-regularised logistic
     * probe), from strong to weak; calibration passes {@link HeadConfig#strengths()}.
     */
    public static final double[] DEFAULT_STRENGTHS = {3e-2, 1e-2, 3e-3, 1e-3, 3e-4};
    /** The default strength grid of the shared head, from strong to weak. */
    public static final double[] DEFAULT_SHARED_STRENGTHS = HeadConfig.SHARED_STRENGTHS.stream().mapToDouble(Double::doubleValue).toArray();
    /** The default block penalties of the shared head. */
    public static final double[] DEFAULT_BLOCK_PENALTIES = {1, 4};

    private final HeadKind kind;
    private final float @Nullable [][] definitions;
    private final double[] strengths;
    private final double[] blockPenalties;
    private final int folds;
    private final SelectionCriterion criterion;
    private final int maxIterations;
    private final long seed;

    private LogisticHeadTrainer(Builder b) {
        this.kind = b.kind;
        this.definitions = b.definitions;
        this.strengths = b.strengths.clone();
        this.blockPenalties = kind == HeadKind.SHARED ? b.blockPenalties.clone() : new double[] {1};
        this.folds = b.folds;
        this.criterion = b.criterion;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
        if (kind == HeadKind.SHARED && definitions == null) {
            throw new IllegalArgumentException("the shared head needs the definition embedding of every value");
        }
    }

    /** A trainer of the per-value head with the default grid. */
    public static LogisticHeadTrainer perValue() {
        return builder().build();
    }

    /** A trainer of the definition-conditioned shared head with the default grid. */
    public static LogisticHeadTrainer shared(float[][] definitions) {
        return builder().shared(definitions).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One point of the grid and its cross-validated figures.
     *
     * @param strength     the L2 strength
     * @param blockPenalty the block penalty (1 for the per-value head)
     * @param logLoss      the held-out mean log-loss
     * @param kappa        Cohen's kappa of the held-out labels (argmax), pooled over values
     * @param kappaError   the standard error of that kappa: the standard deviation of the folds' kappas over the
     *                     square root of their number (0 with one fold)
     */
    public record GridPoint(double strength, double blockPenalty, double logLoss, double kappa, double kappaError) {
    }

    /**
     * What cross-validation chose, the whole grid, and the out-of-fold probabilities at the chosen point.
     *
     * @param strength     the chosen L2 strength
     * @param blockPenalty the chosen block penalty (1 for the per-value head)
     * @param grid         every point with its held-out mean log-loss and kappa
     * @param outOfFold    per pair the probabilities of the fold's head that did not see it, at the chosen point
     *                     (uniform for a pair no fold scored)
     */
    public record Selection(double strength, double blockPenalty, List<GridPoint> grid, double[][] outOfFold) {
    }

    /** A head and the cross-validation that chose its strength. */
    public record Fit(LogisticHead head, Selection selection) {
    }

    /** Chooses the strength (and block penalty) by cross-validation, then fits on all pairs with it. */
    public LogisticHead fit(PairData data) {
        return fitSelected(data).head();
    }

    /** Chooses the strength (and block penalty) by cross-validation, then fits on all pairs with it. */
    public Fit fitSelected(PairData data) {
        Selection selection = select(data);
        return new Fit(fit(data, selection.strength(), selection.blockPenalty()), selection);
    }

    /** Fits on all pairs with a given strength (block penalty 1 for the shared head). */
    public LogisticHead fit(PairData data, double strength) {
        return fit(data, strength, 1);
    }

    /** Fits on all pairs with a given strength and block penalty. */
    public LogisticHead fit(PairData data, double strength, double blockPenalty) {
        notNull(data, "data");
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot fit a head on no pairs");
        }
        if (kind == HeadKind.SHARED) {
            MultinomialObjective objective = new MultinomialObjective(data, definitions, true, strength, blockPenalty);
            double[] p = objective.minimise(null, maxIterations);
            return new LogisticHead(kind, strength, reshape(objective.effectiveWeights(p), data.values(), data.dimension()),
                    objective.biases(p), objective.cosineWeights(p), definitions);
        }
        int d = data.dimension();
        double[][][] weights = new double[data.values()][3][d];
        double[][] bias = new double[data.values()][3];
        IntStream.range(0, data.values()).parallel().forEach(v -> {
            PairData ofValue = ofValue(data, v);
            if (ofValue.size() == 0) {
                return;
            }
            RowSpace space = RowSpace.of(ofValue);
            MultinomialObjective objective = new MultinomialObjective(space.reduced(), null, false, strength, 1);
            double[] p = objective.minimise(null, maxIterations);
            weights[v] = space.expand(objective.effectiveWeights(p));
            bias[v] = objective.biases(p)[0];
        });
        return new LogisticHead(kind, strength, weights, bias, new double[3], null);
    }

    /**
     * Cross-validates every grid point on the pairs (folds grouped by text) and picks one by the criterion: the least
     * held-out log-loss (on a tie the earlier point); or, for kappa, the one-standard-error rule: the strongest
     * regularisation whose kappa is within one standard error of the greatest kappa (on a tie of strengths the
     * earlier point).
     */
    public Selection select(PairData data) {
        int[] foldOf = foldsByGroup(data.group(), folds, seed);
        int effectiveFolds = Arrays.stream(foldOf).max().orElse(0) + 1;
        List<List<Integer>> tests = new ArrayList<>();
        List<PairData> trains = new ArrayList<>();
        List<PairData> testData = new ArrayList<>();
        for (int fold = 0; fold < effectiveFolds; fold++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                (foldOf[i] == fold ? test : train).add(i);
            }
            if (!train.isEmpty() && !test.isEmpty()) {
                tests.add(test);
                trains.add(data.subset(train));
                testData.add(data.subset(test));
            }
        }
        // every (block penalty, fold) path is independent: they run in parallel, each deterministic, stored by index
        int paths = blockPenalties.length * tests.size();
        double[][][][] results = new double[paths][][][];
        IntStream.range(0, paths).parallel().forEach(task -> {
            int fold = task % tests.size();
            results[task] = path(trains.get(fold), testData.get(fold), blockPenalties[task / tests.size()]);
        });
        List<GridPoint> grid = new ArrayList<>();
        List<double[][]> outOfFold = new ArrayList<>();
        for (int b = 0; b < blockPenalties.length; b++) {
            double[][][] probabilities = new double[strengths.length][data.size()][];
            for (int fold = 0; fold < tests.size(); fold++) {
                double[][][] foldProbabilities = results[b * tests.size() + fold];
                List<Integer> test = tests.get(fold);
                for (int s = 0; s < strengths.length; s++) {
                    for (int i = 0; i < test.size(); i++) {
                        probabilities[s][test.get(i)] = foldProbabilities[s][i];
                    }
                }
            }
            for (int s = 0; s < strengths.length; s++) {
                double loss = 0;
                for (int i = 0; i < data.size(); i++) {
                    if (probabilities[s][i] == null) {
                        probabilities[s][i] = new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0};
                    }
                    loss -= Math.log(Math.max(probabilities[s][i][data.label()[i]], 1e-15));
                }
                double[] foldKappas = new double[tests.size()];
                for (int fold = 0; fold < tests.size(); fold++) {
                    foldKappas[fold] = kappa(data, probabilities[s], tests.get(fold));
                }
                grid.add(new GridPoint(strengths[s], blockPenalties[b], loss / Math.max(1, data.size()),
                        kappa(data, probabilities[s], IntStream.range(0, data.size()).boxed().toList()),
                        standardError(foldKappas)));
                outOfFold.add(probabilities[s]);
            }
        }
        int best = 0;
        for (int g = 1; g < grid.size(); g++) {
            boolean better = criterion == SelectionCriterion.KAPPA
                    ? grid.get(g).kappa() > grid.get(best).kappa() + 1e-12
                    : grid.get(g).logLoss() < grid.get(best).logLoss() - 1e-12;
            if (better) {
                best = g;
            }
        }
        if (criterion == SelectionCriterion.KAPPA) {
            double threshold = grid.get(best).kappa() - grid.get(best).kappaError() - 1e-12;
            int chosen = best;
            for (int g = 0; g < grid.size(); g++) {
                if (grid.get(g).kappa() >= threshold && grid.get(g).strength() > grid.get(chosen).strength()) {
                    chosen = g;
                }
            }
            best = chosen;
        }
        return new Selection(grid.get(best).strength(), grid.get(best).blockPenalty(), List.copyOf(grid), outOfFold.get(best));
    }

    /** Per strength the held-out probabilities of the test pairs, fitting from strong to weak with warm starts. */
    private double[][][] path(PairData train, PairData test, double penalty) {
        double[][][] probabilities = new double[strengths.length][test.size()][];
        if (kind == HeadKind.SHARED) {
            double[] start = null;
            for (int s = 0; s < strengths.length; s++) {
                MultinomialObjective objective = new MultinomialObjective(train, definitions, true, strengths[s], penalty);
                start = objective.minimise(start, maxIterations);
                LogisticHead head = new LogisticHead(kind, strengths[s],
                        reshape(objective.effectiveWeights(start), train.values(), train.dimension()),
                        objective.biases(start), objective.cosineWeights(start), definitions);
                probabilities[s] = head.probabilities(test);
            }
            return probabilities;
        }
        IntStream.range(0, train.values()).parallel().forEach(v -> {
            List<Integer> testRows = rowsOf(test, v);
            PairData trainV = ofValue(train, v);
            if (testRows.isEmpty()) {
                return;
            }
            PairData testV = ofValue(test, v);
            if (trainV.size() == 0) {
                for (int s = 0; s < strengths.length; s++) {
                    for (int row : testRows) {
                        probabilities[s][row] = new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0};
                    }
                }
                return;
            }
            RowSpace space = RowSpace.of(trainV);
            double[] start = null;
            for (int s = 0; s < strengths.length; s++) {
                MultinomialObjective objective = new MultinomialObjective(space.reduced(), null, false, strengths[s], 1);
                start = objective.minimise(start, maxIterations);
                LogisticHead head = new LogisticHead(kind, strengths[s], new double[][][] {space.expand(
                        objective.effectiveWeights(start))}, objective.biases(start), new double[3], null);
                double[][] p = head.probabilities(testV);
                for (int i = 0; i < testRows.size(); i++) {
                    probabilities[s][testRows.get(i)] = p[i];
                }
            }
        });
        return probabilities;
    }

    /**
     * The span of a value's training rows: an L2-penalised linear head's optimal weights lie in it (the gradient of
     * the loss is a combination of the rows), so fitting on the coordinates of the rows in an orthonormal basis of
     * the span (at most one per row) and mapping the weights back is the same fit, with fewer parameters when there are
     * fewer rows than dimensions. The basis comes from the eigendecomposition of the rows' Gram matrix (Commons Math),
     * {@code X Xᵀ = U Λ Uᵀ}: the basis is {@code Xᵀ U Λ^-1/2} and the coordinates {@code U Λ^1/2}; directions whose
     * eigenvalue is below 1e-10 of the largest carry no information and are dropped.
     */
    record RowSpace(PairData reduced, double[][] basis) {

        static RowSpace of(PairData data) {
            int n = data.size();
            int d = data.dimension();
            float[][] x = data.x();
            double[][] gram = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = i; k < n; k++) {
                    double dot = 0;
                    float[] a = x[i];
                    float[] b = x[k];
                    for (int j = 0; j < d; j++) {
                        dot += (double) a[j] * b[j];
                    }
                    gram[i][k] = dot;
                    gram[k][i] = dot;
                }
            }
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
            double[] lambda = eigen.getRealEigenvalues();
            double max = 0;
            for (double l : lambda) {
                max = Math.max(max, l);
            }
            List<Integer> kept = new ArrayList<>();
            for (int r = 0; r < lambda.length; r++) {
                if (lambda[r] > 1e-10 * max && lambda[r] > 0) {
                    kept.add(r);
                }
            }
            RealMatrix u = eigen.getV();
            double[][] basis = new double[Math.max(kept.size(), 1)][d];
            float[][] z = new float[n][basis.length];
            for (int c = 0; c < kept.size(); c++) {
                int r = kept.get(c);
                double sigma = Math.sqrt(lambda[r]);
                for (int i = 0; i < n; i++) {
                    double uir = u.getEntry(i, r);
                    z[i][c] = (float) (uir * sigma);
                    if (uir != 0) {
                        double scale = uir / sigma;
                        float[] row = x[i];
                        for (int j = 0; j < d; j++) {
                            basis[c][j] += scale * row[j];
                        }
                    }
                }
            }
            return new RowSpace(new PairData(z, data.cosine(), data.value(), data.label(), data.group(), data.values()), basis);
        }

        /** Weights over the reduced coordinates, {@code [3][r]}, as weights over the embedding, {@code [3][D]}. */
        double[][] expand(double[][] reducedWeights) {
            int d = basis[0].length;
            double[][] out = new double[reducedWeights.length][d];
            for (int k = 0; k < reducedWeights.length; k++) {
                for (int r = 0; r < basis.length; r++) {
                    double w = reducedWeights[k][r];
                    for (int j = 0; j < d; j++) {
                        out[k][j] += w * basis[r][j];
                    }
                }
            }
            return out;
        }
    }

    /** Cohen's kappa of the pairs' argmax labels against their labels (0 when no pair is given). */
    private static double kappa(PairData data, double[][] probabilities, List<Integer> pairs) {
        ConfusionMatrix agreement = new ConfusionMatrix();
        for (int i : pairs) {
            agreement.add(Label.values()[data.label()[i]], Label.values()[TextScore.argmax(probabilities[i])]);
        }
        return pairs.isEmpty() ? 0 : agreement.kappa();
    }

    /** The sample standard deviation (Commons Math) over the square root of the count (0 for fewer than two values). */
    private static double standardError(double[] values) {
        return values.length < 2 ? 0 : new StandardDeviation().evaluate(values) / Math.sqrt(values.length);
    }

    /** Summed negative log-likelihood of the labelled pairs. */
    static double logLoss(LogisticHead head, PairData data) {
        double[][] p = head.probabilities(data);
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            sum -= Math.log(Math.max(p[i][data.label()[i]], 1e-15));
        }
        return sum;
    }

    /** The positions of one value's pairs. */
    private static List<Integer> rowsOf(PairData data, int v) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (data.value()[i] == v) {
                idx.add(i);
            }
        }
        return idx;
    }

    /** The pairs of one value, re-indexed as the only value. */
    private static PairData ofValue(PairData data, int v) {
        List<Integer> idx = rowsOf(data, v);
        PairData subset = data.subset(idx);
        return new PairData(subset.x(), subset.cosine(), new int[idx.size()], subset.label(), subset.group(), 1);
    }

    private static double[][][] reshape(double[][] rows, int values, int d) {
        double[][][] out = new double[values][3][];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                out[v][k] = rows[v * 3 + k];
            }
        }
        return out;
    }

    /**
     * Assigns each pair a fold so that all pairs of a group (text) share one: groups are shuffled with the seed and
     * dealt round-robin. Fewer groups than folds give one fold per group.
     */
    public static int[] foldsByGroup(int[] group, int folds, long seed) {
        Map<Integer, Integer> foldOfGroup = new LinkedHashMap<>();
        List<Integer> groups = new ArrayList<>();
        for (int g : group) {
            if (!foldOfGroup.containsKey(g)) {
                foldOfGroup.put(g, -1);
                groups.add(g);
            }
        }
        Collections.sort(groups);
        Collections.shuffle(groups, new Random(seed));
        int k = Math.max(1, Math.min(folds, groups.size()));
        for (int i = 0; i < groups.size(); i++) {
            foldOfGroup.put(groups.get(i), i % k);
        }
        int[] out = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            out[i] = foldOfGroup.get(group[i]);
        }
        return out;
    }

    /** Configures a {@link LogisticHeadTrainer}. */
    public static final class Builder {
        private HeadKind kind = HeadKind.LOGISTIC;
        private float[][] definitions;
        private double[] strengths = DEFAULT_STRENGTHS;
        private boolean strengthsGiven;
        private double[] blockPenalties = DEFAULT_BLOCK_PENALTIES;
        private int folds = 5;
        private SelectionCriterion criterion = SelectionCriterion.LOG_LOSS;
        private int maxIterations = 200;
        private long seed = 42;

        private Builder() {
        }

        /** Fit the definition-conditioned shared head; {@code definitions[v]} is the embedding of value v's definition. */
        public Builder shared(float[][] definitions) {
            this.kind = HeadKind.SHARED;
            this.definitions = notNull(definitions, "definitions");
            if (!strengthsGiven) {
                this.strengths = DEFAULT_SHARED_STRENGTHS;
            }
            return this;
        }

        /** The strengths to cross-validate, any order (fitted from strong to weak). Default {@link #DEFAULT_STRENGTHS}. */
        public Builder strengths(double... strengths) {
            if (strengths.length == 0) {
                throw new IllegalArgumentException("give at least one strength");
            }
            double[] sorted = strengths.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length / 2; i++) {
                double t = sorted[i];
                sorted[i] = sorted[sorted.length - 1 - i];
                sorted[sorted.length - 1 - i] = t;
            }
            for (double s : sorted) {
                if (!(s >= 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException("strengths must be finite and at least 0, but one is: " + s);
                }
            }
            this.strengths = sorted;
            this.strengthsGiven = true;
            return this;
        }

        /** The block penalties of the shared head to cross-validate. Default {@link #DEFAULT_BLOCK_PENALTIES}. */
        public Builder blockPenalties(double... penalties) {
            if (penalties.length == 0) {
                throw new IllegalArgumentException("give at least one block penalty");
            }
            this.blockPenalties = penalties.clone();
            return this;
        }

        /** Cross-validation folds for the selection (at least 2). Default 5. */
        public Builder folds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2, but is: " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** What the selection maximises. Default {@link SelectionCriterion#LOG_LOSS}. */
        public Builder criterion(SelectionCriterion criterion) {
            this.criterion = notNull(criterion, "criterion");
            return this;
        }

        /** The most optimiser iterations per fit. Default 200. */
        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be positive, but is: " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /** The seed of the fold assignment. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public LogisticHeadTrainer build() {
            return new LogisticHeadTrainer(this);
        }
    }
}
