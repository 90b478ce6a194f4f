package dev.clave.calibration;

import org.apiguardian.api.API;

/**
 * Cross-validated quality of the calibrated evaluator for one value.
 *
 * @param value     the value id
 * @param samples   labelled samples of the value
 * @param supports  of which labelled supports
 * @param opposes   of which labelled opposes
 * @param unrelated of which labelled unrelated
 * @param accuracy  cross-validated accuracy (NaN without cross-validation)
 * @param macroF1   cross-validated macro-F1 (NaN without cross-validation)
 * @param kappa     cross-validated Cohen's kappa (NaN without cross-validation)
 * @param baseline  the majority baseline's figures on the same folds: the value's most frequent training label
 *                  predicted for every held-out sample (its kappa is 0 unless folds disagree on the majority)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ValueQuality(String value, int samples, int supports, int opposes, int unrelated, double accuracy,
                           double macroF1, double kappa, Agreement baseline) {

    public ValueQuality {
        baseline = baseline == null ? Agreement.NONE : baseline;
    }

    /** The cross-validated figures of the small model for this value. */
    public Agreement agreement() {
        return new Agreement(accuracy, macroF1, kappa);
    }
}
