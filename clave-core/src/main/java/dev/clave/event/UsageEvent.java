package dev.clave.event;

import dev.clave.concept.CacheStats;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptExtractor;
import dev.clave.llm.LlmUsage;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * What the concept extraction of one evaluator cost in a run, told when the evaluator is closed (for the JUnit
 * extension: at the end of the run): the concept cache's hits and misses, and the large model's requests and tokens.
 *
 * @param extractor   the concept extractor's id
 * @param valueSystem the value system, {@code id@version}
 * @param cache       the concept cache's counters, when the extractor has a cache
 * @param largeModel  the large model's usage, when the extractor calls one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UsageEvent(String extractor, String valueSystem, @Nullable CacheStats cache, @Nullable LlmUsage largeModel) {

    public UsageEvent {
        notBlank(extractor, "extractor");
        notBlank(valueSystem, "valueSystem");
    }

    /** The usage of an extractor so far: its cache's counters (through a {@link CachingConceptExtractor}) and its large model's. */
    public static UsageEvent of(ConceptExtractor extractor, String valueSystem) {
        CacheStats stats = extractor instanceof CachingConceptExtractor caching ? caching.cache().stats() : null;
        return new UsageEvent(extractor.id(), valueSystem, stats, LlmUsage.of(extractor).orElse(null));
    }

    /** The cache's counters, when there is a cache. */
    public Optional<CacheStats> cacheStats() {
        return Optional.ofNullable(cache);
    }

    /** The large model's usage, when there is one. */
    public Optional<LlmUsage> largeModelUsage() {
        return Optional.ofNullable(largeModel);
    }
}
