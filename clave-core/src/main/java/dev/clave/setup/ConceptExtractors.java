package dev.clave.setup;

import dev.clave.UnknownNameException;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.llm.LargeModelSettings;
import dev.clave.llm.LargeModels;
import dev.clave.llm.LlmConceptExtractor;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the configured {@link ConceptExtractor}: the one place where an extractor name (from the CLI, the JUnit
 * extension or properties) becomes an extractor.
 *
 * <p>Names: {@code offline} (the default, {@link SentenceConceptExtractor}), and a large model of any provider
 * {@link LargeModels} knows ({@code openai}, {@code ollama}, {@code anthropic}, alone or as {@code provider:model}),
 * each a {@link LlmConceptExtractor}. API keys come from the environment only (see {@link LargeModels}).
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
        names.add(LargeModelSettings.OFFLINE);
        names.addAll(LargeModels.providers());
        return List.copyOf(names);
    }

    /**
     * The extractor the settings describe (without a cache; wrap it in a {@link CachingConceptExtractor}), with API
     * keys read from the process environment.
     *
     * @throws UnknownNameException listing the valid names for an unknown extractor name
     * @throws dev.clave.ClaveConfigurationException naming the setting to fix
     */
    public static ConceptExtractor create(LargeModelSettings settings) {
        return create(settings, System::getenv);
    }

    /** As {@link #create(LargeModelSettings)}, reading environment variables through {@code environment}. */
    public static ConceptExtractor create(LargeModelSettings settings, Function<String, String> environment) {
        if (settings.offlineExtractor()) {
            return new SentenceConceptExtractor();
        }
        if (LargeModels.callable(settings.id())) {
            return LlmConceptExtractor.fromSettings(settings, environment);
        }
        throw new UnknownNameException("extractor", settings.id(), names());
    }
}
