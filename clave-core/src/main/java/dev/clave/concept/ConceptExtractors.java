package dev.clave.concept;

import dev.clave.llm.LlmConceptExtractor;
import dev.clave.value.UnknownValueException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds the configured {@link ConceptExtractor}: the one place where an extractor name (from the CLI, the JUnit
 * extension or properties) becomes an extractor.
 *
 * <p>Names: {@code offline} (the default, {@link SentenceConceptExtractor}), and the large-model providers
 * {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, LM Studio, llama.cpp server, gateways; give its base
 * URL), {@code ollama} and {@code anthropic}, each a {@link LlmConceptExtractor}. API keys come from the environment
 * only: {@code CLAVE_API_KEY}, or the provider's usual variable ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConceptExtractors {

    private ConceptExtractors() {
    }

    /** The extractor names this build knows. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(ExtractorSettings.OFFLINE);
        names.addAll(LlmConceptExtractor.providers());
        return List.copyOf(names);
    }

    /**
     * The extractor the settings describe (without a cache; wrap it in a {@link CachingConceptExtractor}), with API
     * keys read from the process environment.
     *
     * @throws UnknownValueException listing the valid names for an unknown extractor name
     * @throws dev.clave.ClaveConfigurationException naming the setting to fix
     */
    public static ConceptExtractor create(ExtractorSettings settings) {
        return create(settings, System::getenv);
    }

    /** As {@link #create(ExtractorSettings)}, reading environment variables through {@code environment}. */
    public static ConceptExtractor create(ExtractorSettings settings, Function<String, String> environment) {
        String name = settings.extractor().toLowerCase(Locale.ROOT);
        if (ExtractorSettings.OFFLINE.equals(name)) {
            return new SentenceConceptExtractor();
        }
        if (LlmConceptExtractor.providers().contains(name)) {
            return LlmConceptExtractor.fromSettings(settings, environment);
        }
        throw new UnknownValueException("extractor", settings.extractor(), names());
    }
}
