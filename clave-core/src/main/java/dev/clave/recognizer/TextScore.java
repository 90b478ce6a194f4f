package dev.clave.recognizer;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * What the small model made of one text: per value, in the value system's order, the text's probabilities and the
 * concepts they came from. Made by {@link ValueRecognizer#score}, the one text-scoring path that cross-validation and
 * evaluation share. Immutable.
 *
 * @param values one score per value of the value system, in its order
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TextScore(List<ValueScore> values) {

    public TextScore {
        values = List.copyOf(notNull(values, "values"));
    }

    /**
     * The text's score for one value.
     *
     * @param value         the value id
     * @param probabilities supports, opposes, unrelated (in {@link Label} order), summing to 1
     * @param concepts      the concepts judged for this value, in the text's order, each with its own probabilities
     */
    public record ValueScore(String value, double[] probabilities, List<ConceptScore> concepts) {

        public ValueScore {
            probabilities = probabilities.clone();
            concepts = List.copyOf(concepts);
        }

        /** The most probable label (ties go to the earlier label). */
        public Label label() {
            return Label.all().get(argmax(probabilities));
        }

        /** The probability of a label. */
        public double probability(Label label) {
            return probabilities[label.ordinal()];
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }
    }

    /**
     * One concept of the text, judged alone for a value.
     *
     * @param concept       the concept text
     * @param probabilities supports, opposes, unrelated for this concept alone
     * @param embedding     its embedding (shared, do not modify)
     */
    public record ConceptScore(String concept, double[] probabilities, float[] embedding) {

        /** The concept's own most probable label. */
        public Label label() {
            return Label.all().get(argmax(probabilities));
        }

        /** The probability of a label for this concept alone. */
        public double probability(Label label) {
            return probabilities[label.ordinal()];
        }
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
