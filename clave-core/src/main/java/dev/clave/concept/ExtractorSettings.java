package dev.clave.concept;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.function.Function;

/**
 * Which concept extractor to build, as read from configuration: the CLI's flags, {@code junit-platform.properties}
 * or system properties. Secrets are not settings: API keys are read from the environment when the extractor is
 * built, never stored here.
 *
 * <p>Property keys: {@value #EXTRACTOR} ({@code offline} by default), {@value #MODEL_NAME}, {@value #BASE_URL}.
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
    /** The offline default. */
    public static final String OFFLINE = "offline";

    public ExtractorSettings {
        extractor = extractor == null || extractor.isBlank() ? OFFLINE : extractor.strip();
        options = Map.copyOf(options);
    }

    /** The offline extractor. */
    public static ExtractorSettings offline() {
        return new ExtractorSettings(OFFLINE, null, null, Map.of());
    }

    /** Reads the settings through a property lookup (returning null for absent keys). */
    public static ExtractorSettings fromProperties(Function<String, String> lookup) {
        return new ExtractorSettings(lookup.apply(EXTRACTOR), lookup.apply(MODEL_NAME), lookup.apply(BASE_URL), Map.of());
    }
}
