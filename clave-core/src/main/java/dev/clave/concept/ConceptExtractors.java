package dev.clave.concept;

import dev.clave.value.UnknownValueException;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Builds the configured {@link ConceptExtractor}: the one place where an extractor name (from the CLI, the JUnit
 * extension or properties) becomes an extractor.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConceptExtractors {

    private ConceptExtractors() {
    }

    /** The extractor names this build knows. */
    public static List<String> names() {
        return List.of(ExtractorSettings.OFFLINE);
    }

    /**
     * The extractor the settings describe (without a cache; wrap it in a {@link CachingConceptExtractor}).
     *
     * @throws UnknownValueException listing the valid names for an unknown extractor name
     */
    public static ConceptExtractor create(ExtractorSettings settings) {
        if (ExtractorSettings.OFFLINE.equals(settings.extractor())) {
            return new SentenceConceptExtractor();
        }
        throw new UnknownValueException("extractor", settings.extractor(), names());
    }
}
