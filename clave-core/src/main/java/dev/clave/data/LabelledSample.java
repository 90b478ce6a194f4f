package dev.clave.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apiguardian.api.API;
import dev.clave.internal.Texts;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.notNull;

/**
 * One human judgement: how {@code text} relates to {@code value}. The unit of calibration and test data,
 * one JSON object per line of a JSONL file:
 * {@code {"text": "...", "value": "benevolence", "label": "supports", "scenario": "optional prompt", "id": "optional"}}.
 *
 * @param text     the judged text, e.g. an assistant's answer; with a visible character and no lone surrogate
 * @param value    a value id of the value system the data belongs to
 * @param label    the human label
 * @param scenario the prompt or situation that produced the text, or null
 * @param id       an identifier of the text (several samples may share it, one per value), or null
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"text", "value", "label", "scenario", "id"})
public record LabelledSample(String text, String value, Label label, @Nullable String scenario, @Nullable String id) {

    public LabelledSample {
        Texts.requireText(text, "text");
        Texts.requireText(value, "value");
        notNull(label, "label");
        Texts.requireWellFormed(scenario, "scenario");
        Texts.requireWellFormed(id, "id");
    }

    public LabelledSample(String text, String value, Label label) {
        this(text, value, label, null, null);
    }

    /** The text together with its scenario, the unit the extractor and the cache work on. */
    public TextInput input() {
        return new TextInput(text, scenario, id);
    }
}
