package dev.clave.concept;

import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores the concepts of each (extractor, value system, text) so that a text costs one large-model call, ever. Stores
 * are chosen by configuration through {@link ConceptCaches} and {@link ConceptCacheProvider}.
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
