package dev.clave.cli;

import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.ConceptExtractors;
import dev.clave.concept.ExtractorSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How commands get concepts: which extractor, and which concept cache in front of it. */
final class ExtractorOptions {

    @Option(names = "--extractor", defaultValue = "offline", paramLabel = "NAME",
            description = "Concept extractor: offline (sentence split, no model). Default: ${DEFAULT-VALUE}.")
    String extractor;

    @Option(names = "--cache", defaultValue = "clave-cache", paramLabel = "DIR",
            description = "Concept cache directory (commit it to replay in CI). Default: ${DEFAULT-VALUE}.")
    Path cache;

    @Option(names = "--cache-mode", defaultValue = "read-write", paramLabel = "MODE",
            description = "read-write, read-only or replay (a miss fails). Default: ${DEFAULT-VALUE}.")
    String cacheMode;

    /** The configured extractor behind the configured cache. */
    ConceptExtractor create() {
        ConceptExtractor base = ConceptExtractors.create(new ExtractorSettings(extractor, null, null, java.util.Map.of()));
        return new CachingConceptExtractor(base, ConceptCache.directory(cache), CacheMode.fromWire(cacheMode));
    }
}
