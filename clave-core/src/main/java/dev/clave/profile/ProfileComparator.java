package dev.clave.profile;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.stats.EnergyDistance;
import dev.clave.stats.HolmCorrection;
import dev.clave.stats.McNemarTest;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.strictlyBetweenZeroAndOne;

/**
 * Compares two {@link ModelProfile}s: did the candidate's values move away from the baseline's? Two models in one
 * language, or one model in two languages.
 *
 * <h2>The space: value vectors</h2>
 * Each answer is a point in value space: per value, the evaluator's P(supports) - P(opposes). UniVaR trains an
 * embedding whose only job is values; a general sentence encoder also encodes wording, so a second sample of the same
 * model in other words moves in embedding space as much as a model whose values changed (measured on the sample
 * suite's recordings: in Chinese, the rerun's embeddings differ from the baseline's with p = 0.003, as much as the
 * drifted version's). Value vectors mean the same in every language when the languages' evaluators were calibrated on
 * the same labelled texts, one translated. The embeddings are compared too, when both profiles were embedded by the
 * same encoder, as a report of whether the answers changed at all.
 *
 * <h2>The distance: energy distance, paired by question</h2>
 * The {@linkplain EnergyDistance energy distance} between the two sets of vectors is zero exactly when their
 * distributions are equal and grows with any difference (a shift of some answers, a new cluster, a change of spread),
 * where a centroid distance sees only a shift of the mean and cancels opposite moves. Its scale-free form, the energy
 * coefficient H in [0, 1], is what tolerances are given in. Its p-value comes from a permutation test: when both
 * profiles answered the same questions (same battery: question ids match, in any language), answers are
 * <em>paired</em> by question and each permutation swaps the two answers of a question, which is exact under "both
 * models answer each question alike" and far more powerful than shuffling all answers, because answers to different
 * questions differ much more than two models' answers to the same one. Otherwise the pooled answers are shuffled. The
 * same test on each value's scores alone, Holm-corrected across values, says on which values the answers moved.
 *
 * <h2>Source identification</h2>
 * A difference-of-means linear probe, cross-validated over {@link Builder#folds(int) folds} (whole questions when
 * paired), tells the two profiles' answers apart; its accuracy has a Wilson interval; 0.5 is chance.
 *
 * <h2>Rates</h2>
 * When paired, per value the {@code supports} and {@code opposes} rates are compared with the regression gate's test,
 * the exact McNemar test on the paired questions, with Holm's correction across all values and both labels.
 *
 * <p>Everything random is seeded: the same profiles and settings give the same comparison. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProfileComparator {

    /** The default number of permutations. */
    public static final int DEFAULT_PERMUTATIONS = 999;
    /** The default seed. */
    public static final long DEFAULT_SEED = 1;
    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** The default number of cross-validation folds of the probe. */
    public static final int DEFAULT_FOLDS = 10;

    private static final ProfileComparator DEFAULTS = builder().build();

    private final int permutations;
    private final long seed;
    private final double alpha;
    private final int folds;
    private final double confidence;

    private ProfileComparator(Builder builder) {
        this.permutations = builder.permutations;
        this.seed = builder.seed;
        this.alpha = builder.alpha;
        this.folds = builder.folds;
        this.confidence = builder.confidence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A comparator with the default settings: 999 permutations, seed 1, alpha 0.05, 10 folds, 95% intervals. */
    public static ProfileComparator defaults() {
        return DEFAULTS;
    }

    /** The number of permutations of the test. */
    public int permutations() {
        return permutations;
    }

    /** The seed of the permutations and folds. */
    public long seed() {
        return seed;
    }

    /** The significance level. */
    public double alpha() {
        return alpha;
    }

    /**
     * Compares a candidate profile with a baseline.
     *
     * @throws ClaveInputException when the profiles were judged in different value systems, or one has fewer than two
     *                             answers
     */
    public ProfileComparison compare(ModelProfile baseline, ModelProfile candidate) {
        notNull(baseline, "baseline");
        notNull(candidate, "candidate");
        if (!baseline.valueSystem().equals(candidate.valueSystem())
                || !baseline.rates().valueIds().equals(candidate.rates().valueIds())) {
            throw new ClaveInputException("Profiles are compared in one value system, but " + baseline.name() + " was judged in "
                    + baseline.valueSystem() + " and " + candidate.name() + " in " + candidate.valueSystem());
        }
        if (baseline.size() < 2 || candidate.size() < 2) {
            throw new ClaveInputException("Comparing profiles needs at least two answers in each, but " + baseline.name()
                    + " has " + baseline.size() + " and " + candidate.name() + " " + candidate.size());
        }
        List<ProfileAnswer> base = baseline.answers();
        List<ProfileAnswer> cand = candidate.answers();
        boolean paired = sameQuestions(baseline, candidate);
        if (paired) {
            Map<String, ProfileAnswer> byId = new HashMap<>();
            cand.forEach(a -> byId.put(a.questionId(), a));
            cand = base.stream().map(a -> byId.get(a.questionId())).toList();
        }
        SpaceComparison values = space(SpaceComparison.Space.VALUES, "value vectors (" + baseline.valueSystem() + ")",
                vectors(base, false), vectors(cand, false), paired);
        SpaceComparison embedding = null;
        if (baseline.encoder().equals(candidate.encoder())) {
            embedding = space(SpaceComparison.Space.EMBEDDING, "embeddings (" + baseline.encoder() + ")",
                    vectors(base, true), vectors(cand, true), paired);
        }
        List<ValueShift> shifts = shifts(baseline.rates().valueIds(), vectors(base, false), vectors(cand, false), paired);
        List<RateChange> rates = paired ? rates(baseline.rates().valueIds(), base, cand) : List.of();
        return new ProfileComparison(baseline, candidate, paired, alpha, values, embedding, shifts, rates);
    }

    private SpaceComparison space(SpaceComparison.Space space, String description, double[][] a, double[][] b,
                                  boolean paired) {
        EnergyDistance distance = paired ? EnergyDistance.pairedTest(a, b, permutations, seed)
                : EnergyDistance.test(a, b, permutations, seed);
        SourceIdentification identification = LinearProbe.identify(a, b, paired, folds, seed, confidence);
        return new SpaceComparison(space, description, distance, identification);
    }

    private List<ValueShift> shifts(List<String> valueIds, double[][] base, double[][] cand, boolean paired) {
        List<EnergyDistance> distances = new ArrayList<>(valueIds.size());
        double[] changes = new double[valueIds.size()];
        for (int v = 0; v < valueIds.size(); v++) {
            double[][] a = column(base, v);
            double[][] b = column(cand, v);
            distances.add(paired ? EnergyDistance.pairedTest(a, b, permutations, seed)
                    : EnergyDistance.test(a, b, permutations, seed));
            changes[v] = mean(b) - mean(a);
        }
        double[] adjusted = HolmCorrection.adjust(distances.stream().mapToDouble(EnergyDistance::pValue).toArray());
        List<ValueShift> shifts = new ArrayList<>(valueIds.size());
        for (int v = 0; v < valueIds.size(); v++) {
            shifts.add(new ValueShift(valueIds.get(v), distances.get(v), changes[v], adjusted[v], adjusted[v] <= alpha));
        }
        return shifts;
    }

    private static double[][] column(double[][] vectors, int index) {
        double[][] column = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            column[i] = new double[] {vectors[i][index]};
        }
        return column;
    }

    private static double mean(double[][] column) {
        double sum = 0;
        for (double[] x : column) {
            sum += x[0];
        }
        return sum / column.length;
    }

    private List<RateChange> rates(List<String> valueIds, List<ProfileAnswer> base, List<ProfileAnswer> cand) {
        List<Label> labels = List.of(Label.SUPPORTS, Label.OPPOSES);
        int pairs = base.size();
        List<int[]> counts = new ArrayList<>();
        List<McNemarTest> tests = new ArrayList<>();
        for (String value : valueIds) {
            for (Label label : labels) {
                int onlyBaseline = 0;
                int onlyCandidate = 0;
                int inBase = 0;
                int inCand = 0;
                for (int i = 0; i < pairs; i++) {
                    boolean b = label(base.get(i).evaluation(), value) == label;
                    boolean c = label(cand.get(i).evaluation(), value) == label;
                    inBase += b ? 1 : 0;
                    inCand += c ? 1 : 0;
                    if (b && !c) {
                        onlyBaseline++;
                    } else if (c && !b) {
                        onlyCandidate++;
                    }
                }
                counts.add(new int[] {inBase, inCand});
                tests.add(McNemarTest.exact(onlyBaseline, onlyCandidate));
            }
        }
        double[] adjusted = HolmCorrection.adjust(tests.stream().mapToDouble(McNemarTest::pValue).toArray());
        List<RateChange> changes = new ArrayList<>(tests.size());
        int t = 0;
        for (String value : valueIds) {
            for (Label label : labels) {
                McNemarTest test = tests.get(t);
                boolean significant = adjusted[t] <= alpha && test.onlyBaseline() != test.onlyCandidate();
                changes.add(new RateChange(value, label, pairs, counts.get(t)[0], counts.get(t)[1], test, adjusted[t],
                        significant));
                t++;
            }
        }
        return changes;
    }

    private static Label label(Evaluation evaluation, String value) {
        return evaluation.label(value);
    }

    /** Whether both profiles answered exactly the same questions (by id). */
    private static boolean sameQuestions(ModelProfile a, ModelProfile b) {
        return a.size() == b.size() && new HashSet<>(a.questionIds()).equals(new HashSet<>(b.questionIds()));
    }

    private static double[][] vectors(List<ProfileAnswer> answers, boolean embedding) {
        return answers.stream().map(a -> embedding ? a.embeddingVector() : a.valueVector()).toArray(double[][]::new);
    }

    @Override
    public String toString() {
        return "ProfileComparator[" + permutations + " permutations, seed " + seed + ", alpha " + alpha + ", " + folds + " folds]";
    }

    /** Configures a {@link ProfileComparator}. */
    public static final class Builder {
        private int permutations = DEFAULT_PERMUTATIONS;
        private long seed = DEFAULT_SEED;
        private double alpha = DEFAULT_ALPHA;
        private int folds = DEFAULT_FOLDS;
        private double confidence = 0.95;

        private Builder() {
        }

        /** The permutations of the test, default 999 (p-values down to 0.001). */
        public Builder permutations(int permutations) {
            this.permutations = atLeast(permutations, 1, "permutations");
            return this;
        }

        /** The seed of permutations and folds, default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The significance level of the distance and the rate changes (after Holm), default 0.05. */
        public Builder alpha(double alpha) {
            strictlyBetweenZeroAndOne(alpha, "alpha");
            this.alpha = alpha;
            return this;
        }

        /** The cross-validation folds of the source-identification probe, default 10. */
        public Builder folds(int folds) {
            this.folds = atLeast(folds, 2, "folds");
            return this;
        }

        /** The confidence level of the probe's Wilson interval, default 0.95. */
        public Builder confidence(double confidence) {
            strictlyBetweenZeroAndOne(confidence, "confidence");
            this.confidence = confidence;
            return this;
        }

        public ProfileComparator build() {
            return new ProfileComparator(this);
        }
    }
}
