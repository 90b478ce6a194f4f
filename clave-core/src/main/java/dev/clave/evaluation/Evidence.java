package dev.clave.evaluation;

import dev.clave.data.Label;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One concept that backs a verdict: what the small model made of it, and the calibrated concept closest to it
 * with the label a human gave that concept's text. It answers "why did the evaluator say so?".
 *
 * @param concept           the concept extracted from the evaluated text
 * @param label             the small model's label for this concept alone
 * @param probability       the small model's probability of {@code label} for this concept
 * @param nearestCalibrated the closest concept of the calibration pool (k-means medoid), or null if the pool
 *                          has none for this value
 * @param nearestLabel      the human label of {@code nearestCalibrated} for this value, or null
 * @param similarity        cosine similarity between the concept and {@code nearestCalibrated} (0 when none)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Evidence(String concept, Label label, double probability, @Nullable String nearestCalibrated,
                       @Nullable Label nearestLabel, double similarity) {

    @Override
    public String toString() {
        String near = nearestCalibrated == null ? "" : String.format(java.util.Locale.ROOT,
                " ~ \"%s\" (%s, sim %.2f)", nearestCalibrated, nearestLabel, similarity);
        return String.format(java.util.Locale.ROOT, "\"%s\" -> %s %.2f%s", concept, label, probability, near);
    }
}
