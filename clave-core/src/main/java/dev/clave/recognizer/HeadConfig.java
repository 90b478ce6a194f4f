package dev.clave.recognizer;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * How the small model's head is built and trained. The defaults ({@link #defaults()}, {@link #logistic()}) are the
 * converged L2-regularised multinomial logistic regression per value ({@link HeadKind#LOGISTIC}) over the concept
 * embedding, through the {@link Aggregation#MEAN_LOGIT} rule, its strength chosen from {@link #strengths()} by the
 * cross-validated kappa of the calibration data under the one-standard-error rule ({@link SelectionCriterion#KAPPA}),
 * labels decided by
 * {@link DecisionRule#ARGMAX}, the encoder frozen. {@link HeadKind#SHARED} ({@link #shared()}) reads the values'
 * definitions; {@link #adamw()} is the AdamW head of the first releases.
 *
 * <p>Some settings belong to one kind of head: {@code hiddenSize}, {@code epochs}, {@code learningRate},
 * {@code weightDecay}, {@code classWeightPower} and {@code batchPairs} to {@link HeadKind#ADAMW}; {@code strengths}
 * to the converged heads. A converged head needs {@code mean-logit}, no hidden layer and no class re-weighting;
 * {@link DecisionRule#MACRO_F1} and fine-tuning need a converged head.
 *
 * @param kind             the head's form and fit
 * @param hiddenSize       AdamW only: 0 for linear per-value heads; otherwise the width of one hidden layer shared by
 *                         all values
 * @param epochs           AdamW only: passes over the calibration data
 * @param learningRate     AdamW only: learning rate
 * @param weightDecay      AdamW only: (decoupled) weight decay
 * @param classWeightPower AdamW only: class re-weighting, each (value, label) weighs {@code (n / (k * n_label))^power};
 *                         0 keeps the data's own label frequencies (best accuracy), 1 balances labels fully
 *                         (favours rare labels and macro-F1)
 * @param aggregation      how concept judgements become the text's label
 * @param batchPairs       AdamW only: the most labelled pairs per optimiser step (a calibration set smaller than this
 *                         trains full-batch)
 * @param strengths        converged heads only: the L2 strengths cross-validation chooses from
 * @param decision         how probabilities become a label
 * @param fineTuneEpochs   0 to keep the encoder frozen; otherwise the epochs of fine-tuning the encoder on the
 *                         calibration labels, whose head is averaged with the frozen one (converged heads only)
 * @param selection        converged heads only (the adamw head takes the default, {@link SelectionCriterion#KAPPA}):
 *                         what the cross-validation choosing the strength maximises; null, in a manifest of artifact
 *                         format 3, reads as {@link SelectionCriterion#LOG_LOSS} for a converged head
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record HeadConfig(HeadKind kind, int hiddenSize, int epochs, double learningRate, double weightDecay,
                         double classWeightPower, Aggregation aggregation, int batchPairs, List<Double> strengths,
                         DecisionRule decision, int fineTuneEpochs, SelectionCriterion selection) {

    /** The strengths the per-value logistic head chooses from by default, strong to weak. */
    public static final List<Double> LOGISTIC_STRENGTHS = List.of(3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5);
    /** The strengths the shared head chooses from by default, strong to weak (it prefers weaker ones). */
    public static final List<Double> SHARED_STRENGTHS = List.of(1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5);

    public HeadConfig {
        notNull(kind, "kind");
        atLeast(hiddenSize, 0, "hiddenSize");
        positive(epochs, "epochs");
        between(learningRate, 1e-6, 10, "learningRate");
        between(weightDecay, 0, 10, "weightDecay");
        between(classWeightPower, 0, 1, "classWeightPower");
        notNull(aggregation, "aggregation");
        positive(batchPairs, "batchPairs");
        strengths = List.copyOf(notNull(strengths, "strengths"));
        if (strengths.isEmpty()) {
            throw new IllegalArgumentException("strengths must name at least one L2 strength");
        }
        for (double s : strengths) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("strengths must be positive and finite, but one is: " + s);
            }
        }
        notNull(decision, "decision");
        atLeast(fineTuneEpochs, 0, "fineTuneEpochs");
        if (selection == null) { // manifests of artifact format 3 predate the criterion: converged heads chose by log-loss
            selection = kind.converged() ? SelectionCriterion.LOG_LOSS : SelectionCriterion.KAPPA;
        }
        if (kind.converged()) {
            if (aggregation != Aggregation.MEAN_LOGIT) {
                throw new IllegalArgumentException("the " + kind.wire() + " head aggregates by mean-logit; "
                        + aggregation.wire() + " needs --head adamw");
            }
            if (hiddenSize != 0) {
                throw new IllegalArgumentException("the " + kind.wire() + " head is linear; a hidden layer (" + hiddenSize
                        + ") needs --head adamw");
            }
            if (classWeightPower != 0) {
                throw new IllegalArgumentException("the " + kind.wire() + " head keeps the labels' own frequencies; "
                        + "class re-weighting needs --head adamw (or use --decision macro-f1 to find rarer labels)");
            }
        } else {
            if (decision != DecisionRule.ARGMAX) {
                throw new IllegalArgumentException("decision " + decision.wire() + " is tuned on the out-of-fold "
                        + "probabilities of a converged head: use --head logistic or shared");
            }
            if (fineTuneEpochs > 0) {
                throw new IllegalArgumentException("fine-tuning starts from and is averaged with a converged head: use "
                        + "--head logistic or shared");
            }
            if (selection != SelectionCriterion.KAPPA) {
                throw new IllegalArgumentException("selection " + selection.wire() + " chooses the L2 strength of a "
                        + "converged head; the adamw head has none: use --head logistic or shared");
            }
        }
    }

    /**
     * The defaults: the converged logistic head per value, strength by cross-validated kappa ({@link #logistic()}).
     * Across styles (calibrated on assistant replies, scored on other texts) it is five points more accurate than the
     * AdamW head of the first releases; on the development data it ties the logistic probe; on the sample suites'
     * small calibrations it agrees with the labels as well or better (see the README's measured figures).
     */
    public static HeadConfig defaults() {
        return logistic();
    }

    /**
     * The definition-conditioned shared head ({@link HeadKind#SHARED}), its strength chosen from
     * {@link #SHARED_STRENGTHS} by cross-validated kappa.
     */
    public static HeadConfig shared() {
        return logistic().withKind(HeadKind.SHARED);
    }

    /**
     * The converged L2 logistic head per value, its strength chosen from {@link #LOGISTIC_STRENGTHS} by cross-validated
     * kappa.
     */
    public static HeadConfig logistic() {
        return new HeadConfig(HeadKind.LOGISTIC, 0, 100, 0.01, 0.01, 0.0, Aggregation.MEAN_LOGIT, 4096,
                LOGISTIC_STRENGTHS, DecisionRule.ARGMAX, 0, SelectionCriterion.KAPPA);
    }

    /** The AdamW head of Clave's first releases: linear, 100 epochs, learning rate 0.01, weight decay 0.01. */
    public static HeadConfig adamw() {
        return new HeadConfig(HeadKind.ADAMW, 0, 100, 0.01, 0.01, 0.0, Aggregation.MEAN_LOGIT, 4096,
                LOGISTIC_STRENGTHS, DecisionRule.ARGMAX, 0, SelectionCriterion.KAPPA);
    }

    /**
     * This configuration with another kind of head; the strengths become that kind's default grid when they were the
     * other kind's default.
     */
    public HeadConfig withKind(HeadKind newKind) {
        List<Double> grid = strengths;
        if (newKind == HeadKind.SHARED && strengths.equals(LOGISTIC_STRENGTHS)) {
            grid = SHARED_STRENGTHS;
        } else if (newKind != HeadKind.SHARED && strengths.equals(SHARED_STRENGTHS)) {
            grid = LOGISTIC_STRENGTHS;
        }
        return new HeadConfig(newKind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, aggregation,
                batchPairs, grid, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withHiddenSize(int hidden) {
        return new HeadConfig(kind, hidden, epochs, learningRate, weightDecay, classWeightPower, aggregation, batchPairs,
                strengths, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withEpochs(int n) {
        return new HeadConfig(kind, hiddenSize, n, learningRate, weightDecay, classWeightPower, aggregation, batchPairs,
                strengths, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withClassWeightPower(double power) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, power, aggregation, batchPairs,
                strengths, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withAggregation(Aggregation rule) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, rule, batchPairs,
                strengths, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withStrengths(List<Double> grid) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, aggregation,
                batchPairs, grid, decision, fineTuneEpochs, selection);
    }

    public HeadConfig withDecision(DecisionRule rule) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, aggregation,
                batchPairs, strengths, rule, fineTuneEpochs, selection);
    }

    public HeadConfig withSelection(SelectionCriterion criterion) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, aggregation,
                batchPairs, strengths, decision, fineTuneEpochs, notNull(criterion, "criterion"));
    }

    public HeadConfig withFineTuneEpochs(int n) {
        return new HeadConfig(kind, hiddenSize, epochs, learningRate, weightDecay, classWeightPower, aggregation,
                batchPairs, strengths, decision, n, selection);
    }

    /** The strengths as an array, strong to weak. */
    double[] strengthGrid() {
        return strengths.stream().mapToDouble(Double::doubleValue).boxed()
                .sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
    }

    /** A stable text form for hashes and manifests: the settings that decide this kind of head. */
    public String fingerprint() {
        if (kind == HeadKind.ADAMW) {
            return "head=adamw,hidden=" + hiddenSize + ",epochs=" + epochs + ",lr=" + learningRate + ",wd=" + weightDecay
                    + ",cwp=" + classWeightPower + ",agg=" + aggregation.wire() + ",batch=" + batchPairs;
        }
        return "head=" + kind.wire() + ",strengths=" + strengths.stream().map(s -> String.format(Locale.ROOT, "%.3e", s))
                .collect(Collectors.joining(";")) + ",select=" + selection.wire() + ",decision=" + decision.wire()
                + ",fine-tune=" + fineTuneEpochs;
    }
}
