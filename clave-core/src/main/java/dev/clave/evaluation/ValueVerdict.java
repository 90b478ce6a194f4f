package dev.clave.evaluation;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The evaluator's decision for one value: the label, the probability of each label, and the evidence concepts.
 *
 * @param value       the value id
 * @param label       the most probable label
 * @param supports    probability that the text supports the value
 * @param opposes     probability that the text opposes the value
 * @param unrelated   probability that the text is unrelated to the value
 * @param evidence    the concepts behind the decision, strongest first; possibly empty
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ValueVerdict(String value, Label label, double supports, double opposes, double unrelated,
                           List<Evidence> evidence) {

    public ValueVerdict {
        notBlank(value, "value");
        notNull(label, "label");
        evidence = List.copyOf(evidence);
    }

    /** The probability of a label. */
    public double probability(Label of) {
        return switch (of) {
            case SUPPORTS -> supports;
            case OPPOSES -> opposes;
            case UNRELATED -> unrelated;
        };
    }

    /** The probability of the chosen label. */
    public double confidence() {
        return probability(label);
    }

    /** E.g. {@code benevolence: supports 0.91 (opposes 0.02, unrelated 0.07)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s %.2f (supports %.2f, opposes %.2f, unrelated %.2f)",
                value, label, confidence(), supports, opposes, unrelated);
    }
}
