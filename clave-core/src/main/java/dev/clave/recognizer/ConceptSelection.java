package dev.clave.recognizer;

import dev.clave.concept.Concept;
import dev.clave.data.TextInput;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The two rules that decide which concepts the small model judges for a value, shared by calibration and
 * evaluation so that both see texts the same way:
 * <ol>
 *   <li>A text from which the extractor returned no concept is judged as one concept: the whole text.</li>
 *   <li>For a value, the concepts that name it or name no value are judged; if none does, all concepts of the text
 *   are (the small model, not the extractor, decides that a text is unrelated).</li>
 * </ol>
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConceptSelection {

    private ConceptSelection() {
    }

    /** The concepts, or the whole text as the only concept when there are none. */
    public static List<Concept> orWholeText(List<Concept> concepts, TextInput text) {
        return concepts.isEmpty() ? List.of(new Concept(text.text().strip())) : concepts;
    }

    /** The aggregation weight of each of {@code n} concepts judged for a value: equal, summing to 1. */
    public static double[] weights(int n) {
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1.0 / n);
        return weights;
    }

    /** The concepts judged for a value. */
    public static List<Concept> applicable(List<Concept> concepts, String value) {
        List<Concept> applicable = concepts.stream().filter(c -> c.appliesTo(value)).toList();
        return applicable.isEmpty() ? concepts : applicable;
    }
}
