package dev.clave.evaluation;

import dev.clave.data.Label;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One concept that backs a verdict: what the small model made of it, and the nearest calibrated cluster: the calibration
 * concepts of the value are clustered (k-means), each cluster is kept as its medoid, and the evidence names the medoid
 * most similar to the concept, with the label a human gave the medoid's text. It answers "why did the evaluator say
 * so?" with the calibration example it resembles most among the cluster medoids (not necessarily the single most
 * similar calibration concept).
 *
 * @param concept           the concept extracted from the evaluated text
 * @param label             the small model's label for this concept alone
 * @param probability       the small model's probability of {@code label} for this concept
 * @param nearestCalibrated the medoid concept of the nearest calibrated cluster of this value, or null if the
 *                          calibration had no concepts for this value
 * @param nearestLabel      the human label of the medoid's text for this value, or null
 * @param similarity        cosine similarity between the concept and the medoid (0 when none)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Evidence(String concept, Label label, double probability, @Nullable String nearestCalibrated,
                       @Nullable Label nearestLabel, double similarity) {

    @Override
    public String toString() {
        String near = nearestCalibrated == null ? "" : String.format(java.util.Locale.ROOT,
                " ~ cluster (medoid: \"%s\", %s, sim %.2f)", nearestCalibrated, nearestLabel, similarity);
        return String.format(java.util.Locale.ROOT, "\"%s\" -> %s %.2f%s", concept, label, probability, near);
    }
}
