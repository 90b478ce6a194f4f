package dev.clave.concept;

import dev.clave.internal.WireNames;
import org.apiguardian.api.API;

import java.util.List;

/**
 * How a {@link CachingConceptExtractor} uses its {@link ConceptCache}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum CacheMode {
    /** Serve hits; extract misses and store them. The default. */
    READ_WRITE,
    /** Serve hits; extract misses but never write (e.g. a shared cache a job must not change). */
    READ_ONLY,
    /** Serve hits; a miss fails with a message naming the text and how to record it. For CI without a model. */
    REPLAY;

    /** The option form: {@code read-write}, {@code read-only}, {@code replay}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Parses the option form (case-insensitive; {@code _} and {@code -} alike). */
    public static CacheMode fromWire(String value) {
        return WireNames.parse(CacheMode.class, "cache mode", value);
    }

    /** All option forms. */
    public static List<String> wires() {
        return WireNames.all(CacheMode.class);
    }
}
