package dev.clave.calibration;

import dev.clave.recognizer.HeadConfig;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * What a calibration produced and how good it is: identity (data, value system and components, hashed into
 * {@link #calibrationId()}) and k-fold cross-validated agreement with the human labels. Folds group samples by
 * text, so no text is scored by a head that saw it.
 *
 * @param calibrationId    hash of data, value system, components and seed; names the artifact
 * @param valueSystem      {@code id@version}
 * @param extractor        {@code id@version} of the concept extractor used on the calibration texts
 * @param encoder          the sentence encoder id
 * @param head             the head's configuration
 * @param seed             the seed
 * @param samples          labelled samples
 * @param texts            distinct texts among them
 * @param concepts         distinct concepts extracted from them
 * @param folds            cross-validation folds (0 when skipped)
 * @param accuracy         cross-validated accuracy over all samples
 * @param macroF1          cross-validated macro-F1 over all samples
 * @param kappa            cross-validated Cohen's kappa over all samples
 * @param baseline         the majority baseline on the same folds (per value its most frequent training label),
 *                         over all samples: what the label distribution alone achieves
 * @param perValue         per value counts and figures, in the value system's order
 * @param seconds          wall time of the calibration that made the artifact
 * @param headFit          what the converged head's own cross-validation chose, and the fine-tuned encoder; null for
 *                         the AdamW head
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CalibrationReport(String calibrationId, String valueSystem, String extractor, String encoder,
                                HeadConfig head, long seed, int samples, int texts, int concepts, int folds,
                                double accuracy, double macroF1, double kappa, Agreement baseline,
                                List<ValueQuality> perValue, double seconds, @Nullable HeadFit headFit) {

    public CalibrationReport {
        baseline = baseline == null ? Agreement.NONE : baseline;
        perValue = List.copyOf(perValue);
    }

    /** The cross-validated figures of the small model over all samples. */
    public Agreement agreement() {
        return new Agreement(accuracy, macroF1, kappa);
    }

    /**
     * Whether the small model agrees with the human labels better than the majority baseline: its cross-validated
     * macro-F1 and kappa are both higher. False without cross-validation.
     */
    public boolean beatsBaseline() {
        return folds > 1 && macroF1 > baseline.macroF1() && kappa > baseline.kappa();
    }

    /**
     * One line for test logs, e.g. {@code calibration 3f9a0c1d2e4b5a69 (schwartz@1, 640 samples): 5-fold cross-validated
     * accuracy 0.861, macro-F1 0.612, kappa 0.583; majority baseline accuracy 0.802, macro-F1 0.482, kappa 0.445}.
     */
    public String line() {
        String head = String.format(Locale.ROOT, "calibration %s (%s, %d samples)", calibrationId, valueSystem, samples);
        if (folds < 2) {
            return head + ": not cross-validated, quality unknown";
        }
        return head + ": " + folds + "-fold cross-validated " + agreement() + "; majority baseline " + baseline;
    }

    /**
     * What a converged head chose on all calibration data.
     *
     * @param strength         the L2 strength
     * @param blockPenalty     the shared head's block penalty (1 for the per-value head)
     * @param fineTunedEncoder the id of the fine-tuned encoder, or null when the encoder stayed frozen
     */
    public record HeadFit(double strength, double blockPenalty, @Nullable String fineTunedEncoder) {
    }

    /** The mean of the per-value macro-F1s. */
    public double meanPerValueMacroF1() {
        return perValue.stream().mapToDouble(ValueQuality::macroF1).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** A short multi-line summary for terminals and logs. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "calibration %s: %s, extractor %s, encoder %s, %d samples, %d texts, %d concepts%n",
                calibrationId, valueSystem, extractor, encoder, samples, texts, concepts));
        out.append(String.format(Locale.ROOT, "small model: %s head%s%s%n", head.kind().wire(), headFit == null ? ""
                        : String.format(Locale.ROOT, ", L2 strength %.0e (by cross-validated %s%s)", headFit.strength(),
                        head.selection().wire(), headFit.strength() <= head.strengths().stream().mapToDouble(Double::doubleValue)
                                .min().orElse(0) ? ", the weakest of --strengths" : ""),
                headFit == null || headFit.fineTunedEncoder() == null ? "" : ", fine-tuned encoder " + headFit.fineTunedEncoder()));
        if (folds > 1) {
            out.append(String.format(Locale.ROOT, "%d-fold cross-validation%s: accuracy %.3f, macro-F1 %.3f, "
                    + "mean per-value macro-F1 %.3f, kappa %.3f%n", folds, head.fineTuneEpochs() > 0
                    ? " of the frozen head (fine-tuning is not cross-validated)" : "", accuracy, macroF1,
                    meanPerValueMacroF1(), kappa));
            out.append("majority baseline on the same folds: ").append(baseline).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "%-18s %7s %8s %7s %9s %8s %8s %6s %11s%n", "value", "samples", "supports",
                "opposes", "unrelated", "accuracy", "macroF1", "kappa", "baselineF1"));
        for (ValueQuality q : perValue) {
            out.append(String.format(Locale.ROOT, "%-18s %7d %8d %7d %9d %8.3f %8.3f %6.3f %11.3f%n", q.value(), q.samples(),
                    q.supports(), q.opposes(), q.unrelated(), q.accuracy(), q.macroF1(), q.kappa(), q.baseline().macroF1()));
        }
        return out.toString();
    }
}
