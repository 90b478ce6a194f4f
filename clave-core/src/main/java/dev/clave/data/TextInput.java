package dev.clave.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apiguardian.api.API;
import dev.clave.internal.Texts;
import org.jspecify.annotations.Nullable;

/**
 * A text to evaluate, with the scenario (prompt) that produced it and an optional id. One JSON object per
 * line in the files {@code clave evaluate} reads: {@code {"text": "...", "scenario": "optional", "id": "optional"}}.
 *
 * @param text     the text; with a visible character (not only spaces or zero-width spaces) and no lone surrogate
 * @param scenario the prompt or situation, or null
 * @param id       an identifier carried into the output, or null
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"text", "scenario", "id"})
public record TextInput(String text, @Nullable String scenario, @Nullable String id) {

    public TextInput {
        Texts.requireText(text, "text");
        Texts.requireWellFormed(scenario, "scenario");
        Texts.requireWellFormed(id, "id");
    }

    public TextInput(String text) {
        this(text, null, null);
    }

    public TextInput(String text, @Nullable String scenario) {
        this(text, scenario, null);
    }

    /** The same text and scenario without the id: what identifies the text's content. */
    public TextInput content() {
        return id == null ? this : new TextInput(text, scenario, null);
    }
}
