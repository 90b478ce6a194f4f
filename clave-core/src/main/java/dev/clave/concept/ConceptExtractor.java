package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The large model's job in the CLAVE method: read a text (and the scenario that produced it) and return the
 * short value concepts it expresses, for all the values of a value system in one call.
 *
 * <p>Implementations are thread-safe. {@link #id()} and {@link #version()} are part of every
 * {@link ConceptCache} key: change the version whenever the same input would give different concepts
 * (a new prompt, a new model), so that stale entries are never served.
 *
 * <p>Clave ships {@link SentenceConceptExtractor}, an offline fallback that needs no model, and an extractor
 * over any LangChain4j {@code ChatModel} ({@link dev.clave.llm.LlmConceptExtractor}).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface ConceptExtractor {

    /** A stable identifier, e.g. {@code offline-sentences} or {@code llm/openai/gpt-4o-mini}. */
    String id();

    /** The version of the extractor's behaviour (prompt, splitting rules). */
    String version();

    /**
     * The concepts of one text for all values of the system.
     *
     * @return the concepts; never null, empty when the text expresses none
     */
    List<Concept> extract(TextInput text, ValueSystem valueSystem);

    /**
     * The concepts of many texts, in the order of {@code texts}. The default calls {@link #extract} one text at
     * a time; extractors backed by a remote model override it to run calls concurrently.
     */
    default List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem) {
        List<List<Concept>> all = new ArrayList<>(texts.size());
        for (TextInput text : texts) {
            all.add(extract(text, valueSystem));
        }
        return all;
    }

    /**
     * Like {@link #extractAll(List, ValueSystem)}, and hands each text's concepts to {@code onExtracted} as soon as
     * they are ready, so that a caller (such as {@link CachingConceptExtractor}) keeps what was extracted even when a
     * later text of the batch fails. {@code onExtracted} may be called from several threads at once. The default
     * calls {@link #extractAll(List, ValueSystem)} and then hands every result over; extractors that make remote
     * calls override it to hand each over as it arrives.
     *
     * @since 0.1
     */
    default List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem,
                                           BiConsumer<TextInput, List<Concept>> onExtracted) {
        List<List<Concept>> all = extractAll(texts, valueSystem);
        for (int i = 0; i < texts.size(); i++) {
            onExtracted.accept(texts.get(i), all.get(i));
        }
        return all;
    }
}
