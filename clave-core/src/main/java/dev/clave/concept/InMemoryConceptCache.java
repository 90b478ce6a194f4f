package dev.clave.concept;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ConceptCache} in a concurrent map. */
final class InMemoryConceptCache implements ConceptCache {

    private final Map<CacheKey, List<Concept>> entries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, float[]>> vectors = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public Optional<List<Concept>> get(CacheKey key, CacheEntryContext context) {
        List<Concept> concepts = entries.get(key);
        (concepts == null ? misses : hits).incrementAndGet();
        return Optional.ofNullable(concepts);
    }

    @Override
    public void put(CacheKey key, CacheEntryContext context, List<Concept> concepts) {
        entries.put(key, List.copyOf(concepts));
        writes.incrementAndGet();
    }

    @Override
    public Map<String, float[]> vectors(String encoderId, Collection<String> concepts) {
        Map<String, float[]> ofEncoder = vectors.getOrDefault(encoderId, Map.of());
        Map<String, float[]> found = new LinkedHashMap<>();
        for (String concept : concepts) {
            float[] vector = ofEncoder.get(concept);
            if (vector != null) {
                found.put(concept, vector.clone());
            }
        }
        return found;
    }

    @Override
    public void putVectors(String encoderId, Map<String, float[]> more) {
        Map<String, float[]> ofEncoder = vectors.computeIfAbsent(encoderId, id -> new ConcurrentHashMap<>());
        more.forEach((concept, vector) -> ofEncoder.put(concept, vector.clone()));
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.get(), misses.get(), writes.get(), 0, List.of());
    }

    @Override
    public String toString() {
        return "in-memory concept cache (" + entries.size() + " entries)";
    }
}
