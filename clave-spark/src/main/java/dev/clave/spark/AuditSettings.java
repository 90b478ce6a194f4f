package dev.clave.spark;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.ExtractorSettings;
import dev.clave.concept.jdbc.JdbcCacheSettings;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything an executor needs to evaluate answers: the calibrated evaluator, the extractor, the concept cache and
 * this executor's share of the large model's request budget. Sent to every task; it holds no secret (API keys and
 * the database password are read from each executor's environment). Equal settings share one evaluator per
 * executor JVM.
 *
 * @param evaluator                   the calibrated evaluator's artifact directory, readable on every executor
 * @param extractor                   the extractor name ({@code offline}, {@code openai}, ...)
 * @param modelName                   the large model, or null for the provider's default
 * @param baseUrl                     the provider's base URL, or null
 * @param extractorOptions            further extractor options (keys without {@code clave.extractor.})
 * @param cacheStore                  {@code directory} or {@code jdbc}
 * @param cacheDirectory              the directory cache (on every executor), for {@code directory}
 * @param jdbcUrl                     the database, for {@code jdbc}
 * @param jdbcUser                    the database user, or null
 * @param cacheMode                   {@code read-write}, {@code read-only} or {@code replay}
 * @param requestsPerMinutePerExecutor this executor's share of the large model's budget; 0 for none
 * @param batch                       answers evaluated together (one bulk cache lookup each)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditSettings(String evaluator, String extractor, @Nullable String modelName, @Nullable String baseUrl,
                            Map<String, String> extractorOptions, String cacheStore, @Nullable String cacheDirectory,
                            @Nullable String jdbcUrl, @Nullable String jdbcUser, String cacheMode,
                            int requestsPerMinutePerExecutor, int batch) implements Serializable {

    public AuditSettings {
        extractorOptions = new HashMap<>(extractorOptions);
        CacheMode.fromWire(cacheMode);
        if (!cacheStore.equals("directory") && !cacheStore.equals("jdbc")) {
            throw new dev.clave.value.UnknownValueException("cache store", cacheStore, java.util.List.of("directory", "jdbc"));
        }
        if (cacheStore.equals("directory") && (cacheDirectory == null || cacheDirectory.isBlank())) {
            throw new ClaveConfigurationException("The directory concept cache needs --cache DIR (a path every executor reads)");
        }
        if (cacheStore.equals("jdbc")) {
            new JdbcCacheSettings(jdbcUrl, jdbcUser, null, 0); // validates the URL, before any task starts
        }
        if (batch < 1) {
            throw new ClaveConfigurationException("--batch must be at least 1, but is: " + batch);
        }
    }

    /** The extractor settings of an executor, with its share of the budget. */
    ExtractorSettings extractorSettings() {
        ExtractorSettings settings = new ExtractorSettings(extractor, modelName, baseUrl, extractorOptions);
        if (requestsPerMinutePerExecutor > 0 && !ExtractorSettings.OFFLINE.equals(settings.extractor())) {
            settings = settings.withOption("requests-per-minute", Integer.toString(requestsPerMinutePerExecutor));
        }
        return settings;
    }

    /**
     * One executor's share of a global requests-per-minute budget: the budget divided by the executors, rounded down
     * so that together they never exceed it.
     *
     * @throws ClaveConfigurationException when the budget is smaller than the number of executors
     */
    public static int share(int requestsPerMinute, int executors) {
        if (requestsPerMinute <= 0) {
            return 0;
        }
        if (executors < 1) {
            throw new ClaveConfigurationException("executors must be at least 1, but is: " + executors);
        }
        int share = requestsPerMinute / executors;
        if (share < 1) {
            throw new ClaveConfigurationException("A budget of " + requestsPerMinute + " requests per minute cannot be divided "
                    + "across " + executors + " executors: raise --requests-per-minute or use fewer executors.");
        }
        return share;
    }

    static Map<String, String> options(Map<String, String> options) {
        return new HashMap<>(options);
    }
}
