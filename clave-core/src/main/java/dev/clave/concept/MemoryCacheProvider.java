package dev.clave.concept;

import org.apiguardian.api.API;

import java.util.function.Function;

/**
 * The {@code memory} store: lives as long as the store object (nothing is written anywhere).
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MemoryCacheProvider implements ConceptCacheProvider {

    /** Its name. */
    public static final String NAME = "memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConceptCache create(CacheSettings settings, Function<String, String> environment) {
        return new InMemoryConceptCache();
    }
}
