package dev.clave.concept;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores the concepts of each (extractor, value system, text) so that a text costs one large-model call, ever. Stores
 * are chosen by configuration through {@link ConceptCaches} and {@link ConceptCacheProvider}.
 *
 * <p>A store may also keep the vectors of concepts, by encoder ({@link #vectors}, {@link #putVectors}): then a warm
 * cache serves a new JVM both a text's concepts and their vectors, and the sentence encoder is not run at all. Both
 * methods have defaults that keep nothing, so a store without them works unchanged (its concepts are encoded again in
 * each JVM). A concept's vector depends only on the encoder id and the concept's text; encoder ids of fine-tuned
 * encoders name their calibration, so one calibration never reads another's vectors.
 *
 * <p>Implementations are safe for concurrent threads. {@link #directory(Path)} is also safe for several JVMs
 * sharing the directory (forked test JVMs, parallel CI jobs on one machine): writes are atomic, and a corrupt
 * entry is reported and treated as a miss, never fatal.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface ConceptCache {

    /** The stored concepts, or empty on a miss (including a corrupt entry, which is counted in {@link #stats()}). */
    Optional<List<Concept>> get(CacheKey key, CacheEntryContext context);

    /**
     * Looks up many entries at once: the stored concepts of every key that has an entry (in the order of
     * {@code entries}); keys without one (or with a corrupt one, counted in {@link #stats()}) are absent from the
     * result. The default calls {@link #get} once per key; stores with a round trip per lookup, such as a database,
     * override it to ask once for the whole batch.
     *
     * @param entries the keys to look up, each with what its entry is about
     * @return the hits, keyed by the keys of {@code entries}; never null
     * @since 0.1
     */
    default Map<CacheKey, List<Concept>> getAll(Map<CacheKey, CacheEntryContext> entries) {
        Map<CacheKey, List<Concept>> found = new LinkedHashMap<>();
        entries.forEach((key, context) -> get(key, context).ifPresent(concepts -> found.put(key, concepts)));
        return found;
    }

    /** Stores concepts, replacing any entry with the same key. */
    void put(CacheKey key, CacheEntryContext context, List<Concept> concepts);

    /** Counters since this instance was created. */
    CacheStats stats();

    /**
     * The stored vectors of concepts made by one encoder. A vector that cannot be read is left out (and reported like a
     * corrupt entry), so that its concept is encoded again.
     *
     * @param encoderId the encoder's id, e.g. {@code all-minilm-l6-v2-q}
     * @param concepts  concept texts
     * @return the vectors found, by concept text; by default none
     * @since 0.1
     */
    default Map<String, float[]> vectors(String encoderId, Collection<String> concepts) {
        return Map.of();
    }

    /**
     * Stores vectors of concepts made by one encoder, replacing any stored for the same encoder and concept. By default
     * nothing is stored.
     *
     * @param encoderId the encoder's id
     * @param vectors   by concept text, each of the encoder's dimension
     * @since 0.1
     */
    default void putVectors(String encoderId, Map<String, float[]> vectors) {
    }

    /**
     * A directory store that a team can commit: one small JSON file per entry, see {@link DirectoryConceptCache}. To
     * choose a store by configuration, use {@link ConceptCaches#create(CacheSettings)}.
     */
    static ConceptCache directory(Path directory) {
        return new DirectoryConceptCache(directory);
    }

    /** A store that lives as long as the JVM. */
    static ConceptCache inMemory() {
        return new InMemoryConceptCache();
    }

    /**
     * What an entry is about, written next to the concepts so that a reviewer of a committed cache can read
     * it and so that a replay miss can name the text. Never contains secrets.
     *
     * @param text     the text
     * @param scenario its scenario, or null
     */
    record CacheEntryContext(String text, String scenario) {
    }
}
