package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.Progress;
import dev.clave.calibration.Calibrator;
import dev.clave.concept.CacheKey;
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
import dev.clave.stats.ConfusionMatrix;
import dev.clave.value.ValueSystem;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibrates on one labelled set, scores another, and compares the evaluator with two baselines computed on the
 * same split and the same concept embeddings: the majority label per value, and k-nearest-neighbours over the
 * texts' mean concept embedding (cosine; k chosen by leave-one-out accuracy on the calibration set).
 */
final class Benchmark {

    static final int[] KNN_CANDIDATES = {1, 3, 5, 7, 9, 11, 15};
    private static final int BATCH = 256;

    private final ValueSystem valueSystem;
    private final ConceptExtractor extractor;
    private final Calibrator calibrator;
    private final Progress progress;

    Benchmark(ValueSystem valueSystem, ConceptExtractor extractor, Calibrator calibrator, Progress progress) {
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

    record Baselines(Scores majority, KnnScores knn) {
    }

    @JsonPropertyOrder({"value", "samples", "accuracy", "macroF1", "majorityAccuracy", "majorityMacroF1", "knnAccuracy", "knnMacroF1"})
    record ValueRow(String value, long samples, double accuracy, double macroF1, double majorityAccuracy,
                    double majorityMacroF1, double knnAccuracy, double knnMacroF1) {
    }

    @JsonPropertyOrder({"valueSystem", "calibrationId", "extractor", "encoder", "calibrationSamples", "testSamples",
            "testTexts", "accuracy", "macroF1", "perValueMacroF1", "kappa", "baselines", "calibrationSeconds",
            "evaluationsPerSecond", "coldEvaluationsPerSecond", "peakHeapMiB", "crossValidation", "perValue",
            "confusionMatrix"})
    record Result(String valueSystem, String calibrationId, String extractor, String encoder, int calibrationSamples,
                  int testSamples, int testTexts, double accuracy, double macroF1, double perValueMacroF1, double kappa,
                  Baselines baselines, double calibrationSeconds, double evaluationsPerSecond,
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
            Map<String, Scored> majority = majority(calibration, test);
            Map<String, Scored> knn = knn(calibration, test, encoder);
            int k = knn.values().iterator().next().k;

            List<ValueRow> rows = new ArrayList<>();
            for (String value : valueSystem.valueIds()) {
                ConfusionMatrix m = perValue.get(value);
                rows.add(new ValueRow(value, m.total(), m.accuracy(), m.macroF1(), majority.get(value).matrix.accuracy(),
                        majority.get(value).matrix.macroF1(), knn.get(value).matrix.accuracy(), knn.get(value).matrix.macroF1()));
            }
            Scores majorityScores = pooled(majority);
            Scores knnPooled = pooled(knn);
            Map<String, Double> cv = new LinkedHashMap<>();
            cv.put("folds", (double) evaluator.report().folds());
            cv.put("accuracy", evaluator.report().accuracy());
            cv.put("macroF1", evaluator.report().macroF1());
            cv.put("perValueMacroF1", evaluator.report().meanPerValueMacroF1());
            Scores scores = Scores.of(pooled, perValue);
            return new Result(valueSystem.qualifiedId(), evaluator.calibrationId(), evaluator.report().extractor(),
                    encoder.id(), calibration.size(), test.size(), texts.size(), scores.accuracy(), scores.macroF1(),
                    scores.perValueMacroF1(), scores.kappa(),
                    new Baselines(majorityScores, new KnnScores(knnPooled.accuracy(), knnPooled.macroF1(),
                            knnPooled.perValueMacroF1(), knnPooled.kappa(), k)),
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

    private record Scored(ConfusionMatrix matrix, int k) {
    }

    private Map<String, Scored> majority(List<LabelledSample> calibration, List<LabelledSample> test) {
        Map<String, Map<Label, Integer>> counts = new LinkedHashMap<>();
        for (LabelledSample s : calibration) {
            counts.computeIfAbsent(s.value(), v -> new EnumMap<>(Label.class)).merge(s.label(), 1, Integer::sum);
        }
        Map<String, Label> majority = new LinkedHashMap<>();
        counts.forEach((value, byLabel) -> majority.put(value, byLabel.entrySet().stream()
                .max(Map.Entry.<Label, Integer>comparingByValue().thenComparing(e -> e.getKey() == Label.UNRELATED))
                .orElseThrow().getKey()));
        Map<String, Scored> result = new LinkedHashMap<>();
        Map<String, ConfusionMatrix> matrices = matrices();
        for (LabelledSample s : test) {
            matrices.get(s.value()).add(s.label(), majority.getOrDefault(s.value(), Label.UNRELATED));
        }
        matrices.forEach((value, m) -> result.put(value, new Scored(m, 0)));
        return result;
    }

    private Map<String, Scored> knn(List<LabelledSample> calibration, List<LabelledSample> test, Encoder encoder) {
        List<TextInput> all = distinctTexts(calibration);
        all.addAll(distinctTexts(test));
        Map<String, float[]> vectors = meanEmbeddings(all, encoder);
        Map<String, List<LabelledSample>> byValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> byValue.put(v, new ArrayList<>()));
        calibration.forEach(s -> byValue.get(s.value()).add(s));

        int bestK = KNN_CANDIDATES[0];
        long bestCorrect = -1;
        for (int k : KNN_CANDIDATES) {
            long correct = 0;
            for (LabelledSample s : calibration) {
                if (vote(vectors.get(key(s.input())), byValue.get(s.value()), vectors, k, s) == s.label()) {
                    correct++;
                }
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestK = k;
            }
        }
        Map<String, ConfusionMatrix> matrices = matrices();
        for (LabelledSample s : test) {
            matrices.get(s.value()).add(s.label(), vote(vectors.get(key(s.input())), byValue.get(s.value()), vectors, bestK, null));
        }
        Map<String, Scored> result = new LinkedHashMap<>();
        int k = bestK;
        matrices.forEach((value, m) -> result.put(value, new Scored(m, k)));
        return result;
    }

    /** Majority vote of the k most similar calibration samples of the value (ties: the nearest neighbour's label). */
    private static Label vote(float[] query, List<LabelledSample> pool, Map<String, float[]> vectors, int k,
                              LabelledSample exclude) {
        record Neighbour(double similarity, Label label) {
        }
        List<Neighbour> neighbours = new ArrayList<>(pool.size());
        for (LabelledSample candidate : pool) {
            if (candidate == exclude) {
                continue;
            }
            neighbours.add(new Neighbour(dot(query, vectors.get(key(candidate.input()))), candidate.label()));
        }
        if (neighbours.isEmpty()) {
            return Label.UNRELATED;
        }
        neighbours.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        List<Neighbour> top = neighbours.subList(0, Math.min(k, neighbours.size()));
        Map<Label, Integer> votes = new EnumMap<>(Label.class);
        top.forEach(n -> votes.merge(n.label(), 1, Integer::sum));
        int max = votes.values().stream().max(Integer::compare).orElse(0);
        for (Neighbour n : top) {
            if (votes.get(n.label()) == max) {
                return n.label();
            }
        }
        return top.get(0).label();
    }

    private Map<String, float[]> meanEmbeddings(List<TextInput> texts, Encoder encoder) {
        List<List<Concept>> concepts = extractor.extractAll(texts, valueSystem);
        List<String> conceptTexts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (Concept c : ConceptSelection.orWholeText(concepts.get(i), texts.get(i))) {
                conceptTexts.add(c.text());
            }
        }
        float[][] embeddings = ConceptEmbedder.shared(encoder).embed(conceptTexts);
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
            vectors.put(key(texts.get(i)), normalise(mean));
        }
        return vectors;
    }

    private Map<String, ConfusionMatrix> matrices() {
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> matrices.put(v, new ConfusionMatrix()));
        return matrices;
    }

    private static Scores pooled(Map<String, Scored> perValue) {
        ConfusionMatrix pooled = new ConfusionMatrix();
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        perValue.forEach((value, scored) -> {
            pooled.addAll(scored.matrix);
            matrices.put(value, scored.matrix);
        });
        return Scores.of(pooled, matrices);
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

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] normalise(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
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
