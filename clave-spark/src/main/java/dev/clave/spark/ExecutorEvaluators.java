package dev.clave.spark;

import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCaches;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.setup.ConceptExtractors;
import dev.clave.value.ValueSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The evaluators of this JVM: one per {@link AuditSettings}, loaded by the first task that needs it and shared by all
 * later tasks (and the concurrent tasks of the executor's cores), with its extractor, its concept cache (found by
 * store name through {@link ConceptCaches}, as everywhere in Clave, with the store's in-process layer) and its share of
 * the request budget.
 */
final class ExecutorEvaluators {

    private static final Map<AuditSettings, Loaded> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    /** An evaluator and the counter of texts its extractor was asked for (the cache's misses). */
    record Loaded(ClaveEvaluator evaluator, Counting counting) {
    }

    private ExecutorEvaluators() {
    }

    static Loaded get(AuditSettings settings) {
        return LOADED.computeIfAbsent(settings, ExecutorEvaluators::load);
    }

    /** How many evaluators this JVM has loaded. */
    static int loads() {
        return LOADS.get();
    }

    /** Closes and forgets every evaluator (tests; a job's JVM keeps them until it exits). */
    static void clear() {
        LOADED.values().forEach(loaded -> loaded.evaluator().close());
        LOADED.clear();
        LOADS.set(0);
    }

    private static Loaded load(AuditSettings settings) {
        LOADS.incrementAndGet();
        Counting counting = new Counting(ConceptExtractors.create(settings.extractorSettings()));
        CachingConceptExtractor cached = ConceptCaches.cached(counting, settings.cacheSettings(), System::getenv);
        ClaveEvaluator evaluator = ClaveEvaluator.load(Path.of(settings.evaluator()), cached);
        return new Loaded(evaluator, counting);
    }

    /** Counts, per thread, the texts handed to the extractor behind the cache: the misses a task caused. */
    static final class Counting implements ConceptExtractor {
        private final ConceptExtractor delegate;
        private final ThreadLocal<long[]> texts = ThreadLocal.withInitial(() -> new long[1]);

        Counting(ConceptExtractor delegate) {
            this.delegate = delegate;
        }

        /** Texts this thread sent to the extractor since the last call; resets the count. */
        long takeCount() {
            long[] count = texts.get();
            long value = count[0];
            count[0] = 0;
            return value;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
            texts.get()[0]++;
            return delegate.extract(text, valueSystem);
        }

        @Override
        public List<List<Concept>> extractAll(List<TextInput> all, ValueSystem valueSystem) {
            texts.get()[0] += all.size();
            return delegate.extractAll(all, valueSystem);
        }

        @Override
        public List<List<Concept>> extractAll(List<TextInput> all, ValueSystem valueSystem,
                                              BiConsumer<TextInput, List<Concept>> onExtracted) {
            texts.get()[0] += all.size();
            return delegate.extractAll(all, valueSystem, onExtracted);
        }
    }
}
