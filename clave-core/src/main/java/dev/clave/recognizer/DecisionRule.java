package dev.clave.recognizer;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;

import java.util.List;

/**
 * How a text's probabilities for a value become its label.
 *
 * <ul>
 *   <li>{@link #ARGMAX} (the default): the most probable label; the best accuracy.</li>
 *   <li>{@link #MACRO_F1}: per value, offsets on the log-probabilities of {@code supports} and {@code opposes}
 *   ({@link DecisionOffsets}) tuned for macro-F1 on out-of-fold probabilities of the calibration data. Rarer labels
 *   are found more often, at some cost in accuracy: for teams for whom a missed {@code opposes} costs more than a false
 *   alarm. The probabilities a verdict reports are the shifted ones, so the label stays their most probable.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum DecisionRule {
    ARGMAX,
    MACRO_F1;

    /** The option form: {@code argmax}, {@code macro-f1}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Parses the option form. */
    public static DecisionRule fromWire(String value) {
        return WireNames.parse(DecisionRule.class, "decision rule", value);
    }

    /** All option forms. */
    public static List<String> wires() {
        return WireNames.all(DecisionRule.class);
    }
}
