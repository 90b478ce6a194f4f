package dev.clave.concept;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the option form (case-insensitive; {@code _} and {@code -} alike). */
    public static CacheMode fromWire(String value) {
        for (CacheMode mode : values()) {
            if (mode.wire().equalsIgnoreCase(String.valueOf(value).replace('_', '-'))) {
                return mode;
            }
        }
        throw new UnknownNameException("cache mode", String.valueOf(value), wires());
    }

    /** All option forms. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(CacheMode::wire).toList();
    }
}
