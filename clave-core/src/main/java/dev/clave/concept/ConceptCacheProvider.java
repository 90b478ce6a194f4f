package dev.clave.concept;

import org.apiguardian.api.API;

import java.util.List;
import java.util.function.Function;

/**
 * Makes a concept cache store that configuration can name ({@value CacheSettings#STORE}). To add a store, implement
 * this interface and {@link ConceptCache}, and list the provider in
 * {@code META-INF/services/dev.clave.concept.ConceptCacheProvider}; Clave's own are {@code directory} and
 * {@code memory}. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ConceptCacheProvider {

    /** The name configuration uses, e.g. {@code directory}; unique among providers. */
    String name();

    /** The configuration keys this store reads besides the common ones, e.g. {@code clave.cache.jdbc.url}. */
    default List<String> keys() {
        return List.of();
    }

    /**
     * Creates the store.
     *
     * @param settings    the cache settings, with this store's keys in {@link CacheSettings#options()}
     * @param environment reads environment variables, for secrets such as a database password
     * @throws dev.clave.ClaveConfigurationException naming the setting to fix
     */
    ConceptCache create(CacheSettings settings, Function<String, String> environment);
}
