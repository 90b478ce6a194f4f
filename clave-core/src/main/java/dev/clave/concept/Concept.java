package dev.clave.concept;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.internal.Texts;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A short value concept extracted from a text, such as "urges the user to verify facts before acting".
 *
 * @param text   the concept, a short phrase or clause; with a visible character and no lone surrogate
 * @param values ids of the values the extractor linked the concept to; empty means "consider it for every
 *               value" (what the offline extractor returns)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonPropertyOrder({"text", "values"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Concept(String text, List<String> values) {

    public Concept {
        Texts.requireText(text, "concept text");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Concept(String text) {
        this(text, List.of());
    }

    /** Whether the concept bears on that value: it names it, or it names no value at all. */
    public boolean appliesTo(String valueId) {
        return values.isEmpty() || values.contains(valueId);
    }
}
