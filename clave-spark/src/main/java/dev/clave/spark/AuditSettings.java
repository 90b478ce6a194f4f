package dev.clave.spark;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptCaches;
import dev.clave.llm.LargeModelSettings;
import dev.clave.setup.ConceptExtractors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything an executor needs to evaluate answers: the calibrated evaluator, the extractor's
 * {@linkplain LargeModelSettings settings}, the concept cache's {@linkplain CacheSettings settings} (any store a
 * {@link dev.clave.concept.ConceptCacheProvider} on the class path provides, chosen by name as everywhere in Clave) and
 * this executor's share of the large model's request budget. Sent to every task as plain strings; it holds no secret
 * (API keys and the database password are read from each executor's environment). Equal settings share one evaluator
 * per executor JVM.
 *
 * @param evaluator                    the calibrated evaluator's artifact directory, readable on every executor
 * @param extractor                    the extractor id ({@code offline}, {@code openai}, {@code openai:gpt-4o-mini}, ...)
 * @param modelName                    the large model, or null for the id's or the provider's default
 * @param baseUrl                      the provider's base URL, or null
 * @param extractorOptions             further extractor options (keys without {@code clave.extractor.})
 * @param cacheStore                   the store's name ({@value CacheSettings#STORE}), e.g. {@code directory}, {@code jdbc}
 * @param cacheMode                    {@code read-write}, {@code read-only} or {@code replay}
 * @param cacheDirectory               the directory store's directory (a path every executor reads)
 * @param cacheOptions                 the store's own settings by full key (e.g. {@code clave.cache.jdbc.url})
 * @param requestsPerMinutePerExecutor this executor's share of the large model's budget; 0 for none
 * @param batch                        answers evaluated together (one bulk cache lookup each)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditSettings(String evaluator, String extractor, @Nullable String modelName, @Nullable String baseUrl,
                            Map<String, String> extractorOptions, String cacheStore, String cacheMode, String cacheDirectory,
                            Map<String, String> cacheOptions, int requestsPerMinutePerExecutor, int batch)
        implements Serializable {

    /**
     * Checks the settings on the driver, before any task starts: an unknown extractor, store or option is named with the
     * valid ones, and the store is made once (stores open connections lazily) so that its own settings are checked.
     *
     * @throws ClaveConfigurationException naming the setting to fix
     */
    public AuditSettings {
        extractorOptions = new HashMap<>(extractorOptions);
        cacheOptions = new HashMap<>(cacheOptions);
        if (batch < 1) {
            throw new ClaveConfigurationException("--batch must be at least 1, but is: " + batch);
        }
        if (requestsPerMinutePerExecutor < 0) {
            throw new ClaveConfigurationException("requests per minute must be at least 0, but is: " + requestsPerMinutePerExecutor);
        }
        ConceptExtractors.create(largeModelSettings(extractor, modelName, baseUrl, extractorOptions), name -> null);
        ConceptCache store = ConceptCaches.create(cacheSettings(cacheStore, cacheMode, cacheDirectory, cacheOptions),
                name -> null);
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // it opened nothing
            }
        }
    }

    /** The extractor settings of an executor, with its share of the budget. */
    LargeModelSettings extractorSettings() {
        LargeModelSettings settings = largeModelSettings(extractor, modelName, baseUrl, extractorOptions);
        if (requestsPerMinutePerExecutor > 0 && !settings.offlineExtractor()) {
            settings = settings.withOption("requests-per-minute", Integer.toString(requestsPerMinutePerExecutor));
        }
        return settings;
    }

    /** The cache settings of an executor. */
    CacheSettings cacheSettings() {
        return cacheSettings(cacheStore, cacheMode, cacheDirectory, cacheOptions);
    }

    private static LargeModelSettings largeModelSettings(String extractor, @Nullable String modelName, @Nullable String baseUrl,
                                                         Map<String, String> options) {
        return new LargeModelSettings(LargeModelSettings.EXTRACTOR, extractor, modelName, baseUrl, options);
    }

    private static CacheSettings cacheSettings(String store, String mode, String directory, Map<String, String> options) {
        return new CacheSettings(store, CacheMode.fromWire(mode), Path.of(directory), options);
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
}
