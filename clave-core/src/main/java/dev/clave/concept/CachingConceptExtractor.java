package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.embedding.VectorStore;
import dev.clave.internal.Printable;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Puts a {@link ConceptCache} in front of an extractor. It has the delegate's id and version, so entries are
 * keyed by the real extractor. A cached entry whose concepts name a value the value system does not have is logged
 * and treated as a miss. Thread-safe when the delegate and the cache are.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CachingConceptExtractor implements ConceptExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(CachingConceptExtractor.class);

    private final ConceptExtractor delegate;
    private final ConceptCache cache;
    private final CacheMode mode;

    public CachingConceptExtractor(ConceptExtractor delegate, ConceptCache cache, CacheMode mode) {
        this.delegate = notNull(delegate, "delegate");
        this.cache = notNull(cache, "cache");
        this.mode = notNull(mode, "mode");
    }

    /** The extractor behind the cache. */
    public ConceptExtractor delegate() {
        return delegate;
    }

    /** The cache. */
    public ConceptCache cache() {
        return cache;
    }

    /** The cache mode. */
    public CacheMode mode() {
        return mode;
    }

    /**
     * The cache as a store of concept vectors for a {@link dev.clave.embedding.ConceptEmbedder}: stored vectors are
     * read in every mode; vectors are stored only in {@link CacheMode#READ_WRITE}, like concepts.
     */
    public VectorStore vectors() {
        return new VectorStore() {
            @Override
            public Map<String, float[]> get(String encoderId, Collection<String> concepts) {
                return cache.vectors(encoderId, concepts);
            }

            @Override
            public void put(String encoderId, Map<String, float[]> vectors) {
                if (mode == CacheMode.READ_WRITE) {
                    cache.putVectors(encoderId, vectors);
                }
            }

            @Override
            public String toString() {
                return "concept vectors in " + cache;
            }
        };
    }

    /**
     * The vector store of an extractor: its cache's when it is a {@link CachingConceptExtractor}, else
     * {@link VectorStore#NONE}.
     */
    public static VectorStore vectorsOf(ConceptExtractor extractor) {
        return extractor instanceof CachingConceptExtractor cached ? cached.vectors() : VectorStore.NONE;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
        return extractAll(List.of(text), valueSystem).get(0);
    }

    /**
     * Looks the whole batch up in the cache at once ({@link ConceptCache#getAll}), serves the hits and sends all
     * misses to the delegate in one batch; in {@link CacheMode#READ_WRITE}
     * each extracted text is stored as soon as the delegate hands it over, so a failure part-way through the batch
     * keeps every text extracted before it.
     */
    @Override
    public List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem) {
        List<CacheKey> keys = new ArrayList<>(texts.size());
        Map<CacheKey, ConceptCache.CacheEntryContext> lookups = new LinkedHashMap<>();
        for (TextInput text : texts) {
            CacheKey key = CacheKey.of(delegate, valueSystem, text);
            keys.add(key);
            lookups.putIfAbsent(key, context(text));
        }
        // One bulk lookup for the whole batch: a store with a round trip per lookup asks once.
        Map<CacheKey, List<Concept>> hits = lookups.isEmpty() ? Map.of() : cache.getAll(lookups);
        List<List<Concept>> results = new ArrayList<>(texts.size());
        List<Integer> missing = new ArrayList<>();
        List<TextInput> missingTexts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            TextInput text = texts.get(i);
            List<Concept> hit = hits.get(keys.get(i));
            if (hit != null && !namesOnlyValuesOf(hit, valueSystem, text)) {
                hit = null;
            }
            results.add(hit);
            if (hit == null) {
                if (mode == CacheMode.REPLAY) {
                    throw new ConceptCacheMissException(text, delegate, valueSystem, cache);
                }
                missing.add(i);
                missingTexts.add(text);
            }
        }
        if (!missingTexts.isEmpty()) {
            // Each result is stored as soon as it is extracted, so a failure later in the batch loses none of them.
            List<List<Concept>> extracted = mode == CacheMode.READ_WRITE
                    ? delegate.extractAll(missingTexts, valueSystem,
                            (text, concepts) -> cache.put(CacheKey.of(delegate, valueSystem, text), context(text), List.copyOf(concepts)))
                    : delegate.extractAll(missingTexts, valueSystem);
            for (int j = 0; j < missing.size(); j++) {
                results.set(missing.get(j), List.copyOf(extracted.get(j)));
            }
        }
        return results;
    }

    /** A cached concept that names a value the system does not have was edited or mixed up: extract the text again. */
    private boolean namesOnlyValuesOf(List<Concept> concepts, ValueSystem valueSystem, TextInput text) {
        for (Concept concept : concepts) {
            for (String value : concept.values()) {
                if (!valueSystem.contains(value)) {
                    LOG.warn("{}", Printable.escape("The cached concepts of text " + CacheKey.contentHash(text).substring(0, 12)
                            + " in " + cache + " name value '" + value + "', which value system " + valueSystem.qualifiedId()
                            + " does not have; the text is extracted again"));
                    return false;
                }
            }
        }
        return true;
    }

    private static ConceptCache.CacheEntryContext context(TextInput text) {
        return new ConceptCache.CacheEntryContext(text.text(), text.scenario());
    }

    @Override
    public String toString() {
        return delegate + " behind " + cache + " (" + mode.wire() + ")";
    }
}
