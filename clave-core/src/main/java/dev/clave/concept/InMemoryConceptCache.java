package dev.clave.concept;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ConceptCache} in a concurrent map. */
final class InMemoryConceptCache implements ConceptCache {

    private final Map<CacheKey, List<Concept>> entries = new ConcurrentHashMap<>();
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
    public CacheStats stats() {
        return new CacheStats(hits.get(), misses.get(), writes.get(), 0, List.of());
    }

    @Override
    public String toString() {
        return "in-memory concept cache (" + entries.size() + " entries)";
    }
}
