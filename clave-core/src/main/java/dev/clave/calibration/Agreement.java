package dev.clave.calibration;

import dev.clave.stats.ConfusionMatrix;
import org.apiguardian.api.API;

import java.util.Locale;

/**
 * Agreement of predicted labels with the human labels: accuracy, macro-F1 and Cohen's kappa (see
 * {@link ConfusionMatrix}). Each is NaN when nothing was compared, e.g. without cross-validation.
 *
 * @param accuracy share of labels predicted right
 * @param macroF1  mean F1 over the labels that occur
 * @param kappa    agreement beyond chance: 0 is what the label distributions alone give, 1 is perfect
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Agreement(double accuracy, double macroF1, double kappa) {

    /** No figures: nothing was compared. */
    public static final Agreement NONE = new Agreement(Double.NaN, Double.NaN, Double.NaN);

    /** The figures of a confusion matrix. */
    public static Agreement of(ConfusionMatrix matrix) {
        return new Agreement(matrix.accuracy(), matrix.macroF1(), matrix.kappa());
    }

    /** Whether there are figures. */
    public boolean measured() {
        return !Double.isNaN(accuracy);
    }

    /** E.g. {@code accuracy 0.861, macro-F1 0.612, kappa 0.583}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %s, macro-F1 %s, kappa %s", format(accuracy), format(macroF1), format(kappa));
    }

    static String format(double figure) {
        return Double.isNaN(figure) ? "n/a" : String.format(Locale.ROOT, "%.3f", figure);
    }
}
