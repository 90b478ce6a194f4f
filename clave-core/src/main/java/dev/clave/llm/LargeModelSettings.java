package dev.clave.llm;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * Which large model plays a role, as read from configuration: the CLI's flags, {@code junit-platform.properties},
 * system properties or the environment. Every role a model plays in Clave is configured the same way, under its own
 * property prefix: the concept extractor ({@value #EXTRACTOR}), a judge ({@value #JUDGE}) and the model under test
 * ({@value #MODEL}). Secrets are not settings: API keys are read from the environment when the model is built
 * ({@link LargeModels}), never stored here.
 *
 * <p>A model id is {@code provider:model-name}, e.g. {@code openai:gpt-4o-mini}, {@code ollama:llama3.1} or
 * {@code anthropic:claude-3-5-haiku-latest}; a bare provider ({@code openai}) means its default model, and
 * {@code <prefix>.model-name} may give the name separately. Keys under the prefix: {@code .model-name},
 * {@code .base-url}, and the {@linkplain #OPTIONS options} {@code .timeout}, {@code .concurrency},
 * {@code .max-retries}, {@code .retry-budget}, {@code .response-format}, {@code .temperature},
 * {@code .max-output-tokens}, {@code .api-key-env} (the environment variable holding the key, when it is not
 * {@code CLAVE_API_KEY} or the provider's usual one) and {@code .requests-per-minute} (the most requests a minute of
 * one model object, retries and repairs included, spread evenly; {@code 0}, the default, sets no limit; a job on many
 * machines gives each its share of the provider's limit). An option is stored under its key without the prefix.
 *
 * @param role      the property prefix of the role, e.g. {@value #EXTRACTOR}
 * @param id        the configured id: {@code provider}, {@code provider:model-name}, {@value #OFFLINE} for the
 *                  extractor, or for a model under test any name whose answers are only replayed
 * @param modelName the model's name when given separately, or null
 * @param baseUrl   the provider's base URL, or null for its default
 * @param options   further settings (keys without the prefix)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LargeModelSettings(String role, String id, @Nullable String modelName, @Nullable String baseUrl,
                                 Map<String, String> options) {

    /** The property prefix of the concept extractor. */
    public static final String EXTRACTOR = "clave.extractor";
    /** The property prefix of a large model that judges (the direct judge, probe judges). */
    public static final String JUDGE = "clave.judge";
    /** The property prefix of the model under test. */
    public static final String MODEL = "clave.model";
    /** The extractor that needs no large model. */
    public static final String OFFLINE = "offline";

    /** The option keys (without the prefix) that every role understands. */
    public static final List<String> OPTIONS = List.of("timeout", "concurrency", "max-retries", "retry-budget",
            "response-format", "temperature", "max-output-tokens", "api-key-env", "requests-per-minute");

    public LargeModelSettings {
        notBlank(role, "role");
        id = id == null || id.isBlank() ? (role.equals(EXTRACTOR) ? OFFLINE : "") : id.strip();
        modelName = modelName == null || modelName.isBlank() ? null : modelName.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        options = Map.copyOf(options);
    }

    /** The offline extractor. */
    public static LargeModelSettings offline() {
        return new LargeModelSettings(EXTRACTOR, OFFLINE, null, null, Map.of());
    }

    /** The extractor of this id ({@code offline}, {@code openai}, {@code openai:gpt-4o-mini}, ...), with defaults. */
    public static LargeModelSettings of(String id) {
        return new LargeModelSettings(EXTRACTOR, id, null, null, Map.of());
    }

    /** A model of this id in a role (a property prefix such as {@value #MODEL}), with defaults. */
    public static LargeModelSettings of(String role, String id) {
        return new LargeModelSettings(role, id, null, null, Map.of());
    }

    /**
     * Reads the settings of a role through a property lookup (returning null for absent keys): {@code <role>},
     * {@code <role>.model-name}, {@code <role>.base-url} and every option of {@link #OPTIONS}.
     */
    public static LargeModelSettings fromProperties(String role, Function<String, String> lookup) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            String value = lookup.apply(role + "." + option);
            if (value != null && !value.isBlank()) {
                options.put(option, value.strip());
            }
        }
        return new LargeModelSettings(role, lookup.apply(role), lookup.apply(role + ".model-name"),
                lookup.apply(role + ".base-url"), options);
    }

    /** The provider the id names ({@code openai} for {@code openai:gpt-4o-mini}), lower case. */
    public String provider() {
        int colon = id.indexOf(':');
        return (colon > 0 ? id.substring(0, colon) : id).toLowerCase(Locale.ROOT);
    }

    /** The model name: {@link #modelName()} when given, else the part of the id after the colon, else empty. */
    public Optional<String> model() {
        if (modelName != null) {
            return Optional.of(modelName);
        }
        int colon = id.indexOf(':');
        return colon > 0 && colon < id.length() - 1 ? Optional.of(id.substring(colon + 1).strip()) : Optional.empty();
    }

    /** Whether these settings choose the offline extractor. */
    public boolean offlineExtractor() {
        return OFFLINE.equalsIgnoreCase(id);
    }

    /** The full property key of a setting of this role, e.g. {@code clave.extractor.timeout}. */
    public String key(String option) {
        return role + "." + option;
    }

    /** An option's value (key without the prefix), if set. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** These settings with another model name. */
    public LargeModelSettings withModelName(@Nullable String newModelName) {
        return new LargeModelSettings(role, id, newModelName, baseUrl, options);
    }

    /** These settings with another base URL. */
    public LargeModelSettings withBaseUrl(@Nullable String newBaseUrl) {
        return new LargeModelSettings(role, id, modelName, newBaseUrl, options);
    }

    /** These settings in another role (property prefix), e.g. the extractor's model used as a judge. */
    public LargeModelSettings withRole(String newRole) {
        return new LargeModelSettings(newRole, id, modelName, baseUrl, options);
    }

    /** These settings with one option set (key without the prefix), or removed when {@code value} is null. */
    public LargeModelSettings withOption(String key, @Nullable String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        if (value == null || value.isBlank()) {
            copy.remove(key);
        } else {
            copy.put(key, value.strip());
        }
        return new LargeModelSettings(role, id, modelName, baseUrl, copy);
    }
}
