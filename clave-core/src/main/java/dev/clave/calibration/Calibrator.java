package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.Progress;
import dev.clave.concept.CacheKey;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Hashing;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.TrainingSet;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Turns human-labelled samples into a calibrated evaluator (CLAVE step 1): concepts are extracted from every
 * distinct text, embedded with a frozen encoder, and the small model's head is trained on them; the calibration
 * concepts are clustered into the {@link ConceptPool}; k-fold cross-validation (folds grouped by text) measures
 * accuracy and macro-F1 against the human labels. The result is saved as a {@link CalibratedModel} artifact.
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

    private final ValueSystem valueSystem;
    private final ConceptExtractor extractor;
    private final @Nullable Encoder encoder;
    private final HeadConfig head;
    private final long seed;
    private final int folds;
    private final Progress progress;

    private Calibrator(Builder builder) {
        this.valueSystem = notNull(builder.valueSystem, "valueSystem");
        this.extractor = builder.extractor == null ? new SentenceConceptExtractor() : builder.extractor;
        this.encoder = builder.encoder;
        this.head = builder.head == null ? HeadConfig.defaults() : builder.head;
        this.seed = builder.seed;
        this.folds = builder.folds;
        this.progress = builder.progress == null ? Progress.NONE : builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value system this calibrator calibrates for. */
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** The extractor used on calibration texts, and by the evaluators it returns. */
    public ConceptExtractor extractor() {
        return extractor;
    }

    /** Reads a labelled JSONL file (strictly, against the value system) and calibrates on it. */
    public ClaveEvaluator calibrate(Path data, Path artifactDirectory) {
        return calibrate(Samples.readAll(data, valueSystem), artifactDirectory);
    }

    /**
     * Calibrates into {@code artifactDirectory}, or loads the artifact already there when its calibration id is
     * this one. An artifact with another id in that directory is replaced.
     */
    public ClaveEvaluator calibrate(List<LabelledSample> samples, Path artifactDirectory) {
        return calibrate(canonical(samples), artifactDirectory);
    }

    /** Calibrates into {@code root/<calibration id>}, reusing that directory when it already exists. */
    public ClaveEvaluator calibrateInto(List<LabelledSample> samples, Path root) {
        Canonical canonical = canonical(samples);
        return calibrate(canonical, root.resolve(canonical.id()));
    }

    /** The id an artifact calibrated from these samples with this configuration has. */
    public String calibrationId(List<LabelledSample> samples) {
        return canonical(samples).id();
    }

    private ClaveEvaluator calibrate(Canonical canonical, Path artifactDirectory) {
        String id = canonical.id();
        if (id.equals(CalibratedModel.readCalibrationId(artifactDirectory))) {
            progress.update("loading calibrated evaluator " + id, 1, 1);
            return ClaveEvaluator.load(artifactDirectory, extractor);
        }
        Path staging = stagingDirectory(artifactDirectory);
        try {
            train(canonical.samples(), canonical.encoder(), id, staging);
            publish(staging, artifactDirectory, id);
        } finally {
            deleteRecursively(staging);
        }
        return ClaveEvaluator.load(artifactDirectory, extractor);
    }

    /**
     * Validated samples sorted by their JSON form (so that the artifact does not depend on the order of the file),
     * the encoder for them and the calibration id, computed once.
     */
    private record Canonical(List<LabelledSample> samples, Encoder encoder, String id) {
    }

    private Canonical canonical(List<LabelledSample> samples) {
        validate(samples);
        record Keyed(String line, LabelledSample sample) {
        }
        List<Keyed> sorted = samples.stream().map(s -> new Keyed(Samples.toJsonLine(s), s))
                .sorted(Comparator.comparing(Keyed::line)).toList();
        List<LabelledSample> ordered = sorted.stream().map(Keyed::sample).toList();
        Encoder chosen = encoderFor(ordered);
        MessageDigest digest = Hashing.newDigest();
        Hashing.update(digest, "clave-artifact-" + CalibratedModel.FORMAT);
        Hashing.update(digest, ValueSystems.toJson(valueSystem));
        Hashing.update(digest, extractor.id());
        Hashing.update(digest, extractor.version());
        Hashing.update(digest, chosen.id());
        Hashing.update(digest, head.fingerprint());
        Hashing.update(digest, Long.toString(seed));
        Hashing.update(digest, Integer.toString(folds));
        sorted.forEach(keyed -> Hashing.update(digest, keyed.line()));
        return new Canonical(ordered, chosen, Hashing.hex(digest).substring(0, 16));
    }

    private Encoder encoderFor(List<LabelledSample> samples) {
        return encoder != null ? encoder : Encoder.forTexts(samples.stream().map(LabelledSample::text).toList());
    }

    private void validate(List<LabelledSample> samples) {
        notNull(samples, "samples");
        if (samples.isEmpty()) {
            throw new ClaveInputException("No calibration samples. Give at least a few labelled samples per value of '"
                    + valueSystem.id() + "' (" + String.join(", ", valueSystem.valueIds()) + ").");
        }
        Map<String, Integer> perValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> perValue.put(v, 0));
        for (LabelledSample sample : samples) {
            if (!valueSystem.contains(sample.value())) {
                throw valueSystem.unknownValue(sample.value());
            }
            perValue.merge(sample.value(), 1, Integer::sum);
        }
        List<String> missing = perValue.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new ClaveInputException("The calibration data has no samples for " + String.join(", ", missing)
                    + " of value system '" + valueSystem.id() + "'. Label some texts for every value (30 to 100 per value"
                    + " work well), or use a value system that defines only the values you label.");
        }
    }

    private void train(List<LabelledSample> samples, Encoder chosen, String id, Path staging) {
        long start = System.nanoTime();
        Prepared prepared = prepare(samples, chosen);
        int effectiveFolds = Math.min(folds, prepared.texts.size());
        ConfusionMatrix overall = new ConfusionMatrix();
        Map<String, ConfusionMatrix> perValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> perValue.put(v, new ConfusionMatrix()));
        int valueCount = valueSystem.values().size();
        if (effectiveFolds >= 2) {
            int[] foldOfText = Folds.assign(prepared.pairText, prepared.set.pairValue(), prepared.set.pairLabel(),
                    prepared.texts.size(), effectiveFolds, seed);
            for (int fold = 0; fold < effectiveFolds; fold++) {
                List<Integer> trainPairs = new ArrayList<>();
                List<Integer> testPairs = new ArrayList<>();
                for (int p = 0; p < prepared.set.size(); p++) {
                    (foldOfText[prepared.pairText[p]] == fold ? testPairs : trainPairs).add(p);
                }
                int current = fold + 1;
                progress.update("cross-validating (fold " + current + " of " + effectiveFolds + ")", fold, effectiveFolds);
                if (trainPairs.isEmpty() || testPairs.isEmpty()) {
                    continue;
                }
                TrainingSet test = prepared.set.subset(testPairs);
                try (ValueRecognizer recognizer = ValueRecognizer.train(prepared.set.subset(trainPairs), valueCount,
                        prepared.dimension, head, seed, epoch -> { })) {
                    double[][] probabilities = recognizer.pairProbabilities(test);
                    for (int i = 0; i < test.size(); i++) {
                        Label gold = test.pairLabel()[i];
                        Label predicted = Label.all().get(argmax(probabilities[i]));
                        overall.add(gold, predicted);
                        perValue.get(valueSystem.values().get(test.pairValue()[i]).id()).add(gold, predicted);
                    }
                }
            }
            progress.update("cross-validating", effectiveFolds, effectiveFolds);
        }
        try (ValueRecognizer recognizer = ValueRecognizer.train(prepared.set, valueCount, prepared.dimension, head, seed,
                epoch -> progress.update("training the small model", epoch, head.epochs()))) {
            progress.update("building the concept pool", 0, 1);
            ConceptPool pool = ConceptPool.build(prepared.poolMembers, seed);
            progress.update("building the concept pool", 1, 1);
            List<ValueQuality> qualities = new ArrayList<>();
            for (String value : valueSystem.valueIds()) {
                int[] counts = new int[3];
                for (LabelledSample sample : samples) {
                    if (sample.value().equals(value)) {
                        counts[sample.label().ordinal()]++;
                    }
                }
                ConfusionMatrix matrix = perValue.get(value);
                qualities.add(new ValueQuality(value, counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2],
                        matrix.accuracy(), matrix.macroF1()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CalibrationReport report = new CalibrationReport(id, valueSystem.qualifiedId(),
                    extractor.id() + "@" + extractor.version(), chosen.id(), head, seed, samples.size(),
                    prepared.texts.size(), prepared.conceptCount, effectiveFolds >= 2 ? effectiveFolds : 0,
                    overall.accuracy(), overall.macroF1(), overall.kappa(), qualities, seconds);
            CalibratedModel.Manifest manifest = new CalibratedModel.Manifest(CalibratedModel.FORMAT, id,
                    valueSystem.qualifiedId(), extractor.id(), extractor.version(), chosen.id(), prepared.dimension, head, report);
            CalibratedModel.write(staging, manifest, valueSystem, recognizer, pool);
        }
    }

    /** Concepts, embeddings and pairs of the calibration data. */
    private record Prepared(List<TextInput> texts, int[] pairText, TrainingSet set, int dimension, int conceptCount,
                            Map<String, List<ConceptPool.Member>> poolMembers) {
    }

    private Prepared prepare(List<LabelledSample> samples, Encoder chosen) {
        Map<String, Integer> textIndex = new LinkedHashMap<>();
        List<TextInput> texts = new ArrayList<>();
        int[] pairText = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            TextInput input = samples.get(i).input().content();
            String key = CacheKey.contentHash(input);
            Integer index = textIndex.get(key);
            if (index == null) {
                index = texts.size();
                textIndex.put(key, index);
                texts.add(input);
            }
            pairText[i] = index;
        }
        List<List<Concept>> conceptsOfText = extract(texts);

        Map<String, Integer> conceptIndex = new LinkedHashMap<>();
        for (List<Concept> concepts : conceptsOfText) {
            for (Concept concept : concepts) {
                conceptIndex.putIfAbsent(concept.text(), conceptIndex.size());
            }
        }
        List<String> conceptTexts = new ArrayList<>(conceptIndex.keySet());
        ConceptEmbedder embedder = ConceptEmbedder.shared(chosen);
        progress.update("embedding concepts (" + chosen.id() + ")", 0, conceptTexts.size());
        float[][] embeddings = embedder.embed(conceptTexts,
                done -> progress.update("embedding concepts (" + chosen.id() + ")", done, conceptTexts.size()));

        int[] pairValue = new int[samples.size()];
        Label[] pairLabel = new Label[samples.size()];
        int[][] pairConcepts = new int[samples.size()][];
        double[][] pairWeights = new double[samples.size()][];
        Map<String, List<ConceptPool.Member>> poolMembers = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> poolMembers.put(v, new ArrayList<>()));
        for (int i = 0; i < samples.size(); i++) {
            LabelledSample sample = samples.get(i);
            List<Concept> applicable = ConceptSelection.applicable(conceptsOfText.get(pairText[i]), sample.value());
            pairValue[i] = valueSystem.indexOf(sample.value());
            pairLabel[i] = sample.label();
            pairConcepts[i] = new int[applicable.size()];
            pairWeights[i] = new double[applicable.size()];
            for (int j = 0; j < applicable.size(); j++) {
                int c = conceptIndex.get(applicable.get(j).text());
                pairConcepts[i][j] = c;
                pairWeights[i][j] = 1.0 / applicable.size();
                poolMembers.get(sample.value()).add(new ConceptPool.Member(applicable.get(j).text(), embeddings[c], sample.label()));
            }
        }
        TrainingSet set = new TrainingSet(embeddings, pairValue, pairLabel, pairConcepts, pairWeights);
        return new Prepared(texts, pairText, set, embedder.dimension(), conceptTexts.size(), poolMembers);
    }

    private List<List<Concept>> extract(List<TextInput> texts) {
        String phase = "extracting concepts (" + extractor.id() + ")";
        progress.update(phase, 0, texts.size());
        List<List<Concept>> all = new ArrayList<>(texts.size());
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextInput> slice = texts.subList(from, Math.min(texts.size(), from + batch));
            List<List<Concept>> extracted = extractor.extractAll(slice, valueSystem);
            for (int i = 0; i < slice.size(); i++) {
                all.add(ConceptSelection.orWholeText(extracted.get(i), slice.get(i)));
            }
            progress.update(phase, all.size(), texts.size());
        }
        return all;
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

    private static Path stagingDirectory(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + parent, e);
        }
        return parent.resolve("." + target.getFileName() + ".staging-" + UUID.randomUUID());
    }

    private static void publish(Path staging, Path target, String id) {
        try {
            if (Files.exists(target)) {
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                try {
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.NoSuchFileException raced) {
                    // another process replaced it first
                }
                deleteRecursively(old);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!id.equals(CalibratedModel.readCalibrationId(target))) {
                throw new ClaveConfigurationException("Another process wrote a different calibration into " + target
                        + " at the same time. Give each configuration its own artifact directory.", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the calibrated evaluator into " + target, e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
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

        /** The sentence encoder. Default: chosen by the data's language, see {@link Encoder#forTexts(Iterable)}. */
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

        public Calibrator build() {
            return new Calibrator(this);
        }
    }
}
