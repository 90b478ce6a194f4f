package dev.clave.cli;

import dev.clave.Progress;
import dev.clave.calibration.CalibrationFloor;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptExtractor;
import dev.clave.internal.Printable;
import dev.clave.llm.LargeModelSettings;
import dev.clave.llm.LlmUsage;
import dev.clave.setup.ClaveSetup;
import dev.clave.value.ValueSystem;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How commands get concepts: which extractor (the offline one, or a large model through LangChain4j), and which
 * concept cache store in front of it; commands fill a {@link ClaveSetup} with them. The API key is never a flag: it
 * comes from {@code CLAVE_API_KEY} or the provider's usual variable ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}).
 */
final class ExtractorOptions {

    @Option(names = "--extractor", defaultValue = "offline", paramLabel = "NAME",
            description = "Concept extractor: offline (sentence split, no model), openai (any OpenAI-compatible server: "
                    + "OpenAI, vLLM, LM Studio, llama.cpp, gateways), ollama or anthropic, alone or as provider:model "
                    + "(openai:gpt-4o-mini). Key from CLAVE_API_KEY or OPENAI_API_KEY / ANTHROPIC_API_KEY. "
                    + "Default: ${DEFAULT-VALUE}.")
    String extractor;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "The large model, e.g. gpt-4o-mini. Default: the provider's (gpt-4o-mini, llama3.1, claude-3-5-haiku-latest).")
    String modelName;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The provider's base URL, e.g. http://localhost:8000/v1 for a local OpenAI-compatible server. "
                    + "Default: the provider's.")
    String baseUrl;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Timeout of one large-model request, e.g. 60s. Default: 60s.")
    String timeout;

    @Option(names = "--concurrency", paramLabel = "N", description = "Large-model requests in flight at once. Default: 8.")
    String concurrency;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a request after 429, 5xx or a timeout. Default: 4.")
    String maxRetries;

    @Option(names = "--retry-budget", paramLabel = "DURATION",
            description = "The most time one request may wait between retries (Retry-After included). Default: 120s.")
    String retryBudget;

    @Option(names = "--response-format", paramLabel = "FORMAT",
            description = "json-schema (structured output), json (JSON mode, for servers without JSON schema) or auto. "
                    + "Default: json-schema.")
    String responseFormat;

    @Option(names = "--cache", defaultValue = "clave-cache", paramLabel = "DIR",
            description = "Concept cache directory of the directory store (commit it to replay in CI). Default: ${DEFAULT-VALUE}.")
    Path cache;

    @Option(names = "--cache-store", defaultValue = "directory", paramLabel = "NAME",
            description = "Concept cache store: directory or memory (and any store on the class path). Default: ${DEFAULT-VALUE}.")
    String cacheStore;

    @Option(names = "--cache-mode", defaultValue = "read-write", paramLabel = "MODE",
            description = "read-write, read-only or replay (a miss fails). Default: ${DEFAULT-VALUE}.")
    String cacheMode;

    /** Where API keys are read from; tests replace it. */
    Function<String, String> environment = System::getenv;

    private CachingConceptExtractor created;

    /** The extractor settings the flags describe. */
    LargeModelSettings settings() {
        Map<String, String> options = new LinkedHashMap<>();
        put(options, "timeout", timeout);
        put(options, "concurrency", concurrency);
        put(options, "max-retries", maxRetries);
        put(options, "retry-budget", retryBudget);
        put(options, "response-format", responseFormat);
        return new LargeModelSettings(LargeModelSettings.EXTRACTOR, extractor, modelName, baseUrl, options);
    }

    /** The cache settings the flags describe. */
    CacheSettings cacheSettings() {
        return new CacheSettings(cacheStore, CacheMode.fromWire(cacheMode), cache, Map.of());
    }

    /** A setup of the value system (null to load artifacts only) with these flags and the calibration flags (or null). */
    ClaveSetup setup(ValueSystem valueSystem, CalibrationOptions calibration, Progress progress) {
        return setup(valueSystem, calibration, progress, CalibrationFloor.NONE);
    }

    /** The setup of these options, whose calibrations must reach {@code floor}. */
    ClaveSetup setup(ValueSystem valueSystem, CalibrationOptions calibration, Progress progress, CalibrationFloor floor) {
        ClaveSetup.Builder builder = ClaveSetup.builder().extractor(settings())
                .cache(cacheSettings()).environment(environment).progress(progress).floor(floor);
        if (valueSystem != null) {
            builder.valueSystem(valueSystem);
        }
        if (calibration != null) {
            calibration.apply(builder);
        }
        ClaveSetup setup = builder.build();
        created = setup.extractor();
        return setup;
    }

    /** The configured extractor behind the configured cache. */
    ConceptExtractor create() {
        return setup(null, null, Progress.NONE).extractor();
    }

    /** One line on what the large model cost, when one was used. */
    void reportUsage(PrintStream err, boolean quiet) {
        if (created == null || quiet) {
            return;
        }
        LlmUsage.of(created).ifPresent(usage -> err.println(Printable.escape("large model " + created.id() + ": "
                + usage.summary() + "; concept cache " + created.cache().stats().hits() + " hits")));
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }
}
