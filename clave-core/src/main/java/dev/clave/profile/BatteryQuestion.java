package dev.clave.profile;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * One value-eliciting question of a {@link Battery}: the value it is written to bring out, and the same question in
 * each language of the battery, e.g. {@code en} and {@code zh}.
 *
 * @param id    the question's id, unique in its battery; it pairs the answers of two profiles
 * @param value the id of the value the question elicits, e.g. {@code benevolence}
 * @param texts the question per language tag, in the battery's language order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BatteryQuestion(String id, String value, Map<String, String> texts) {

    public BatteryQuestion {
        notBlank(id, "id");
        notBlank(value, "value");
        notNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("question '" + id + "' needs its text in at least one language");
        }
        texts.forEach((language, text) -> notBlank(text, "text of question '" + id + "' in " + language));
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /** The languages the question is written in. */
    public List<String> languages() {
        return List.copyOf(texts.keySet());
    }

    /**
     * The question in a language.
     *
     * @throws UnknownNameException listing the question's languages when it has no text in {@code language}
     */
    public String text(String language) {
        String text = texts.get(language);
        if (text == null) {
            throw new UnknownNameException("language", String.valueOf(language), "of question '" + id + "'", languages(), "");
        }
        return text;
    }
}
