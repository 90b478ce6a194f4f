package dev.clave.concept;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which concept extractor to build, as read from configuration: the CLI's flags, {@code junit-platform.properties}
 * or system properties. Secrets are not settings: API keys are read from the environment when the extractor is
 * built, never stored here.
 *
 * <p>Property keys: {@value #EXTRACTOR} ({@code offline} by default; {@code openai}, {@code ollama},
 * {@code anthropic}), {@value #MODEL_NAME}, {@value #BASE_URL}, and the options {@value #TIMEOUT},
 * {@value #CONCURRENCY}, {@value #MAX_RETRIES}, {@value #RETRY_BUDGET}, {@value #RESPONSE_FORMAT},
 * {@value #TEMPERATURE} and {@value #MAX_OUTPUT_TOKENS} (see {@link #OPTIONS}). An option is stored under its key
 * without the {@code clave.extractor.} prefix, e.g. {@code timeout}.
 *
 * @param extractor the extractor name, e.g. {@code offline}
 * @param modelName the large model's name, or null for the provider's default
 * @param baseUrl   the provider's base URL, or null for its default
 * @param options   further provider-specific settings (keys without the {@code clave.extractor.} prefix)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExtractorSettings(String extractor, @Nullable String modelName, @Nullable String baseUrl,
                                Map<String, String> options) {

    public static final String EXTRACTOR = "clave.extractor";
    public static final String MODEL_NAME = "clave.extractor.model-name";
    public static final String BASE_URL = "clave.extractor.base-url";
    /** Per-request timeout of the large model, e.g. {@code 60s}, {@code 500ms}, {@code 2m} or {@code PT1M}. */
    public static final String TIMEOUT = "clave.extractor.timeout";
    /** The most large-model requests in flight at once. */
    public static final String CONCURRENCY = "clave.extractor.concurrency";
    /** The most retries of one request after 429, 5xx, timeouts or connection failures. */
    public static final String MAX_RETRIES = "clave.extractor.max-retries";
    /** The most time one request may spend waiting between retries, e.g. {@code 120s}. */
    public static final String RETRY_BUDGET = "clave.extractor.retry-budget";
    /** {@code json-schema} (structured output), {@code json} (JSON mode) or {@code auto}. */
    public static final String RESPONSE_FORMAT = "clave.extractor.response-format";
    /** Sampling temperature of the large model. */
    public static final String TEMPERATURE = "clave.extractor.temperature";
    /** The most tokens of one answer. */
    public static final String MAX_OUTPUT_TOKENS = "clave.extractor.max-output-tokens";
    /** The offline default. */
    public static final String OFFLINE = "offline";

    /** The option keys (without the {@code clave.extractor.} prefix) that large-model extractors understand. */
    public static final List<String> OPTIONS = List.of("timeout", "concurrency", "max-retries", "retry-budget",
            "response-format", "temperature", "max-output-tokens");

    private static final String PREFIX = "clave.extractor.";

    public ExtractorSettings {
        extractor = extractor == null || extractor.isBlank() ? OFFLINE : extractor.strip();
        modelName = modelName == null || modelName.isBlank() ? null : modelName.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        options = Map.copyOf(options);
    }

    /** The offline extractor. */
    public static ExtractorSettings offline() {
        return new ExtractorSettings(OFFLINE, null, null, Map.of());
    }

    /** Settings for an extractor by name, with the provider's default model and base URL. */
    public static ExtractorSettings of(String extractor) {
        return new ExtractorSettings(extractor, null, null, Map.of());
    }

    /**
     * Reads the settings through a property lookup (returning null for absent keys): {@value #EXTRACTOR},
     * {@value #MODEL_NAME}, {@value #BASE_URL} and every option of {@link #OPTIONS} as
     * {@code clave.extractor.<option>}.
     */
    public static ExtractorSettings fromProperties(Function<String, String> lookup) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            String value = lookup.apply(PREFIX + option);
            if (value != null && !value.isBlank()) {
                options.put(option, value.strip());
            }
        }
        return new ExtractorSettings(lookup.apply(EXTRACTOR), lookup.apply(MODEL_NAME), lookup.apply(BASE_URL), options);
    }

    /** An option's value (key without the {@code clave.extractor.} prefix), if set. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** These settings with another model name. */
    public ExtractorSettings withModelName(@Nullable String newModelName) {
        return new ExtractorSettings(extractor, newModelName, baseUrl, options);
    }

    /** These settings with another base URL. */
    public ExtractorSettings withBaseUrl(@Nullable String newBaseUrl) {
        return new ExtractorSettings(extractor, modelName, newBaseUrl, options);
    }

    /** These settings with one option set (key without the prefix), or removed when {@code value} is null. */
    public ExtractorSettings withOption(String key, @Nullable String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        if (value == null || value.isBlank()) {
            copy.remove(key);
        } else {
            copy.put(key, value.strip());
        }
        return new ExtractorSettings(extractor, modelName, baseUrl, copy);
    }
}
