package dev.clave.concept;

import org.apiguardian.api.API;

import java.util.List;

/**
 * Counters of a {@link ConceptCache}.
 *
 * @param hits     lookups that found an entry
 * @param misses   lookups that found none (corrupt entries included)
 * @param writes   entries written
 * @param corrupt  unreadable entries found (each reported once, with its file, in {@link #problems()})
 * @param problems one line per corrupt entry: where and why
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CacheStats(long hits, long misses, long writes, long corrupt, List<String> problems) {

    public CacheStats {
        problems = List.copyOf(problems);
    }
}
