package dev.clave.evaluation;

import dev.clave.ClaveConfigurationException;
import dev.clave.calibration.CalibratedModel;
import dev.clave.calibration.CalibrationReport;
import dev.clave.calibration.ConceptPool;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.recognizer.TextScore;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A calibrated CLAVE evaluator (step 2 of the method): for a text, the extractor gives concepts (served from
 * the concept cache when the extractor is cached), the encoder embeds them (their vectors, too, are served from and
 * kept in the concept cache when the extractor is cached), and the small model scores the
 * text against each value through its one text-scoring path ({@link dev.clave.recognizer.ValueRecognizer#score}, the
 * same that cross-validation measured). Each verdict carries its strongest concepts as {@link Evidence}, with the
 * nearest calibrated cluster's medoid and its human label.
 *
 * <p>Get one from {@code ClaveSetup}, {@link #load(Path, ConceptExtractor)} or {@link #of(CalibratedModel,
 * ConceptExtractor)}. Immutable and thread-safe: concurrent tests may share one. Close it to free the native memory of
 * the small model.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ClaveEvaluator implements ValueEvaluator, AutoCloseable {

    /** The most evidence concepts a verdict lists. */
    public static final int EVIDENCE_LIMIT = 3;

    private final CalibratedModel model;
    private final ConceptExtractor extractor;
    private final ConceptEmbedder embedder;
    private final ValueSystem valueSystem;
    private final Consumer<List<Evaluation>> observer;
    private final boolean owner;
    private final AtomicBoolean closed;

    private ClaveEvaluator(CalibratedModel model, ConceptExtractor extractor, Consumer<List<Evaluation>> observer,
                           boolean owner, AtomicBoolean closed) {
        this.model = model;
        this.extractor = extractor;
        this.embedder = ConceptEmbedder.shared(Encoder.fromId(model.manifest().encoder()))
                .backedBy(CachingConceptExtractor.vectorsOf(extractor));
        this.valueSystem = model.valueSystem();
        this.observer = observer;
        this.owner = owner;
        this.closed = closed;
    }

    /**
     * Loads a calibrated evaluator from its artifact directory.
     *
     * @param extractor the extractor to use on new texts; it must be the one the artifact was calibrated with (same
     *                  id and version), usually behind a concept cache
     * @throws ClaveConfigurationException when there is no artifact, or the extractor differs
     */
    public static ClaveEvaluator load(Path artifactDirectory, ConceptExtractor extractor) {
        notNull(extractor, "extractor");
        CalibratedModel model = CalibratedModel.load(artifactDirectory);
        try {
            return of(model, extractor);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The evaluator of a calibrated model, e.g. the one a {@link dev.clave.calibration.Calibrator} returned; it owns
     * the model and closes it.
     *
     * @param extractor the extractor the model was calibrated with (same id and version)
     * @throws ClaveConfigurationException when the extractor differs
     */
    public static ClaveEvaluator of(CalibratedModel model, ConceptExtractor extractor) {
        notNull(model, "model");
        notNull(extractor, "extractor");
        CalibratedModel.Manifest manifest = model.manifest();
        if (!manifest.extractorId().equals(extractor.id()) || !manifest.extractorVersion().equals(extractor.version())) {
            throw new ClaveConfigurationException("The evaluator in " + model.directory() + " was calibrated with concepts from "
                    + manifest.extractorId() + " v" + manifest.extractorVersion() + ", but the configured extractor is "
                    + extractor.id() + " v" + extractor.version() + ". Configure the same extractor, or calibrate again with "
                    + "this one; concepts of different extractors do not mix.");
        }
        return new ClaveEvaluator(model, extractor, evaluations -> { }, true, new AtomicBoolean());
    }

    /**
     * A view of this evaluator that also hands every batch of evaluations it makes to {@code observer} (after this
     * evaluator's own observers), e.g. to report the evaluations of one test. It shares the calibrated model; closing
     * the view does not close it. An exception of the observer reaches the caller: wrap it if it must not.
     */
    public ClaveEvaluator observedBy(Consumer<List<Evaluation>> observer) {
        notNull(observer, "observer");
        Consumer<List<Evaluation>> chained = this.observer.andThen(observer);
        return new ClaveEvaluator(model, extractor, chained, false, closed);
    }

    /**
     * Evaluates many texts, in order. Concepts of all texts not yet cached are extracted in one batch (a remote
     * extractor runs those calls concurrently), and all concepts go through the small model together.
     */
    @Override
    public List<Evaluation> evaluateAll(List<TextInput> inputs) {
        if (closed.get()) {
            throw new IllegalStateException("This ClaveEvaluator (calibration " + calibrationId() + ") is closed");
        }
        notNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<List<Concept>> extracted = extractor.extractAll(inputs, valueSystem);
        List<TextScore> scores = model.recognizer().score(inputs, extracted, valueSystem.valueIds(), embedder);
        List<Evaluation> evaluations = new ArrayList<>(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            evaluations.add(evaluation(inputs.get(t), extracted.get(t), scores.get(t)));
        }
        List<Evaluation> result = List.copyOf(evaluations);
        observer.accept(result);
        return result;
    }

    private Evaluation evaluation(TextInput input, List<Concept> extracted, TextScore score) {
        List<ValueVerdict> verdicts = new ArrayList<>(score.values().size());
        for (TextScore.ValueScore value : score.values()) {
            Label label = value.label();
            verdicts.add(new ValueVerdict(value.value(), label, value.probability(Label.SUPPORTS),
                    value.probability(Label.OPPOSES), value.probability(Label.UNRELATED), evidence(value, label)));
        }
        return new Evaluation(input.text(), input.scenario(), input.id(), valueSystem.qualifiedId(), calibrationId(),
                extracted, verdicts);
    }

    /** The concepts most in favour of the verdict's label, each with the nearest calibrated cluster's medoid. */
    private List<Evidence> evidence(TextScore.ValueScore value, Label label) {
        record Ranked(int position, TextScore.ConceptScore score) {
        }
        List<Ranked> ranked = new ArrayList<>(value.concepts().size());
        for (int i = 0; i < value.concepts().size(); i++) {
            ranked.add(new Ranked(i, value.concepts().get(i)));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.score().probability(label)).thenComparingInt(Ranked::position));
        List<Evidence> evidence = new ArrayList<>(EVIDENCE_LIMIT);
        for (Ranked r : ranked.subList(0, Math.min(EVIDENCE_LIMIT, ranked.size()))) {
            TextScore.ConceptScore concept = r.score();
            Label own = concept.label();
            Optional<ConceptPool.Nearest> nearest = model.pool().nearest(value.value(), concept.embedding());
            evidence.add(new Evidence(concept.concept(), own, concept.probability(own),
                    nearest.map(n -> n.medoid().concept()).orElse(null),
                    nearest.map(n -> n.medoid().label()).orElse(null),
                    nearest.map(ConceptPool.Nearest::similarity).orElse(0.0)));
        }
        return evidence;
    }

    @Override
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** The id of the calibration behind the verdicts. */
    public String calibrationId() {
        return model.manifest().calibrationId();
    }

    /** The calibration's cross-validated quality. */
    public CalibrationReport report() {
        return model.report();
    }

    /** The artifact directory. */
    public Path artifactDirectory() {
        return model.directory();
    }

    /** The concept extractor used on new texts. */
    public ConceptExtractor extractor() {
        return extractor;
    }

    /**
     * Frees the small model's native memory; evaluating afterwards fails, also through its views. Closing a view made by
     * {@link #observedBy(Consumer)} does nothing.
     */
    @Override
    public void close() {
        if (owner && closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    @Override
    public String toString() {
        return "ClaveEvaluator[" + valueSystem.qualifiedId() + ", calibration " + calibrationId() + ", " + extractor.id() + "]";
    }
}
