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
 * @param perValue         per value counts and figures, in the value system's order
 * @param seconds          wall time of the calibration that made the artifact
 * @param headFit          what the converged head's own cross-validation chose, and the fine-tuned encoder; null for
 *                         the AdamW head
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CalibrationReport(String calibrationId, String valueSystem, String extractor, String encoder,
                                HeadConfig head, long seed, int samples, int texts, int concepts, int folds,
                                double accuracy, double macroF1, double kappa, List<ValueQuality> perValue,
                                double seconds, @Nullable HeadFit headFit) {

    public CalibrationReport {
        perValue = List.copyOf(perValue);
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
                        : String.format(Locale.ROOT, ", L2 strength %.0e (by cross-validation)", headFit.strength()),
                headFit == null || headFit.fineTunedEncoder() == null ? "" : ", fine-tuned encoder " + headFit.fineTunedEncoder()));
        if (folds > 1) {
            out.append(String.format(Locale.ROOT, "%d-fold cross-validation%s: accuracy %.3f, macro-F1 %.3f, "
                    + "mean per-value macro-F1 %.3f, kappa %.3f%n", folds, head.fineTuneEpochs() > 0
                    ? " of the frozen head (fine-tuning is not cross-validated)" : "", accuracy, macroF1,
                    meanPerValueMacroF1(), kappa));
        }
        out.append(String.format(Locale.ROOT, "%-18s %7s %8s %7s %9s %8s %8s%n", "value", "samples", "supports", "opposes",
                "unrelated", "accuracy", "macroF1"));
        for (ValueQuality q : perValue) {
            out.append(String.format(Locale.ROOT, "%-18s %7d %8d %7d %9d %8.3f %8.3f%n", q.value(), q.samples(), q.supports(),
                    q.opposes(), q.unrelated(), q.accuracy(), q.macroF1()));
        }
        return out.toString();
    }
}
