package dev.clave.recognizer;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What the cross-validation of a converged head ({@link HeadKind#LOGISTIC}, {@link HeadKind#SHARED}) maximises when it
 * chooses the L2 strength, on the out-of-fold predictions of the calibration data.
 *
 * <ul>
 *   <li>{@link #KAPPA} (the default): Cohen's kappa of the out-of-fold labels (argmax) against the human labels, the
 *   chance-corrected agreement the calibration report leads with, under the one-standard-error rule: the strongest
 *   regularisation whose kappa is within one standard error (over the folds) of the greatest. On small calibrations
 *   (tens of texts per value) it keeps the rarer labels that a strongly regularised head drops; on larger ones it
 *   chooses as strongly as log-loss or more, which carries better to texts of another style. See the README's
 *   measured figures.</li>
 *   <li>{@link #LOG_LOSS}: the least held-out mean log-loss, the textbook choice for calibrated probabilities. On few
 *   labels it prefers strong regularisation, and the head then rarely predicts {@code opposes}.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SelectionCriterion {
    KAPPA,
    LOG_LOSS;

    /** The option form: {@code kappa}, {@code log-loss}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Parses the option form. */
    public static SelectionCriterion fromWire(String value) {
        return WireNames.parse(SelectionCriterion.class, "selection criterion", value);
    }

    /** All option forms. */
    public static List<String> wires() {
        return WireNames.all(SelectionCriterion.class);
    }
}
