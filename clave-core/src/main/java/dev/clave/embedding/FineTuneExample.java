package dev.clave.embedding;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * One labelled example for {@link FineTuning}: the concepts of a text that bear on a value, the value's index in
 * its value system and the human label of the text for it. The text's score for the value is the mean of its
 * concepts' scores ({@code mean-logit}), as in evaluation; a single concept is the simplest case. Examples with the
 * same concepts (one text labelled for several values) share one forward pass.
 *
 * @param concepts the concept texts (at least one)
 * @param value    the value's index
 * @param label    the human label
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FineTuneExample(List<String> concepts, int value, Label label) {

    public FineTuneExample {
        concepts = List.copyOf(notNull(concepts, "concepts"));
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException("an example needs at least one concept");
        }
        if (value < 0) {
            throw new IllegalArgumentException("value index must be at least 0, but is: " + value);
        }
        notNull(label, "label");
    }
}
