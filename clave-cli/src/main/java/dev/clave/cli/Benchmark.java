package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.Progress;
import dev.clave.calibration.Calibrator;
import dev.clave.concept.CacheKey;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.recognizer.ConceptSelection;
import dev.clave.recognizer.PairData;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.value.ValueSystem;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibrates on one labelled set, scores another, and compares the evaluator with three baselines computed on the
 * same split and the same frozen concept embeddings (see {@link Baselines}): the majority label per value,
 * k-nearest-neighbours over the texts' mean concept embedding, and an L2 multinomial logistic probe on it.
 */
final class Benchmark {

    private static final int BATCH = 256;

    private final ValueSystem valueSystem;
    private final ConceptExtractor extractor;
    private final Calibrator calibrator;
    private final Progress progress;
    private final long seed;

    Benchmark(ValueSystem valueSystem, ConceptExtractor extractor, Calibrator calibrator, Progress progress, long seed) {
        this.seed = seed;
        this.valueSystem = valueSystem;
        this.extractor = extractor;
        this.calibrator = calibrator;
        this.progress = progress;
    }

    /** Agreement figures of one method. */
    @JsonPropertyOrder({"accuracy", "macroF1", "perValueMacroF1", "kappa"})
    record Scores(double accuracy, double macroF1, double perValueMacroF1, double kappa) {
        static Scores of(ConfusionMatrix pooled, Map<String, ConfusionMatrix> perValue) {
            double mean = perValue.values().stream().filter(m -> m.total() > 0).mapToDouble(ConfusionMatrix::macroF1)
                    .average().orElse(Double.NaN);
            return new Scores(pooled.accuracy(), pooled.macroF1(), mean, pooled.kappa());
        }
    }

    @JsonPropertyOrder({"accuracy", "macroF1", "perValueMacroF1", "kappa", "k"})
    record KnnScores(double accuracy, double macroF1, double perValueMacroF1, double kappa, int k) {
    }

    @JsonPropertyOrder({"accuracy", "macroF1", "perValueMacroF1", "kappa", "strength"})
    record ProbeScores(double accuracy, double macroF1, double perValueMacroF1, double kappa, double strength) {
    }

    record BaselineScores(Scores majority, KnnScores knn, ProbeScores logisticProbe) {
    }

    @JsonPropertyOrder({"value", "samples", "accuracy", "macroF1", "majorityAccuracy", "majorityMacroF1", "knnAccuracy",
            "knnMacroF1", "probeAccuracy", "probeMacroF1"})
    record ValueRow(String value, long samples, double accuracy, double macroF1, double majorityAccuracy,
                    double majorityMacroF1, double knnAccuracy, double knnMacroF1, double probeAccuracy,
                    double probeMacroF1) {
    }

    @JsonPropertyOrder({"valueSystem", "calibrationId", "extractor", "encoder", "head", "calibrationSamples", "testSamples",
            "testTexts", "accuracy", "macroF1", "perValueMacroF1", "kappa", "baselines", "calibrationSeconds",
            "evaluationsPerSecond", "coldEvaluationsPerSecond", "peakHeapMiB", "crossValidation", "perValue",
            "confusionMatrix"})
    record Result(String valueSystem, String calibrationId, String extractor, String encoder, String head,
                  int calibrationSamples, int testSamples, int testTexts, double accuracy, double macroF1,
                  double perValueMacroF1, double kappa, BaselineScores baselines, double calibrationSeconds, double evaluationsPerSecond,
                  double coldEvaluationsPerSecond, double peakHeapMiB, Map<String, Double> crossValidation,
                  List<ValueRow> perValue, Map<String, Map<String, Long>> confusionMatrix) {
    }

    Result run(List<LabelledSample> calibration, List<LabelledSample> test, Path artifactDirectory) {
        resetPeakHeap();
        long start = System.nanoTime();
        try (ClaveEvaluator evaluator = ClaveEvaluator.of(calibrator.calibrate(calibration, artifactDirectory), extractor)) {
            double calibrationSeconds = (System.nanoTime() - start) / 1e9;

            List<TextInput> texts = distinctTexts(test);
            Map<String, Evaluation> byText = new LinkedHashMap<>();
            long coldStart = System.nanoTime();
            evaluateAll(evaluator, texts, byText, "evaluating test texts (cold: extract + embed)");
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            long warmStart = System.nanoTime();
            evaluateAll(evaluator, texts, byText, "evaluating test texts (warm cache)");
            double warmSeconds = (System.nanoTime() - warmStart) / 1e9;

            ConfusionMatrix pooled = new ConfusionMatrix();
            Map<String, ConfusionMatrix> perValue = matrices();
            for (LabelledSample sample : test) {
                Label predicted = byText.get(key(sample.input())).label(sample.value());
                pooled.add(sample.label(), predicted);
                perValue.get(sample.value()).add(sample.label(), predicted);
            }

            Encoder encoder = Encoder.fromId(evaluator.report().encoder());
            List<TextInput> all = distinctTexts(calibration);
            all.addAll(distinctTexts(test));
            Map<String, float[]> vectors = meanEmbeddings(all, encoder);
            PairData calibrationPairs = pairs(calibration, vectors);
            PairData testPairs = pairs(test, vectors);
            progress.update("baselines (majority, k-NN, logistic probe)", 0, 1);
            Baselines.Outcome majority = Baselines.majority(calibrationPairs, testPairs);
            Baselines.Outcome knn = Baselines.knn(calibrationPairs, testPairs);
            Baselines.Outcome probe = Baselines.logisticProbe(calibrationPairs, testPairs, seed);
            progress.update("baselines (majority, k-NN, logistic probe)", 1, 1);

            List<ValueRow> rows = new ArrayList<>();
            List<String> ids = valueSystem.valueIds();
            for (int v = 0; v < ids.size(); v++) {
                ConfusionMatrix m = perValue.get(ids.get(v));
                rows.add(new ValueRow(ids.get(v), m.total(), m.accuracy(), m.macroF1(), majority.perValue().get(v).accuracy(),
                        majority.perValue().get(v).macroF1(), knn.perValue().get(v).accuracy(), knn.perValue().get(v).macroF1(),
                        probe.perValue().get(v).accuracy(), probe.perValue().get(v).macroF1()));
            }
            Scores majorityScores = pooled(majority);
            Scores knnPooled = pooled(knn);
            Scores probePooled = pooled(probe);
            Map<String, Double> cv = new LinkedHashMap<>();
            cv.put("folds", (double) evaluator.report().folds());
            cv.put("accuracy", evaluator.report().accuracy());
            cv.put("macroF1", evaluator.report().macroF1());
            cv.put("perValueMacroF1", evaluator.report().meanPerValueMacroF1());
            Scores scores = Scores.of(pooled, perValue);
            return new Result(valueSystem.qualifiedId(), evaluator.calibrationId(), evaluator.report().extractor(),
                    encoder.id(), evaluator.report().head().fingerprint(), calibration.size(), test.size(), texts.size(),
                    scores.accuracy(), scores.macroF1(), scores.perValueMacroF1(), scores.kappa(),
                    new BaselineScores(majorityScores, new KnnScores(knnPooled.accuracy(), knnPooled.macroF1(),
                            knnPooled.perValueMacroF1(), knnPooled.kappa(), knn.k()),
                            new ProbeScores(probePooled.accuracy(), probePooled.macroF1(), probePooled.perValueMacroF1(),
                                    probePooled.kappa(), probe.strength())),
                    calibrationSeconds, texts.size() / warmSeconds, texts.size() / coldSeconds, peakHeapMiB(), cv, rows,
                    confusion(pooled));
        }
    }

    private void evaluateAll(ClaveEvaluator evaluator, List<TextInput> texts, Map<String, Evaluation> into, String phase) {
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextInput> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            List<Evaluation> evaluations = evaluator.evaluateAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                into.put(key(batch.get(i)), evaluations.get(i));
            }
            progress.update(phase, Math.min(texts.size(), from + BATCH), texts.size());
        }
    }

    /** Per text the (unnormalised) mean of its concepts' frozen embeddings, served from the cache's vectors. */
    private Map<String, float[]> meanEmbeddings(List<TextInput> texts, Encoder encoder) {
        List<List<Concept>> concepts = extractor.extractAll(texts, valueSystem);
        List<String> conceptTexts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (Concept c : ConceptSelection.orWholeText(concepts.get(i), texts.get(i))) {
                conceptTexts.add(c.text());
            }
        }
        float[][] embeddings = ConceptEmbedder.shared(encoder).backedBy(CachingConceptExtractor.vectorsOf(extractor))
                .embed(conceptTexts);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        int next = 0;
        for (int i = 0; i < texts.size(); i++) {
            int n = ConceptSelection.orWholeText(concepts.get(i), texts.get(i)).size();
            float[] mean = new float[embeddings[next].length];
            for (int j = 0; j < n; j++) {
                float[] e = embeddings[next + j];
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += e[d] / n;
                }
            }
            next += n;
            vectors.put(key(texts.get(i)), mean);
        }
        return vectors;
    }

    private Map<String, ConfusionMatrix> matrices() {
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> matrices.put(v, new ConfusionMatrix()));
        return matrices;
    }

    private Scores pooled(Baselines.Outcome outcome) {
        ConfusionMatrix pooled = new ConfusionMatrix();
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        for (int v = 0; v < outcome.perValue().size(); v++) {
            pooled.addAll(outcome.perValue().get(v));
            matrices.put(valueSystem.valueIds().get(v), outcome.perValue().get(v));
        }
        return Scores.of(pooled, matrices);
    }

    /** One row per sample: the unnormalised mean of its text's concept embeddings, grouped by text. */
    private PairData pairs(List<LabelledSample> samples, Map<String, float[]> vectors) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        int n = samples.size();
        float[][] x = new float[n][];
        int[] value = new int[n];
        int[] label = new int[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            LabelledSample s = samples.get(i);
            String key = key(s.input());
            x[i] = vectors.get(key);
            value[i] = valueSystem.indexOf(s.value());
            label[i] = s.label().ordinal();
            group[i] = groups.computeIfAbsent(key, g -> groups.size());
        }
        return new PairData(x, new double[n], value, label, group, valueSystem.values().size());
    }

    private static List<TextInput> distinctTexts(List<LabelledSample> samples) {
        Map<String, TextInput> texts = new LinkedHashMap<>();
        samples.forEach(s -> texts.putIfAbsent(key(s.input()), s.input().content()));
        return new ArrayList<>(texts.values());
    }

    private static String key(TextInput input) {
        return CacheKey.contentHash(input);
    }

    private static Map<String, Map<String, Long>> confusion(ConfusionMatrix matrix) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Label gold : Label.values()) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (Label predicted : Label.values()) {
                row.put(predicted.wire(), matrix.count(gold, predicted));
            }
            out.put(gold.wire(), row);
        }
        return out;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage: an upper bound of the heap's peak. */
    static double peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}
