package dev.clave.calibration;

import dev.clave.Progress;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.embedding.FineTuneExample;
import dev.clave.embedding.FineTunedEncoder;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.TrainingSet;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Turns human-labelled samples into a calibrated small model (CLAVE step 1): concepts are extracted from every
 * distinct text, embedded with a frozen encoder, and the small model's head is trained on them; the calibration
 * concepts are clustered into the {@link ConceptPool}; k-fold cross-validation (folds grouped by text) measures
 * accuracy and macro-F1 against the human labels, scoring held-out texts the way evaluation does. The result is saved
 * as a {@link CalibratedModel} artifact; {@code ClaveEvaluator.of(model, extractor)} (or {@code ClaveSetup}) makes an
 * evaluator of it.
 *
 * <p>The artifact is keyed by {@link #calibrationId(List)}: a hash of the samples (in any order), the value
 * system, the extractor's and encoder's ids and versions, the head's configuration, the fold count and the seed.
 * Calibrating again with the same inputs into a directory that already holds that artifact loads it instead of
 * training. With the same inputs and seed, training gives the same artifact and the same verdicts.
 *
 * <p>Thread-safe: a calibrator holds configuration only.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Calibrator {

    private static final Logger LOG = LoggerFactory.getLogger(Calibrator.class);

    private final ValueSystem valueSystem;
    private final ConceptExtractor extractor;
    private final @Nullable Encoder encoder;
    private final HeadConfig head;
    private final long seed;
    private final int folds;
    private final Progress progress;
    private final FoldObserver foldObserver;

    private Calibrator(Builder builder) {
        this.valueSystem = notNull(builder.valueSystem, "valueSystem");
        this.extractor = builder.extractor == null ? new SentenceConceptExtractor() : builder.extractor;
        this.encoder = builder.encoder;
        this.head = builder.head == null ? HeadConfig.defaults() : builder.head;
        this.seed = builder.seed;
        this.folds = builder.folds;
        this.progress = builder.progress == null ? Progress.NONE : builder.progress;
        this.foldObserver = builder.foldObserver == null ? FoldObserver.NONE : builder.foldObserver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value system this calibrator calibrates for. */
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** The extractor used on calibration texts; evaluators of its artifacts must use the same one. */
    public ConceptExtractor extractor() {
        return extractor;
    }

    /** Reads a labelled JSONL file (strictly, against the value system) and calibrates on it. */
    public CalibratedModel calibrate(Path data, Path artifactDirectory) {
        return calibrate(Samples.readAll(data, valueSystem), artifactDirectory);
    }

    /**
     * Calibrates into {@code artifactDirectory}, or loads the artifact already there when its calibration id is
     * this one. An artifact with another id in that directory is replaced.
     */
    public CalibratedModel calibrate(List<LabelledSample> samples, Path artifactDirectory) {
        return calibrate(data(samples), artifactDirectory);
    }

    /** Calibrates into {@code root/<calibration id>}, reusing that directory when it already exists. */
    public CalibratedModel calibrateInto(List<LabelledSample> samples, Path root) {
        CalibrationData data = data(samples);
        return calibrate(data, root.resolve(data.id()));
    }

    /** The id an artifact calibrated from these samples with this configuration has. */
    public String calibrationId(List<LabelledSample> samples) {
        return data(samples).id();
    }

    private CalibrationData data(List<LabelledSample> samples) {
        return CalibrationData.of(samples, valueSystem, extractor, encoder, head, seed, folds);
    }

    private CalibratedModel calibrate(CalibrationData data, Path artifactDirectory) {
        String id = data.id();
        String before = CalibratedModel.readCalibrationId(artifactDirectory);
        if (id.equals(before)) {
            progress.update("loading calibrated evaluator " + id, 1, 1);
            try {
                return CalibratedModel.load(artifactDirectory);
            } catch (DamagedArtifactException damaged) {
                LOG.warn("{} Rebuilding it.", damaged.getMessage());
            }
        }
        CalibratedModel.publish(artifactDirectory, id, before, staging -> train(data, staging));
        return CalibratedModel.load(artifactDirectory);
    }

    private void train(CalibrationData data, Path staging) {
        long start = System.nanoTime();
        ConceptEmbedder embedder = ConceptEmbedder.shared(data.encoder()).backedBy(CachingConceptExtractor.vectorsOf(extractor));
        CalibrationConcepts concepts = CalibrationConcepts.of(data.samples(), valueSystem, extractor, embedder, progress);
        float[][] definitions = head.kind() == HeadKind.SHARED
                ? embedder.embed(valueSystem.values().stream().map(Value::definition).toList()) : null;
        CrossValidation validation = CrossValidation.run(concepts, valueSystem, head, seed, folds, embedder, definitions,
                progress, foldObserver);
        String phase = "training the small model";
        progress.update(phase, 0, head.kind() == HeadKind.ADAMW ? head.epochs() : 1);
        try (ValueRecognizer frozen = ValueRecognizer.train(concepts.set(), valueSystem.values().size(),
                concepts.dimension(), head, seed, definitions, epoch -> progress.update(phase, epoch, head.epochs()))) {
            progress.update(phase, 1, 1);
            ValueRecognizer recognizer = head.fineTuneEpochs() > 0 ? fineTune(frozen, data, concepts) : frozen;
            try {
                progress.update("building the concept pool", 0, 1);
                ConceptPool pool = ConceptPool.build(concepts.poolMembers(), seed);
                progress.update("building the concept pool", 1, 1);
                CalibrationReport report = report(data, concepts, validation, recognizer, (System.nanoTime() - start) / 1e9);
                CalibratedModel.Manifest manifest = new CalibratedModel.Manifest(CalibratedModel.FORMAT, data.id(),
                        valueSystem.qualifiedId(), extractor.id(), extractor.version(), data.encoder().id(),
                        concepts.dimension(), head, report);
                CalibratedModel.write(staging, manifest, valueSystem, recognizer, pool);
            } finally {
                if (recognizer != frozen) {
                    recognizer.close();
                }
            }
        }
    }

    /**
     * Fine-tunes the full-precision counterpart of the encoder on every labelled pair's concepts (those judged for its
     * value), named after this calibration so that its stored vectors are its own.
     */
    private ValueRecognizer fineTune(ValueRecognizer frozen, CalibrationData data, CalibrationConcepts concepts) {
        List<FineTuneExample> examples = new ArrayList<>();
        TrainingSet set = concepts.set();
        for (int p = 0; p < set.size(); p++) {
            List<String> texts = new ArrayList<>();
            for (int c : set.pairConcepts()[p]) {
                texts.add(concepts.conceptTexts().get(c));
            }
            examples.add(new FineTuneExample(texts, set.pairValue()[p], set.pairLabel()[p]));
        }
        String phase = "fine-tuning the encoder";
        progress.update(phase, 0, head.fineTuneEpochs());
        return frozen.fineTune(FineTunedEncoder.Base.of(data.encoder()), examples, set.pairGroup(), "ft-" + data.id(), seed,
                (loss, epoch) -> progress.update(phase, epoch, head.fineTuneEpochs()));
    }

    private CalibrationReport report(CalibrationData data, CalibrationConcepts concepts, CrossValidation validation,
                                     ValueRecognizer recognizer, double seconds) {
        List<ValueQuality> qualities = new ArrayList<>();
        for (String value : valueSystem.valueIds()) {
            int[] counts = new int[3];
            for (LabelledSample sample : data.samples()) {
                if (sample.value().equals(value)) {
                    counts[sample.label().ordinal()]++;
                }
            }
            var matrix = validation.perValue().get(value);
            qualities.add(new ValueQuality(value, counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2],
                    matrix.accuracy(), matrix.macroF1(), matrix.kappa(), validation.folds() > 1
                    ? Agreement.of(validation.baselinePerValue().get(value)) : Agreement.NONE));
        }
        return new CalibrationReport(data.id(), valueSystem.qualifiedId(), extractor.id() + "@" + extractor.version(),
                data.encoder().id(), head, seed, data.samples().size(), concepts.texts().size(), concepts.conceptCount(),
                validation.folds(), validation.overall().accuracy(), validation.overall().macroF1(),
                validation.overall().kappa(), validation.folds() > 1 ? Agreement.of(validation.baseline()) : Agreement.NONE,
                qualities, seconds, head.kind().converged()
                        ? new CalibrationReport.HeadFit(recognizer.strength(), recognizer.blockPenalty(),
                                recognizer.fineTunedEncoder().orElse(null))
                        : null);
    }

    /** Configures a {@link Calibrator}. */
    public static final class Builder {
        private ValueSystem valueSystem;
        private ConceptExtractor extractor;
        private Encoder encoder;
        private HeadConfig head;
        private long seed = 42;
        private int folds = 5;
        private Progress progress;
        private FoldObserver foldObserver;

        private Builder() {
        }

        /** The value system to calibrate for (required). */
        public Builder valueSystem(ValueSystem valueSystem) {
            this.valueSystem = valueSystem;
            return this;
        }

        /** The concept extractor, usually behind a concept cache. Default: the offline {@link SentenceConceptExtractor}. */
        public Builder extractor(ConceptExtractor extractor) {
            this.extractor = extractor;
            return this;
        }

        /** The sentence encoder. Default: chosen by the data's language, see {@link Encoder#forCalibration(Iterable)}. */
        public Builder encoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** The head's architecture and training. Default: {@link HeadConfig#defaults()}. */
        public Builder head(HeadConfig head) {
            this.head = head;
            return this;
        }

        /** The seed of training, fold assignment and clustering. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Cross-validation folds; 0 or 1 skips cross-validation. Default 5. */
        public Builder folds(int folds) {
            if (folds < 0) {
                throw new IllegalArgumentException("folds must be at least 0, but is: " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Receives progress. Default: none. */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /** Sees each cross-validation fold (for tests and diagnostics). Default: none. */
        @API(status = API.Status.INTERNAL, since = "0.1")
        public Builder foldObserver(FoldObserver observer) {
            this.foldObserver = observer;
            return this;
        }

        public Calibrator build() {
            return new Calibrator(this);
        }
    }
}
