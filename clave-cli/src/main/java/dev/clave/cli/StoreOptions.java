package dev.clave.cli;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.ConceptCaches;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Flags for the settings a concept cache store reads besides the common ones: each flag is the command-line form of a
 * key that a {@link dev.clave.concept.ConceptCacheProvider} lists in its {@code keys()} (the {@code jdbc} store's URL
 * and user). A key without its flag is read from the system property of the same name. Which store reads a key is the
 * provider's to say: a flag the chosen store does not read is refused, naming the stores that do. Secrets (a database
 * password) are never flags: the store reads them from the environment.
 */
final class StoreOptions {

    @Option(names = "--cache-jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the shared concept cache database (--cache-store jdbc), e.g. "
                    + "jdbc:postgresql://db.example:5432/clave; the password goes in CLAVE_CACHE_JDBC_PASSWORD, never in "
                    + "the URL. Default: the system property clave.cache.jdbc.url.")
    String jdbcUrl;

    @Option(names = "--cache-jdbc-user", paramLabel = "USER",
            description = "Database user of the shared concept cache (--cache-store jdbc). Default: the system property "
                    + "clave.cache.jdbc.user.")
    String jdbcUser;

    /** The flags given, by the configuration key they set. */
    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "clave.cache.jdbc.url", jdbcUrl);
        put(flags, "clave.cache.jdbc.user", jdbcUser);
        return flags;
    }

    private static String flag(String key) {
        return "--cache-" + key.substring("clave.cache.".length()).replace('.', '-');
    }

    /**
     * The settings of {@code store} in {@code mode} with the directory store's {@code directory}, and the store's own
     * keys from these flags or from system properties.
     *
     * @throws dev.clave.UnknownNameException listing the stores on the class path, for an unknown store
     * @throws ClaveConfigurationException for a flag that the store does not read
     */
    CacheSettings cacheSettings(String store, String mode, Path directory) {
        Map<String, String> flags = flags();
        Function<String, String> lookup = key -> {
            if (key.equals(CacheSettings.STORE)) {
                return store;
            }
            if (key.equals(CacheSettings.MODE)) {
                return mode;
            }
            if (key.equals(CacheSettings.DIRECTORY)) {
                return directory.toString();
            }
            return flags.containsKey(key) ? flags.get(key) : System.getProperty(key);
        };
        CacheSettings settings = CacheSettings.fromProperties(lookup, Path.of("").toAbsolutePath());
        for (String key : flags.keySet()) {
            if (!settings.options().containsKey(key)) {
                List<String> readers = ConceptCaches.names().stream()
                        .filter(name -> ConceptCaches.provider(name).keys().contains(key)).toList();
                throw new ClaveConfigurationException(flag(key) + " (" + key + ") is a setting of the concept cache store "
                        + (readers.isEmpty() ? "that is not on the class path" : String.join(" or ", readers))
                        + ", but the store is " + settings.store()
                        + (readers.isEmpty() ? "." : ": add --cache-store " + readers.get(0) + "."));
            }
        }
        return settings;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null && !value.isBlank()) {
            flags.put(key, value.strip());
        }
    }
}
