package dev.clave.value;

import dev.clave.internal.Texts;
import org.apiguardian.api.API;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * One value of a {@link ValueSystem}: a stable {@code id} that data files and tests use, a display
 * {@code name}, a one-sentence {@code definition} and optional example phrases.
 *
 * @param id         stable identifier, lower case letters, digits and hyphens, e.g. {@code self-direction}
 * @param name       human-readable name
 * @param definition one sentence saying what the value means; it is shown to the large model
 * @param examples   example phrases of the value; never null, possibly empty
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Value(String id, String name, String definition, List<String> examples) {

    public Value {
        notBlank(id, "value id");
        Texts.requireText(name, "value name");
        Texts.requireText(definition, "value definition");
        examples = examples == null ? List.of() : List.copyOf(examples);
        examples.forEach(example -> Texts.requireText(example, "example of value '" + id + "'"));
    }

    public Value(String id, String name, String definition) {
        this(id, name, definition, List.of());
    }
}
