package dev.clave.recognizer;

import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * How the small model's head is built and trained. The defaults are the measured best on the development data
 * (see the README): a linear head per value (multinomial logistic regression over the concept embedding), trained
 * full-batch with AdamW through the {@link Aggregation#MEAN_LOGIT} rule, without class re-weighting.
 *
 * @param hiddenSize       0 for linear per-value heads; otherwise the width of one hidden layer shared by all values
 * @param epochs           passes over the calibration data
 * @param learningRate     AdamW learning rate
 * @param weightDecay      AdamW (decoupled) weight decay
 * @param classWeightPower class re-weighting: each (value, label) weighs {@code (n / (k * n_label))^power};
 *                         0 keeps the data's own label frequencies (best accuracy), 1 balances labels fully
 *                         (favours rare labels and macro-F1)
 * @param aggregation      how concept judgements become the text's label
 * @param batchPairs       the most labelled pairs per optimiser step (a calibration set smaller than this trains
 *                         full-batch)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record HeadConfig(int hiddenSize, int epochs, double learningRate, double weightDecay, double classWeightPower,
                         Aggregation aggregation, int batchPairs) {

    public HeadConfig {
        atLeast(hiddenSize, 0, "hiddenSize");
        positive(epochs, "epochs");
        between(learningRate, 1e-6, 10, "learningRate");
        between(weightDecay, 0, 10, "weightDecay");
        between(classWeightPower, 0, 1, "classWeightPower");
        notNull(aggregation, "aggregation");
        positive(batchPairs, "batchPairs");
    }

    /** The measured defaults. */
    public static HeadConfig defaults() {
        return new HeadConfig(0, 100, 0.01, 0.01, 0.0, Aggregation.MEAN_LOGIT, 4096);
    }

    public HeadConfig withHiddenSize(int hidden) {
        return new HeadConfig(hidden, epochs, learningRate, weightDecay, classWeightPower, aggregation, batchPairs);
    }

    public HeadConfig withEpochs(int n) {
        return new HeadConfig(hiddenSize, n, learningRate, weightDecay, classWeightPower, aggregation, batchPairs);
    }

    public HeadConfig withClassWeightPower(double power) {
        return new HeadConfig(hiddenSize, epochs, learningRate, weightDecay, power, aggregation, batchPairs);
    }

    public HeadConfig withAggregation(Aggregation rule) {
        return new HeadConfig(hiddenSize, epochs, learningRate, weightDecay, classWeightPower, rule, batchPairs);
    }

    /** A stable text form for hashes and manifests. */
    public String fingerprint() {
        return "hidden=" + hiddenSize + ",epochs=" + epochs + ",lr=" + learningRate + ",wd=" + weightDecay
                + ",cwp=" + classWeightPower + ",agg=" + aggregation.wire() + ",batch=" + batchPairs;
    }
}
