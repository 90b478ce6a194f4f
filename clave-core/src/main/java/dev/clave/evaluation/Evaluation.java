package dev.clave.evaluation;

import dev.clave.concept.Concept;
import dev.clave.data.Label;
import dev.clave.value.UnknownValueException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * What a calibrated evaluator found in one text: per value of the value system a {@link ValueVerdict}, plus the
 * concepts extracted from the text. Immutable; safe to share between threads.
 *
 * @param text          the evaluated text
 * @param scenario      the scenario (prompt) it answered, or null
 * @param id            the text's id, if the input had one, or null
 * @param valueSystem   the value system, as {@code id@version}
 * @param calibrationId the id of the calibration that decided, so a verdict can be traced to its training data
 * @param concepts      the concepts extracted from the text
 * @param verdicts      one verdict per value, in the value system's order
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Evaluation(String text, @Nullable String scenario, @Nullable String id, String valueSystem,
                         String calibrationId, List<Concept> concepts, List<ValueVerdict> verdicts) {

    public Evaluation {
        notBlank(text, "text");
        notBlank(valueSystem, "valueSystem");
        notBlank(calibrationId, "calibrationId");
        concepts = List.copyOf(concepts);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * The verdict for a value.
     *
     * @throws UnknownValueException listing the valid value ids when the value system has no such value
     */
    public ValueVerdict verdict(String valueId) {
        for (ValueVerdict verdict : verdicts) {
            if (verdict.value().equals(valueId)) {
                return verdict;
            }
        }
        throw UnknownValueException.ofValue(valueSystem, String.valueOf(valueId), valueIds());
    }

    /** The label for a value. @throws UnknownValueException when there is no such value */
    public Label label(String valueId) {
        return verdict(valueId).label();
    }

    /** The value ids, in the value system's order. */
    public List<String> valueIds() {
        return verdicts.stream().map(ValueVerdict::value).toList();
    }

    /** The values whose label is {@code label}. */
    public List<String> valuesLabelled(Label label) {
        return verdicts.stream().filter(v -> v.label() == label).map(ValueVerdict::value).toList();
    }

    /** The values the text supports. */
    public List<String> supported() {
        return valuesLabelled(Label.SUPPORTS);
    }

    /** The values the text opposes. */
    public List<String> opposed() {
        return valuesLabelled(Label.OPPOSES);
    }
}
