package dev.clave.evaluation;

import dev.clave.ClaveConfigurationException;
import dev.clave.calibration.CalibratedModel;
import dev.clave.calibration.CalibrationReport;
import dev.clave.calibration.ConceptPool;
import dev.clave.calibration.ConceptSelection;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.recognizer.Aggregation;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A calibrated CLAVE evaluator (step 2 of the method): for a text, the extractor gives concepts (served from
 * the concept cache when the extractor is cached), the frozen encoder embeds them, the small model scores each
 * concept against each value, and the {@link Aggregation} rule turns concept scores into the text's label per
 * value. Each verdict carries its strongest concepts as {@link Evidence}, with the nearest calibrated concept and
 * its human label.
 *
 * <p>Get one from {@link dev.clave.calibration.Calibrator} or {@link #load(Path, ConceptExtractor)}. Immutable and
 * thread-safe: concurrent tests may share one. Close it to free the native memory of the small model.
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
    private final Aggregation aggregation;
    private volatile boolean closed;

    private ClaveEvaluator(CalibratedModel model, ConceptExtractor extractor) {
        this.model = model;
        this.extractor = extractor;
        this.embedder = ConceptEmbedder.shared(Encoder.fromId(model.manifest().encoder()));
        this.valueSystem = model.valueSystem();
        this.aggregation = model.manifest().head().aggregation();
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
        CalibratedModel.Manifest manifest = model.manifest();
        if (!manifest.extractorId().equals(extractor.id()) || !manifest.extractorVersion().equals(extractor.version())) {
            model.close();
            throw new ClaveConfigurationException("The evaluator in " + artifactDirectory + " was calibrated with concepts from "
                    + manifest.extractorId() + " v" + manifest.extractorVersion() + ", but the configured extractor is "
                    + extractor.id() + " v" + extractor.version() + ". Configure the same extractor, or calibrate again with "
                    + "this one; concepts of different extractors do not mix.");
        }
        return new ClaveEvaluator(model, extractor);
    }

    /**
     * Evaluates many texts, in order. Concepts of all texts not yet cached are extracted in one batch (a remote
     * extractor runs those calls concurrently), and all concepts go through the small model together.
     */
    @Override
    public List<Evaluation> evaluateAll(List<TextInput> inputs) {
        if (closed) {
            throw new IllegalStateException("This ClaveEvaluator (calibration " + calibrationId() + ") is closed");
        }
        notNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<List<Concept>> extracted = extractor.extractAll(inputs, valueSystem);
        List<List<Concept>> conceptsOfText = new ArrayList<>(inputs.size());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int t = 0; t < inputs.size(); t++) {
            List<Concept> concepts = ConceptSelection.orWholeText(extracted.get(t), inputs.get(t));
            conceptsOfText.add(concepts);
            for (Concept concept : concepts) {
                index.putIfAbsent(concept.text(), index.size());
            }
        }
        float[][] embeddings = embedder.embed(new ArrayList<>(index.keySet()));
        float[][] logits = model.recognizer().conceptLogits(embeddings);
        List<Evaluation> evaluations = new ArrayList<>(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            evaluations.add(evaluation(inputs.get(t), extracted.get(t), conceptsOfText.get(t), index, embeddings, logits));
        }
        return evaluations;
    }

    private Evaluation evaluation(TextInput input, List<Concept> extracted, List<Concept> concepts,
                                  Map<String, Integer> index, float[][] embeddings, float[][] logits) {
        List<ValueVerdict> verdicts = new ArrayList<>(valueSystem.values().size());
        for (int v = 0; v < valueSystem.values().size(); v++) {
            String value = valueSystem.values().get(v).id();
            List<Concept> applicable = ConceptSelection.applicable(concepts, value);
            float[][] rows = new float[applicable.size()][];
            double[] weights = new double[applicable.size()];
            for (int i = 0; i < applicable.size(); i++) {
                float[] all = logits[index.get(applicable.get(i).text())];
                rows[i] = new float[] {all[v * 3], all[v * 3 + 1], all[v * 3 + 2]};
                weights[i] = 1.0 / applicable.size();
            }
            double[] p = aggregation.aggregate(rows, weights);
            Label label = Label.all().get(argmax(p));
            verdicts.add(new ValueVerdict(value, label, p[0], p[1], p[2], evidence(value, label, applicable, rows, index, embeddings)));
        }
        return new Evaluation(input.text(), input.scenario(), input.id(), valueSystem.qualifiedId(), calibrationId(),
                extracted, verdicts);
    }

    private List<Evidence> evidence(String value, Label label, List<Concept> applicable, float[][] rows,
                                    Map<String, Integer> index, float[][] embeddings) {
        record Scored(int position, double[] probabilities) {
        }
        List<Scored> scored = new ArrayList<>(applicable.size());
        for (int i = 0; i < applicable.size(); i++) {
            scored.add(new Scored(i, Aggregation.softmax(new double[] {rows[i][0], rows[i][1], rows[i][2]})));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.probabilities()[label.ordinal()])
                .thenComparingInt(Scored::position));
        List<Evidence> evidence = new ArrayList<>(EVIDENCE_LIMIT);
        for (Scored s : scored.subList(0, Math.min(EVIDENCE_LIMIT, scored.size()))) {
            Concept concept = applicable.get(s.position());
            int own = argmax(s.probabilities());
            Optional<ConceptPool.Nearest> nearest = model.pool().nearest(value, embeddings[index.get(concept.text())]);
            evidence.add(new Evidence(concept.text(), Label.all().get(own), s.probabilities()[own],
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

    /** Frees the small model's native memory; evaluating afterwards fails. */
    @Override
    public void close() {
        closed = true;
        model.close();
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "ClaveEvaluator[" + valueSystem.qualifiedId() + ", calibration " + calibrationId() + ", " + extractor.id() + "]";
    }
}
