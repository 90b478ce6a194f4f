package dev.clave.concept.jdbc;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheSettings;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the shared concept cache lives, as read from configuration. The URL and the user are settings
 * ({@value #URL}, {@value #USER}); the password is never a setting: it is read from the environment variable
 * {@value #PASSWORD_VARIABLE} when the settings are made, and never printed ({@link #toString()} masks it).
 *
 * @param url          the JDBC URL, e.g. {@code jdbc:postgresql://db.example:5432/clave}; without a password in it
 * @param user         the database user, or null for the driver's default
 * @param password     the password, or null for none (trust or certificate authentication)
 * @param localEntries how many entries the in-process layer keeps (least recently used go first)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record JdbcCacheSettings(String url, @Nullable String user, @Nullable String password, int localEntries) {

    /** The JDBC URL of the database. */
    public static final String URL = "clave.cache.jdbc.url";
    /** The database user. */
    public static final String USER = "clave.cache.jdbc.user";
    /** How many entries the in-process layer keeps; default {@value #DEFAULT_LOCAL_ENTRIES}. */
    public static final String LOCAL_ENTRIES = "clave.cache.jdbc.local-entries";
    /** The environment variable that holds the password. */
    public static final String PASSWORD_VARIABLE = "CLAVE_CACHE_JDBC_PASSWORD";
    /** The keys the store reads from configuration (the password is not one: it comes from the environment). */
    public static final List<String> KEYS = List.of(URL, USER, LOCAL_ENTRIES);
    /** The default size of the in-process layer (a few KiB an entry at most). */
    public static final int DEFAULT_LOCAL_ENTRIES = 50_000;

    private static final Pattern SECRET_IN_URL = Pattern.compile("(?i)[?&;](password|sslpassword)=");

    public JdbcCacheSettings {
        if (url == null || url.isBlank()) {
            throw new ClaveConfigurationException("The jdbc concept cache needs " + URL + ", e.g. "
                    + "jdbc:postgresql://db.example:5432/clave (user in " + USER + ", password in " + PASSWORD_VARIABLE + ").");
        }
        url = url.strip();
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            throw new ClaveConfigurationException(URL + " must be a JDBC URL such as jdbc:postgresql://db.example:5432/clave, "
                    + "but is: '" + describe(url) + "'");
        }
        if (SECRET_IN_URL.matcher(url).find()) {
            throw new ClaveConfigurationException(URL + " must not hold a password (" + describe(url) + "): put it in the "
                    + "environment variable " + PASSWORD_VARIABLE + " instead, so that it never reaches a file or a log.");
        }
        user = user == null || user.isBlank() ? null : user.strip();
        password = password == null || password.isEmpty() ? null : password;
        if (localEntries < 0) {
            throw new ClaveConfigurationException(LOCAL_ENTRIES + " must be at least 0, but is: " + localEntries);
        }
    }

    /** Settings for a URL and user, the password from {@value #PASSWORD_VARIABLE} of the process environment. */
    public static JdbcCacheSettings of(String url, @Nullable String user) {
        return new JdbcCacheSettings(url, user, System.getenv(PASSWORD_VARIABLE), DEFAULT_LOCAL_ENTRIES);
    }

    /**
     * Reads {@value #URL}, {@value #USER} and {@value #LOCAL_ENTRIES} through a property lookup (null for absent
     * keys), and the password from {@value #PASSWORD_VARIABLE} through {@code environment}.
     *
     * @throws ClaveConfigurationException naming the setting to fix
     */
    public static JdbcCacheSettings fromProperties(Function<String, String> properties, Function<String, String> environment) {
        String entries = properties.apply(LOCAL_ENTRIES);
        int localEntries = DEFAULT_LOCAL_ENTRIES;
        if (entries != null && !entries.isBlank()) {
            try {
                localEntries = Integer.parseInt(entries.strip());
            } catch (NumberFormatException e) {
                throw new ClaveConfigurationException(LOCAL_ENTRIES + " must be a whole number, but is: '" + entries + "'");
            }
        }
        return new JdbcCacheSettings(properties.apply(URL), properties.apply(USER), environment.apply(PASSWORD_VARIABLE),
                localEntries);
    }

    /**
     * Reads the store's keys from the {@linkplain CacheSettings#options() options} of cache settings, and the password
     * from {@value #PASSWORD_VARIABLE} through {@code environment}.
     *
     * @throws ClaveConfigurationException naming the setting to fix
     */
    public static JdbcCacheSettings from(CacheSettings settings, Function<String, String> environment) {
        return fromProperties(key -> settings.option(key).orElse(null), environment);
    }

    /** The URL as shown in messages: without its query (which may hold credentials). */
    public String describeUrl() {
        return describe(url);
    }

    static String describe(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "JdbcCacheSettings[url=" + describeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", localEntries=" + localEntries + "]";
    }
}
