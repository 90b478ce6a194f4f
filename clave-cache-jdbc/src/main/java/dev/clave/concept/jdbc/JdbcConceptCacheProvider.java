package dev.clave.concept.jdbc;

import dev.clave.concept.CacheMode;
import dev.clave.concept.ConceptCache;
import org.apiguardian.api.API;

import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Makes the {@code jdbc} concept cache store from configuration: {@code clave.cache.store=jdbc} with
 * {@value JdbcCacheSettings#URL}, {@value JdbcCacheSettings#USER} and the password in
 * {@value JdbcCacheSettings#PASSWORD_VARIABLE}. The cache modes read-only and replay give a store that never writes.
 *
 * <p><b>Seam (to wire once the store-provider SPI lands in clave-core):</b> this class then implements
 * {@code dev.clave.concept.ConceptCacheProvider} ({@code name()} is already {@value #NAME}; {@code create(CacheSettings)}
 * calls {@link #create(Function, CacheMode)} with the settings' property lookup and cache mode) and is listed in
 * {@code META-INF/services/dev.clave.concept.ConceptCacheProvider} of this module. Until then the CLI calls it directly.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcConceptCacheProvider {

    /** The store's name, the value of {@code clave.cache.store}. */
    public static final String NAME = "jdbc";

    /** The store's name: {@value #NAME}. */
    public String name() {
        return NAME;
    }

    /** The store the properties describe, the password read from the process environment. */
    public ConceptCache create(Function<String, String> properties, CacheMode mode) {
        return create(properties, System::getenv, mode);
    }

    /** As {@link #create(Function, CacheMode)}, reading the password through {@code environment}. */
    public ConceptCache create(Function<String, String> properties, Function<String, String> environment, CacheMode mode) {
        notNull(mode, "mode");
        return JdbcConceptCache.builder()
                .settings(JdbcCacheSettings.fromProperties(properties, environment))
                .readOnly(mode != CacheMode.READ_WRITE)
                .build();
    }
}
