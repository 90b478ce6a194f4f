package dev.clave.llm;

import dev.clave.concept.Concept;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * A worked example in the extraction prompt: a text (and the scenario it answered) with the concepts a careful
 * annotator extracts from it. Clave ships hand-checked examples for its built-in value systems; give your own to
 * {@link LlmConceptExtractor.Builder#examples(List)} for a value system of your own. Examples are part of the
 * extractor's {@link LlmConceptExtractor#version() version}, so changing them never serves old cache entries.
 *
 * @param scenario the prompt the text answered, or null
 * @param text     the example text; not blank
 * @param concepts the concepts to extract, each naming the value ids it bears on; empty for a text that bears on none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExtractionExample(@Nullable String scenario, String text, List<Concept> concepts) {

    public ExtractionExample {
        notBlank(text, "example text");
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
    }
}
