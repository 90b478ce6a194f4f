package dev.clave.junit;

import dev.clave.concept.CacheMode;
import org.apiguardian.api.API;

/**
 * How the evaluator uses its concept cache, as set on {@link ClaveTest#cacheMode()}. {@link #DEFAULT} reads the
 * configuration parameter {@value ClaveTest#CACHE_MODE_PROPERTY_NAME} ({@code read-write} when unset).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ConceptCacheMode {
    /** Read {@value ClaveTest#CACHE_MODE_PROPERTY_NAME}, default {@code read-write}. */
    DEFAULT(null),
    /** Serve hits, extract and store misses. */
    READ_WRITE(CacheMode.READ_WRITE),
    /** Serve hits, extract misses without storing them. */
    READ_ONLY(CacheMode.READ_ONLY),
    /** Serve hits; a miss fails, naming the text and how to record it. For CI without a large model. */
    REPLAY(CacheMode.REPLAY);

    private final CacheMode mode;

    ConceptCacheMode(CacheMode mode) {
        this.mode = mode;
    }

    /** The core cache mode, or null for {@link #DEFAULT}. */
    CacheMode mode() {
        return mode;
    }
}
