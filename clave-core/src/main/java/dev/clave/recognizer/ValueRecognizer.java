package dev.clave.recognizer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.ClaveException;
import dev.clave.concept.Concept;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.FineTuneExample;
import dev.clave.embedding.FineTunedEncoder;
import dev.clave.embedding.FineTuning;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The small model of the CLAVE method: a head over concept embeddings that gives, for every value of a value system,
 * three logits (supports, opposes, unrelated) per concept, and the one text-scoring path of Clave ({@link #score}).
 *
 * <p>The head is one of the {@link HeadKind}s of its {@link HeadConfig}: a converged L2 logistic regression per value
 * or one shared by all values and conditioned on the values' definitions (its strength chosen by cross-validation on
 * the data it is trained on, so that inside an outer cross-validation the choice is nested), or the AdamW head trained
 * with DJL. A converged head may carry per-value {@link DecisionOffsets} tuned for macro-F1 on the out-of-fold
 * probabilities of that same cross-validation ({@link DecisionRule#MACRO_F1}), and a fine-tuned encoder with its own
 * head ({@link #fineTune}), whose text probabilities are averaged with the frozen head's.
 *
 * <p>Saved into an artifact directory: {@code value-head.json} (a converged head, its offsets and its strength grid)
 * or {@code value-head-0000.params} (AdamW, DJL format); with fine-tuning also {@code fine-tuned-encoder-0000.params},
 * {@code fine-tuned-encoder.json} and {@code fine-tuned-head.json}.
 *
 * <p>Immutable after training or loading; {@link #score} is thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ValueRecognizer implements AutoCloseable {

    /** The file of a converged head. */
    public static final String HEAD_FILE = "value-head.json";
    /** The file of the head trained with the fine-tuned encoder. */
    public static final String TUNED_HEAD_FILE = "fine-tuned-head.json";
    /** The inner cross-validation folds that choose the per-value head's strength. */
    static final int INNER_FOLDS = 5;
    /** The inner folds of the shared head: its fits cost more than the per-value ones, so it chooses from fewer. */
    static final int SHARED_INNER_FOLDS = 3;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final int values;
    private final int dimension;
    private final HeadConfig config;
    private final @Nullable AdamWHead adamw;
    private final @Nullable SavedHead converged;
    private final @Nullable Tuned tuned;

    /**
     * A converged head as saved: the head, its decision offsets and the cross-validation that chose its strength.
     *
     * @param head         the head
     * @param offsets      per value the offsets on the log-probabilities ({@code [values][3]}, zeros for argmax)
     * @param blockPenalty the chosen block penalty (1 for the per-value head)
     * @param grid         every strength tried with its held-out mean log-loss, kappa and the kappa's standard error
     */
    @JsonPropertyOrder({"head", "offsets", "blockPenalty", "grid"})
    record SavedHead(LogisticHead head, double[][] offsets, double blockPenalty, List<LogisticHeadTrainer.GridPoint> grid) {
    }

    /** The fine-tuned encoder, the embedder over it and its head. */
    private record Tuned(FineTunedEncoder encoder, ConceptEmbedder embedder, LogisticHead head) {
    }

    private ValueRecognizer(int values, int dimension, HeadConfig config, @Nullable AdamWHead adamw,
                            @Nullable SavedHead converged, @Nullable Tuned tuned) {
        this.values = values;
        this.dimension = dimension;
        this.config = config;
        this.adamw = adamw;
        this.converged = converged;
        this.tuned = tuned;
    }

    /** The number of values the head scores. */
    public int valueCount() {
        return values;
    }

    /** The embedding dimension it reads. */
    public int dimension() {
        return dimension;
    }

    /** How it was built and trained. */
    public HeadConfig config() {
        return config;
    }

    /** The L2 strength cross-validation chose for a converged head; NaN for the AdamW head. */
    public double strength() {
        return converged == null ? Double.NaN : converged.head().strength();
    }

    /** The block penalty cross-validation chose for the shared head; 1 for the per-value head, NaN for AdamW. */
    public double blockPenalty() {
        return converged == null ? Double.NaN : converged.blockPenalty();
    }

    /** The decision offsets ({@code [values][3]}, all zero unless {@link DecisionRule#MACRO_F1}). */
    public double[][] offsets() {
        return converged == null ? new double[values][3] : deepCopy(converged.offsets());
    }

    /** The id of the fine-tuned encoder, if the small model has one. */
    public java.util.Optional<String> fineTunedEncoder() {
        return tuned == null ? java.util.Optional.empty() : java.util.Optional.of(tuned.embedder().id());
    }

    /** Trains a head that does not read the values' definitions; see {@link #train(TrainingSet, int, int, HeadConfig, long, float[][], IntConsumer)}. */
    public static ValueRecognizer train(TrainingSet set, int values, int dimension, HeadConfig config, long seed,
                                        IntConsumer onEpoch) {
        return train(set, values, dimension, config, seed, null, onEpoch);
    }

    /**
     * Trains a head.
     *
     * @param set         concept embeddings and labelled pairs
     * @param values      the number of values in the value system
     * @param dimension   the embedding dimension
     * @param config      kind and training settings
     * @param seed        seeds initialisation, batch order and the inner folds: the same inputs and seed give the same
     *                    head
     * @param definitions per value the embedding of its definition (required by {@link HeadKind#SHARED})
     * @param onEpoch     called after each AdamW epoch with the number of epochs done
     */
    public static ValueRecognizer train(TrainingSet set, int values, int dimension, HeadConfig config, long seed,
                                        float @Nullable [][] definitions, IntConsumer onEpoch) {
        notNull(set, "set");
        notNull(config, "config");
        if (set.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty calibration set");
        }
        if (config.kind() == HeadKind.ADAMW) {
            return new ValueRecognizer(values, dimension, config, AdamWHead.train(set, values, dimension, config, seed, onEpoch),
                    null, null);
        }
        if (config.kind() == HeadKind.SHARED && (definitions == null || definitions.length != values)) {
            throw new IllegalArgumentException("the shared head needs the definition embedding of each of the " + values
                    + " values");
        }
        PairData pairs = PairData.pool(set, values, config.kind() == HeadKind.SHARED ? definitions : null);
        LogisticHeadTrainer.Builder trainer = LogisticHeadTrainer.builder().strengths(config.strengthGrid())
                .criterion(config.selection()).folds(config.kind() == HeadKind.SHARED ? SHARED_INNER_FOLDS : INNER_FOLDS).seed(seed);
        if (config.kind() == HeadKind.SHARED) {
            trainer.shared(definitions);
        }
        LogisticHeadTrainer.Fit fit = trainer.build().fitSelected(pairs);
        DecisionOffsets offsets = config.decision() == DecisionRule.MACRO_F1
                ? DecisionOffsets.tune(fit.selection().outOfFold(), pairs.value(), pairs.label(), values)
                : DecisionOffsets.none(values);
        SavedHead saved = new SavedHead(fit.head(), offsets.offsets(), fit.selection().blockPenalty(), fit.selection().grid());
        return new ValueRecognizer(values, dimension, config, null, saved, null);
    }

    /**
     * This recognizer with a fine-tuned encoder (CLAVE's small model trained end to end): the full-precision
     * {@code base} is fine-tuned on the labelled texts' concepts for {@link HeadConfig#fineTuneEpochs()} epochs, its head
     * starting from a per-value logistic regression on the base's own vectors; a text's probabilities become the mean of
     * this recognizer's and the fine-tuned model's. This recognizer is left as it was (close both).
     *
     * @param base     the encoder to fine-tune
     * @param examples per labelled pair the concepts judged for its value, the value's index and the label
     * @param groups   per example the index of its text (the start head's cross-validation keeps a text together)
     * @param tuning   names the fine-tuned encoder ({@code base+tuning}); include the calibration id, so that stored
     *                 vectors of one calibration's encoder are never read for another's
     * @param seed     the seed of training order and the start head's folds
     * @param onEpoch  receives the mean training loss and the epoch number after each epoch
     */
    public ValueRecognizer fineTune(FineTunedEncoder.Base base, List<FineTuneExample> examples, int[] groups, String tuning,
                                    long seed, ObjIntConsumer<Double> onEpoch) {
        if (converged == null) {
            throw new IllegalStateException("fine-tuning starts from a converged head");
        }
        FineTuning.Settings settings = FineTuning.Settings.defaults().withEpochs(Math.max(1, config.fineTuneEpochs()))
                .withSeed(seed);
        FineTuning.Result result;
        synchronized (AdamWHead.TRAINING) { // DJL's PyTorch engine collects gradients for one training at a time
            result = FineTuning.train(base, examples, values, settings, (x, value, label, group) -> {
                PairData data = new PairData(x, new double[x.length], value, label, group, values);
                LogisticHead head = LogisticHeadTrainer.builder().strengths(config.strengthGrid()).folds(INNER_FOLDS)
                        .criterion(config.selection()).seed(seed).build().fit(data);
                return new FineTuning.Head(head.weights(), head.bias());
            }, tuning, onEpoch);
        }
        LogisticHead head = new LogisticHead(HeadKind.LOGISTIC, converged.head().strength(), result.head().weights(),
                result.head().bias(), new double[3], null);
        return new ValueRecognizer(values, dimension, config, null, converged, tuned(result.encoder(), head));
    }

    private static Tuned tuned(FineTunedEncoder encoder, LogisticHead head) {
        return new Tuned(encoder, new ConceptEmbedder(encoder.id(), encoder.asEmbeddingModel(), ConceptEmbedder.DEFAULT_CAPACITY),
                head);
    }

    /**
     * Loads a head saved by {@link #save(Path)}; the arguments must be those it was trained with.
     *
     * @throws ClaveException when a file is missing or does not fit the shape
     */
    public static ValueRecognizer load(Path directory, int values, int dimension, HeadConfig config) {
        if (config.kind() == HeadKind.ADAMW) {
            return new ValueRecognizer(values, dimension, config, AdamWHead.load(directory, values, dimension, config), null, null);
        }
        SavedHead saved = readJson(directory.resolve(HEAD_FILE), SavedHead.class);
        checkShape(saved.head(), values, dimension, HEAD_FILE);
        if (saved.offsets() == null || saved.offsets().length != values) {
            throw new ClaveException(HEAD_FILE + " has no offsets for each of the " + values + " values");
        }
        for (double[] row : saved.offsets()) {
            if (row == null || row.length != 3) {
                throw new ClaveException(HEAD_FILE + " has offsets that are not three per value");
            }
        }
        Tuned tuned = null;
        if (config.fineTuneEpochs() > 0) {
            LogisticHead head = readJson(directory.resolve(TUNED_HEAD_FILE), LogisticHead.class);
            FineTunedEncoder encoder = FineTunedEncoder.load(directory);
            try {
                checkShape(head, values, encoder.dimension(), TUNED_HEAD_FILE);
            } catch (RuntimeException e) {
                encoder.close();
                throw e;
            }
            tuned = tuned(encoder, head);
        }
        return new ValueRecognizer(values, dimension, config, null, saved, tuned);
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            T value = JSON.readValue(file.toFile(), type);
            if (value == null) {
                throw new ClaveException(file.getFileName() + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new ClaveException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkShape(LogisticHead head, int values, int dimension, String file) {
        if (head.values() != values) {
            throw new ClaveException(file + " scores " + head.values() + " values, not " + values);
        }
        for (int v = 0; v < values; v++) {
            if (head.weights()[v] == null || head.weights()[v].length != 3 || head.bias()[v] == null || head.bias()[v].length != 3) {
                throw new ClaveException(file + " does not hold three labels for value " + v);
            }
            for (double[] row : head.weights()[v]) {
                if (row == null || row.length != dimension) {
                    throw new ClaveException(file + " has weights of another dimension than " + dimension);
                }
            }
            if (head.definitions() != null && (head.definitions()[v] == null || head.definitions()[v].length != dimension)) {
                throw new ClaveException(file + " has a definition embedding of another dimension than " + dimension);
            }
        }
    }

    /** Saves the small model into a directory (see the class description for its files). */
    public void save(Path directory) {
        try {
            Files.createDirectories(directory);
            if (adamw != null) {
                adamw.save(directory);
            } else {
                JSON.writeValue(directory.resolve(HEAD_FILE).toFile(), converged);
            }
            if (tuned != null) {
                tuned.encoder().save(directory);
                JSON.writeValue(directory.resolve(TUNED_HEAD_FILE).toFile(), tuned.head());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the small model to " + directory, e);
        }
    }

    /**
     * The one text-scoring path of Clave, used by evaluation and by cross-validation alike: for each text its concepts
     * (the whole text when the extractor found none, see {@link ConceptSelection}), for each value the concepts judged
     * for it, each concept's logits from the head, the text's probabilities through the configured
     * {@link Aggregation}, averaged with the fine-tuned model's when there is one, and the decision offsets applied. A
     * text's scores do not depend on the other texts of the batch.
     *
     * @param texts     the texts
     * @param extracted the extracted concepts of each text (possibly empty lists)
     * @param valueIds  the value system's value ids, in its order (as many as {@link #valueCount()})
     * @param embedder  the encoder of the concepts, the one the head was trained on; a fine-tuned encoder's vectors are
     *                  kept in the same {@link dev.clave.embedding.VectorStore} as this one's
     * @return one score per text, in order
     */
    public List<TextScore> score(List<TextInput> texts, List<List<Concept>> extracted, List<String> valueIds,
                                 ConceptEmbedder embedder) {
        if (texts.size() != extracted.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + extracted.size() + " concept lists");
        }
        if (valueIds.size() != values) {
            throw new IllegalArgumentException("the head scores " + values + " values, but " + valueIds.size() + " were given");
        }
        List<List<Concept>> judged = new ArrayList<>(texts.size());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int t = 0; t < texts.size(); t++) {
            List<Concept> concepts = ConceptSelection.orWholeText(extracted.get(t), texts.get(t));
            judged.add(concepts);
            for (Concept concept : concepts) {
                index.putIfAbsent(concept.text(), index.size());
            }
        }
        List<String> conceptTexts = new ArrayList<>(index.keySet());
        float[][] embeddings = embedder.embed(conceptTexts);
        float[][] logits = conceptLogits(embeddings);
        float[][] tunedLogits = null;
        if (tuned != null) {
            float[][] tunedEmbeddings = tuned.embedder().backedBy(embedder.store()).embed(conceptTexts);
            tunedLogits = logisticLogits(tuned.head(), tunedEmbeddings);
        }
        double[][] offsets = converged == null ? null : converged.offsets();
        List<TextScore> scores = new ArrayList<>(texts.size());
        for (List<Concept> concepts : judged) {
            List<TextScore.ValueScore> perValue = new ArrayList<>(values);
            for (int v = 0; v < values; v++) {
                List<Concept> applicable = ConceptSelection.applicable(concepts, valueIds.get(v));
                double[] weights = ConceptSelection.weights(applicable.size());
                float[][] rows = rows(logits, index, applicable, v);
                double[] probabilities = config.aggregation().aggregate(rows, weights);
                float[][] tunedRows = tunedLogits == null ? null : rows(tunedLogits, index, applicable, v);
                if (tunedRows != null) {
                    probabilities = mean(probabilities, Aggregation.MEAN_LOGIT.aggregate(tunedRows, weights));
                }
                List<TextScore.ConceptScore> conceptScores = new ArrayList<>(applicable.size());
                for (int i = 0; i < applicable.size(); i++) {
                    double[] p = Aggregation.softmax(new double[] {rows[i][0], rows[i][1], rows[i][2]});
                    if (tunedRows != null) {
                        p = mean(p, Aggregation.softmax(new double[] {tunedRows[i][0], tunedRows[i][1], tunedRows[i][2]}));
                    }
                    conceptScores.add(new TextScore.ConceptScore(applicable.get(i).text(), decide(p, offsets, v),
                            embeddings[index.get(applicable.get(i).text())]));
                }
                perValue.add(new TextScore.ValueScore(valueIds.get(v), decide(probabilities, offsets, v), conceptScores));
            }
            scores.add(new TextScore(perValue));
        }
        return scores;
    }

    private static float[][] rows(float[][] logits, Map<String, Integer> index, List<Concept> applicable, int v) {
        float[][] rows = new float[applicable.size()][];
        for (int i = 0; i < applicable.size(); i++) {
            int c = index.get(applicable.get(i).text());
            rows[i] = new float[] {logits[c][v * 3], logits[c][v * 3 + 1], logits[c][v * 3 + 2]};
        }
        return rows;
    }

    private static double[] mean(double[] a, double[] b) {
        return new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
    }

    /** The probabilities moved by the value's decision offsets and renormalised (unchanged without offsets). */
    private static double[] decide(double[] probabilities, double @Nullable [][] offsets, int v) {
        if (offsets == null || (offsets[v][0] == 0 && offsets[v][1] == 0 && offsets[v][2] == 0)) {
            return probabilities;
        }
        double[] z = new double[3];
        for (int k = 0; k < 3; k++) {
            z[k] = Math.log(Math.max(probabilities[k], 1e-300)) + offsets[v][k];
        }
        return Aggregation.softmax(z);
    }

    /**
     * Concept-level logits of the frozen head: for each embedding a row of {@code values * 3} logits, value by value in
     * the order supports, opposes, unrelated.
     */
    float[][] conceptLogits(float[][] embeddings) {
        return adamw != null ? adamw.conceptLogits(embeddings) : logisticLogits(converged.head(), embeddings);
    }

    private float[][] logisticLogits(LogisticHead head, float[][] embeddings) {
        float[][] out = new float[embeddings.length][values * 3];
        for (int c = 0; c < embeddings.length; c++) {
            if (embeddings[c].length != head.dimension()) {
                throw new IllegalArgumentException("embedding " + c + " has " + embeddings[c].length
                        + " dimensions, but the head reads " + head.dimension());
            }
            for (int v = 0; v < values; v++) {
                double[] z = head.conceptLogits(embeddings[c], v);
                for (int k = 0; k < 3; k++) {
                    out[c][v * 3 + k] = (float) z[k];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (adamw != null) {
            adamw.close();
        }
        if (tuned != null) {
            tuned.encoder().close();
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
