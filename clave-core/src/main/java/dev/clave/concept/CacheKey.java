package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.internal.Hashing;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * Identifies one extraction: which extractor (id and version) read which text (and scenario) for which value
 * system (id and version). Any change in any part gives a different key, so a new prompt, a new model or an
 * edited value definition never reads an old entry.
 *
 * @param extractorId        {@link ConceptExtractor#id()}
 * @param extractorVersion   {@link ConceptExtractor#version()}
 * @param valueSystem        {@link ValueSystem#qualifiedId()}, e.g. {@code schwartz@1}
 * @param textSha256         SHA-256 of the scenario and the text, see {@link #contentHash(TextInput)}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CacheKey(String extractorId, String extractorVersion, String valueSystem, String textSha256) {

    public CacheKey {
        notBlank(extractorId, "extractorId");
        notBlank(extractorVersion, "extractorVersion");
        notBlank(valueSystem, "valueSystem");
        notBlank(textSha256, "textSha256");
    }

    /** The key of a text for an extractor and a value system. */
    public static CacheKey of(ConceptExtractor extractor, ValueSystem valueSystem, TextInput text) {
        return new CacheKey(extractor.id(), extractor.version(), valueSystem.qualifiedId(), contentHash(text));
    }

    /** SHA-256 (hex) over the scenario and the text; the id is not part of it. */
    public static String contentHash(TextInput text) {
        return Hashing.sha256(text.scenario() == null ? "" : text.scenario(), text.text());
    }

    /** SHA-256 (hex) over all parts: the name of the entry in a store. */
    public String hash() {
        return Hashing.sha256(extractorId, extractorVersion, valueSystem, textSha256);
    }
}
