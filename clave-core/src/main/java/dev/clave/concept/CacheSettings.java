package dev.clave.concept;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Which concept cache store to use and how, as read from configuration. The store is named by {@value #STORE}
 * ({@value #DEFAULT_STORE} by default) and built by the {@link ConceptCacheProvider} of that name; its mode is
 * {@value #MODE}; the directory store reads {@value #DIRECTORY}; other stores read their own keys (listed by
 * {@link ConceptCacheProvider#keys()}), kept in {@link #options()}. Secrets (a database password) are never settings:
 * a provider reads them from the environment when it creates the store.
 *
 * <p>Immutable, with value equality, so that it can key a shared evaluator.
 *
 * @param store     the provider name, e.g. {@code directory}, {@code memory}, {@code jdbc}
 * @param mode      how the cache is used
 * @param directory the directory of the directory store (absolute)
 * @param options   further settings of the store, by full key (e.g. {@code clave.cache.jdbc.url})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CacheSettings(String store, CacheMode mode, Path directory, Map<String, String> options) {

    /** Configuration key of the store's name. */
    public static final String STORE = "clave.cache.store";
    /** Configuration key of the cache mode: {@code read-write}, {@code read-only} or {@code replay}. */
    public static final String MODE = "clave.cache.mode";
    /** Configuration key of the directory store's directory. */
    public static final String DIRECTORY = "clave.cache.directory";
    /** The default store: a directory that a team can commit. */
    public static final String DEFAULT_STORE = "directory";
    /** The default directory, relative to the working directory. */
    public static final String DEFAULT_DIRECTORY = "clave-cache";

    public CacheSettings {
        notBlank(store, "store");
        store = store.strip();
        notNull(mode, "mode");
        directory = notNull(directory, "directory").toAbsolutePath().normalize();
        options = Map.copyOf(notNull(options, "options"));
    }

    /** The directory store in {@code directory}, read-write. */
    public static CacheSettings directory(Path directory) {
        return new CacheSettings(DEFAULT_STORE, CacheMode.READ_WRITE, directory, Map.of());
    }

    /** A store that lives as long as the JVM, read-write. */
    public static CacheSettings memory() {
        return new CacheSettings(MemoryCacheProvider.NAME, CacheMode.READ_WRITE, Path.of(DEFAULT_DIRECTORY), Map.of());
    }

    /**
     * Reads the settings through a property lookup (null for absent keys): {@value #STORE}, {@value #MODE},
     * {@value #DIRECTORY} (relative to {@code workingDirectory}) and the keys the chosen store's provider lists.
     *
     * @throws dev.clave.UnknownNameException listing the stores, for an unknown store
     */
    public static CacheSettings fromProperties(Function<String, String> lookup, Path workingDirectory) {
        String store = orDefault(lookup.apply(STORE), DEFAULT_STORE);
        String mode = lookup.apply(MODE);
        Path directory = Path.of(orDefault(lookup.apply(DIRECTORY), DEFAULT_DIRECTORY));
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : ConceptCaches.provider(store).keys()) {
            String value = lookup.apply(key);
            if (value != null && !value.isBlank()) {
                options.put(key, value.strip());
            }
        }
        return new CacheSettings(store, mode == null || mode.isBlank() ? CacheMode.READ_WRITE : CacheMode.fromWire(mode.strip()),
                directory.isAbsolute() ? directory : workingDirectory.resolve(directory), options);
    }

    /** A store option by full key, if set. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** These settings with another mode. */
    public CacheSettings withMode(CacheMode newMode) {
        return new CacheSettings(store, newMode, directory, options);
    }

    /** These settings with another store and its options. */
    public CacheSettings withStore(String newStore, Map<String, String> newOptions) {
        return new CacheSettings(newStore, mode, directory, newOptions);
    }

    /** These settings with another directory. */
    public CacheSettings withDirectory(Path newDirectory) {
        return new CacheSettings(store, mode, newDirectory, options);
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
