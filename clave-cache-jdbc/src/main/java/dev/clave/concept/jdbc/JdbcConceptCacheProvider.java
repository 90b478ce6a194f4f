package dev.clave.concept.jdbc;

import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptCacheProvider;
import org.apiguardian.api.API;

import java.util.List;
import java.util.function.Function;

/**
 * The {@code jdbc} concept cache store, chosen by {@code clave.cache.store=jdbc}: a PostgreSQL database shared by many
 * runners, with {@value JdbcCacheSettings#URL}, {@value JdbcCacheSettings#USER} and
 * {@value JdbcCacheSettings#LOCAL_ENTRIES} from configuration and the password from the environment variable
 * {@value JdbcCacheSettings#PASSWORD_VARIABLE}. The cache modes read-only and replay give a store that never writes.
 * Listed in this module's {@code META-INF/services/dev.clave.concept.ConceptCacheProvider}, so that putting the module
 * (and a JDBC driver) on the class path is all it takes.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcConceptCacheProvider implements ConceptCacheProvider {

    /** The store's name, the value of {@code clave.cache.store}. */
    public static final String NAME = "jdbc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return JdbcCacheSettings.KEYS;
    }

    @Override
    public ConceptCache create(CacheSettings settings, Function<String, String> environment) {
        return JdbcConceptCache.builder()
                .settings(JdbcCacheSettings.from(settings, environment))
                .readOnly(settings.mode() != CacheMode.READ_WRITE)
                .build();
    }
}
