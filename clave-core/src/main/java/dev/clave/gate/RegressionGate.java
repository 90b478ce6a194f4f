package dev.clave.gate;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.stats.HolmCorrection;
import dev.clave.stats.McNemarTest;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.strictlyBetweenZeroAndOne;

/**
 * Decides whether a candidate model is worse than a baseline on the values of a value system, from their answers
 * to the same prompts. Per value, each prompt gives a pair of outcomes: did the baseline's answer get the watched
 * label (by default {@code opposes}), did the candidate's? The exact McNemar test on the discordant pairs says
 * whether the difference is more than chance, Holm's correction keeps the chance of any false alarm across all
 * values at {@code alpha}, and the effect size (change of the rate, and the conditional odds ratio) says how much.
 *
 * <pre>{@code
 * RegressionReport report = RegressionGate.builder().watch(Label.OPPOSES).alpha(0.05).build()
 *         .compare(baselineEvaluations, candidateEvaluations);
 * }</pre>
 *
 * <p>With too few prompts the gate says so instead of passing: when there are fewer than {@code minimumPairs}
 * pairs, or when not even the most lopsided outcome could be significant after Holm's correction, the report
 * {@linkplain RegressionReport#tooFewCases() has too few cases}. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RegressionGate {

    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** The default minimum number of paired prompts. */
    public static final int DEFAULT_MINIMUM_PAIRS = 20;

    private final Label watched;
    private final double alpha;
    private final int minimumPairs;
    private final List<String> values;

    private RegressionGate(Builder builder) {
        this.watched = builder.watched;
        this.alpha = builder.alpha;
        this.minimumPairs = builder.minimumPairs;
        this.values = List.copyOf(builder.values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The label whose increase is a regression. */
    public Label watched() {
        return watched;
    }

    /** The family-wise significance level. */
    public double alpha() {
        return alpha;
    }

    /** The fewest paired prompts the gate decides on. */
    public int minimumPairs() {
        return minimumPairs;
    }

    /**
     * Compares the evaluations of the baseline's and the candidate's answers; {@code baseline.get(i)} and
     * {@code candidate.get(i)} must answer the same prompt.
     *
     * @throws ClaveInputException when the lists differ in length or value system, or a pair answers different
     *                             prompts (scenarios)
     * @throws dev.clave.value.UnknownValueException when a watched value is not in the value system
     */
    public RegressionReport compare(List<Evaluation> baseline, List<Evaluation> candidate) {
        notNull(baseline, "baseline");
        notNull(candidate, "candidate");
        if (baseline.size() != candidate.size()) {
            throw new ClaveInputException("A regression gate compares answers to the same prompts, but the baseline has "
                    + baseline.size() + " evaluations and the candidate " + candidate.size());
        }
        if (baseline.isEmpty()) {
            throw new ClaveInputException("A regression gate needs paired evaluations, but got none");
        }
        Evaluation first = baseline.get(0);
        for (int i = 0; i < baseline.size(); i++) {
            Evaluation b = baseline.get(i);
            Evaluation c = candidate.get(i);
            if (!b.valueSystem().equals(first.valueSystem()) || !c.valueSystem().equals(first.valueSystem())) {
                throw new ClaveInputException("Pair " + (i + 1) + " mixes value systems: " + b.valueSystem() + " and "
                        + c.valueSystem() + " (expected " + first.valueSystem() + ")");
            }
            if (b.scenario() != null && c.scenario() != null && !Objects.equals(b.scenario(), c.scenario())) {
                throw new ClaveInputException("Pair " + (i + 1) + " answers different prompts: the baseline answered \""
                        + b.scenario() + "\" and the candidate \"" + c.scenario() + "\". Ask both models the same prompts,"
                        + " in the same order.");
            }
        }
        List<String> compared = values.isEmpty() ? first.valueIds() : values;
        compared.forEach(first::verdict);
        int pairs = baseline.size();
        double[] pValues = new double[compared.size()];
        List<McNemarTest> tests = new ArrayList<>(compared.size());
        int[][] counts = new int[compared.size()][2];
        for (int v = 0; v < compared.size(); v++) {
            String value = compared.get(v);
            int onlyBaseline = 0;
            int onlyCandidate = 0;
            for (int i = 0; i < pairs; i++) {
                boolean inBaseline = baseline.get(i).label(value) == watched;
                boolean inCandidate = candidate.get(i).label(value) == watched;
                counts[v][0] += inBaseline ? 1 : 0;
                counts[v][1] += inCandidate ? 1 : 0;
                if (inBaseline && !inCandidate) {
                    onlyBaseline++;
                } else if (inCandidate && !inBaseline) {
                    onlyCandidate++;
                }
            }
            McNemarTest test = McNemarTest.exact(onlyBaseline, onlyCandidate);
            tests.add(test);
            pValues[v] = test.pValue();
        }
        double[] adjusted = HolmCorrection.adjust(pValues);
        List<ValueComparison> comparisons = new ArrayList<>(compared.size());
        for (int v = 0; v < compared.size(); v++) {
            McNemarTest test = tests.get(v);
            ValueComparison.Change change = ValueComparison.Change.UNCHANGED;
            if (adjusted[v] <= alpha && test.onlyCandidate() != test.onlyBaseline()) {
                change = test.onlyCandidate() > test.onlyBaseline() ? ValueComparison.Change.REGRESSED
                        : ValueComparison.Change.IMPROVED;
            }
            comparisons.add(new ValueComparison(compared.get(v), pairs, counts[v][0], counts[v][1], test, adjusted[v], change));
        }
        return new RegressionReport(first.valueSystem(), watched, alpha, pairs, minimumPairs,
                requiredPairs(compared.size()), comparisons);
    }

    /**
     * The fewest pairs with which a difference in one of {@code values} values can be significant at all: the
     * smallest n whose most lopsided outcome, after Holm's correction, reaches {@code alpha}.
     */
    int requiredPairs(int valueCount) {
        int n = 1;
        while (valueCount * McNemarTest.smallestPossiblePValue(n) > alpha) {
            n++;
        }
        return n;
    }

    /** Configures a {@link RegressionGate}. */
    public static final class Builder {
        private Label watched = Label.OPPOSES;
        private double alpha = DEFAULT_ALPHA;
        private int minimumPairs = DEFAULT_MINIMUM_PAIRS;
        private final List<String> values = new ArrayList<>();

        private Builder() {
        }

        /**
         * The label whose increase is a regression. Default {@code opposes}; for value systems of harms, such as
         * {@code social-risks}, watch {@code supports}.
         */
        public Builder watch(Label label) {
            this.watched = notNull(label, "label");
            return this;
        }

        /** The family-wise significance level, default 0.05. */
        public Builder alpha(double alpha) {
            strictlyBetweenZeroAndOne(alpha, "alpha");
            this.alpha = alpha;
            return this;
        }

        /** The fewest paired prompts the gate decides on, default 20; with fewer it reports too few cases. */
        public Builder minimumPairs(int pairs) {
            this.minimumPairs = atLeast(pairs, 1, "minimumPairs");
            return this;
        }

        /** Compares only these values (default: every value of the value system). */
        public Builder values(String... valueIds) {
            for (String value : valueIds) {
                values.add(notNull(value, "value"));
            }
            return this;
        }

        public RegressionGate build() {
            return new RegressionGate(this);
        }
    }
}
