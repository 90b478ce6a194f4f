package dev.clave.recognizer;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Which head the small model has over the concept embeddings. All three give each concept three logits per value and
 * a text the softmax of its concepts' mean logits; they differ in form and fit:
 *
 * <ul>
 *   <li>{@link #LOGISTIC}: an independent multinomial logistic regression per value, L2-regularised and fitted to
 *   convergence (Commons Math's conjugate gradient), its strength chosen by cross-validation on the calibration data
 *   alone.</li>
 *   <li>{@link #SHARED}: one logistic head for all values over the concept embedding, its product with the value
 *   definition's embedding and their cosine, plus a per-value block penalised more: values with few labels borrow
 *   from the others, and a value's definition informs its head. Strength and block penalty by cross-validation.</li>
 *   <li>{@link #ADAMW}: a linear (or one-hidden-layer) head trained with DJL's AdamW for a fixed number of epochs,
 *   the head of Clave's first releases.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum HeadKind {
    LOGISTIC,
    SHARED,
    ADAMW;

    /** The option form: {@code logistic}, {@code shared}, {@code adamw}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Whether the head is a converged logistic regression (its strength chosen by cross-validation). */
    public boolean converged() {
        return this != ADAMW;
    }

    /** Parses the option form. */
    public static HeadKind fromWire(String value) {
        return WireNames.parse(HeadKind.class, "head", value);
    }

    /** All option forms. */
    public static List<String> wires() {
        return WireNames.all(HeadKind.class);
    }
}
