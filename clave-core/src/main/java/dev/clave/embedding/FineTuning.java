package dev.clave.embedding;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ObjIntConsumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Fine-tunes a {@link FineTunedEncoder} on labelled concepts, as the CLAVE method trains its small model: the encoder
 * and a linear head (three logits per value over the pooled, normalised concept vector) are trained together with
 * AdamW on the cross-entropy of the human labels, a text's logits being the mean of its concepts' logits.
 *
 * <p>Every array of a step lives in that step's manager and is freed with it; the frozen layers' outputs are kept
 * as Java arrays.
 *
 * <p>The head starts from the {@link HeadStart} the caller fits on the pretrained vectors (Clave's small model fits a
 * converged per-value logistic regression, its strength by cross-validation), so training starts from the frozen
 * model's answer and moves the encoder from there. With {@link Settings#trainableLayers()} below the layer count only the top layers train; the
 * frozen layers run once per concept and their outputs are reused in every epoch, which makes an epoch several
 * times cheaper.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FineTuning {

    private FineTuning() {
    }

    /**
     * Training settings.
     *
     * @param epochs          passes over the examples
     * @param learningRate    AdamW learning rate of the encoder
     * @param headLearningRate AdamW learning rate of the head
     * @param batchTexts      texts per optimiser step
     * @param trainableLayers how many top layers train (the layer count or more: all layers and the embeddings)
     * @param maxTokens       concepts are cut to this many tokens while training
     * @param seed            order of examples
     */
    public record Settings(int epochs, double learningRate, double headLearningRate, int batchTexts, int trainableLayers,
                           int maxTokens, long seed) {

        public Settings {
            if (epochs < 1 || batchTexts < 1 || trainableLayers < 1 || maxTokens < 3) {
                throw new IllegalArgumentException("epochs, batchTexts and trainableLayers must be positive, maxTokens at least 3");
            }
        }

        /** 3 epochs, learning rates 5e-5 (encoder) and 1e-3 (head), 16 texts a step, top 2 layers, 64 tokens. */
        public static Settings defaults() {
            return new Settings(3, 5e-5, 1e-3, 16, 2, 64, 42);
        }

        public Settings withEpochs(int epochs) {
            return new Settings(epochs, learningRate, headLearningRate, batchTexts, trainableLayers, maxTokens, seed);
        }

        public Settings withTrainableLayers(int layers) {
            return new Settings(epochs, learningRate, headLearningRate, batchTexts, layers, maxTokens, seed);
        }

        public Settings withLearningRate(double rate) {
            return new Settings(epochs, rate, headLearningRate, batchTexts, trainableLayers, maxTokens, seed);
        }

        public Settings withSeed(long seed) {
            return new Settings(epochs, learningRate, headLearningRate, batchTexts, trainableLayers, maxTokens, seed);
        }
    }

    /**
     * A linear head over pooled, normalised text vectors: the logits of value {@code v} are
     * {@code weights[v][k]·x + bias[v][k]} for the labels supports, opposes, unrelated.
     *
     * @param weights {@code [values][3][D]}
     * @param bias    {@code [values][3]}
     */
    public record Head(double[][][] weights, double[][] bias) {
    }

    /** Fits the head that training starts from. */
    @FunctionalInterface
    public interface HeadStart {

        /**
         * @param x     per labelled pair the mean of its concepts' pretrained vectors
         * @param value per pair its value index
         * @param label per pair its label's ordinal
         * @param group per pair the index of its text (for a grouped cross-validation)
         * @return a head over {@code values} values
         */
        Head fit(float[][] x, int[] value, int[] label, int[] group);
    }

    /**
     * The fine-tuned encoder and the head trained with it.
     *
     * @param encoder    the fine-tuned encoder (close it when done)
     * @param head       the head over its vectors
     * @param epochLoss  the mean training loss of each epoch
     */
    public record Result(FineTunedEncoder encoder, Head head, List<Double> epochLoss) implements AutoCloseable {
        @Override
        public void close() {
            encoder.close();
        }
    }

    /** One text: its distinct concepts and the (value, label) pairs it is labelled with. */
    private record Unit(int[] concepts, int[] values, int[] labels) {
    }

    /**
     * Fine-tunes the pretrained {@code base} on the examples.
     *
     * @param values  the number of values of the value system
     * @param start   fits the head that training starts from, on the pretrained vectors
     * @param tuning  names the result in its encoder id ({@code base+tuning}), e.g. the calibration it belongs to
     * @param onEpoch receives the mean loss and the epoch number after each epoch
     */
    public static Result train(FineTunedEncoder.Base base, List<FineTuneExample> examples, int values, Settings settings,
                               HeadStart start, String tuning, ObjIntConsumer<Double> onEpoch) {
        notNull(examples, "examples");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("cannot fine-tune on no examples");
        }
        FineTunedEncoder encoder = FineTunedEncoder.pretrained(base);
        try {
            return train(encoder, examples, values, settings, start, tuning, onEpoch);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static Result train(FineTunedEncoder encoder, List<FineTuneExample> examples, int values, Settings settings,
                                HeadStart headStart, String tuning, ObjIntConsumer<Double> onEpoch) {
        Map<String, Integer> conceptIndex = new LinkedHashMap<>();
        Map<List<String>, List<FineTuneExample>> byText = new LinkedHashMap<>();
        for (FineTuneExample example : examples) {
            if (example.value() >= values) {
                throw new IllegalArgumentException("example value index " + example.value() + " is not below " + values);
            }
            byText.computeIfAbsent(example.concepts(), k -> new ArrayList<>()).add(example);
            example.concepts().forEach(c -> conceptIndex.putIfAbsent(c, conceptIndex.size()));
        }
        List<Unit> units = new ArrayList<>();
        byText.forEach((concepts, list) -> units.add(new Unit(concepts.stream().distinct().mapToInt(conceptIndex::get).toArray(),
                list.stream().mapToInt(FineTuneExample::value).toArray(),
                list.stream().mapToInt(e -> e.label().ordinal()).toArray())));
        List<String> conceptTexts = new ArrayList<>(conceptIndex.keySet());
        List<long[]> tokens = new ArrayList<>();
        for (String text : conceptTexts) {
            long[] ids = encoder.tokenize(text);
            if (ids.length > settings.maxTokens()) {
                long[] cut = Arrays.copyOf(ids, settings.maxTokens());
                cut[cut.length - 1] = ids[ids.length - 1];
                ids = cut;
            }
            tokens.add(ids);
        }
        BertEncoderBlock block = encoder.block();
        int layers = block.layers();
        int frozen = settings.trainableLayers() >= layers ? 0 : layers - settings.trainableLayers();
        NDManager root = encoder.model().getNDManager();
        try (NDManager cacheManager = root.newSubManager()) {
            // Frozen layers once per concept; the pretrained vectors for the head's starting point.
            float[][] cached = new float[conceptTexts.size()][];
            float[][] pretrained = new float[conceptTexts.size()][];
            runFrozen(encoder, tokens, frozen, cached, pretrained, cacheManager);

            Head start = initialHead(units, pretrained, headStart);
            if (start.weights().length != values) {
                throw new IllegalArgumentException("the start head scores " + start.weights().length + " values, not " + values);
            }
            int h = pretrained[0].length;
            NDArray headWeight = root.create(toMatrix(start, values, h), new Shape(h, values * 3L));
            NDArray headBias = root.create(toBias(start, values), new Shape(values * 3L));
            headWeight.setRequiresGradient(true);
            headBias.setRequiresGradient(true);
            List<String> trainableNames = block.setTrainable(settings.trainableLayers());

            Optimizer encoderOptimiser = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                    .optWeightDecays(0.01f).build();
            Optimizer headOptimiser = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) settings.headLearningRate()))
                    .optWeightDecays(0.01f).build();
            List<Map.Entry<String, Parameter>> trainable = new ArrayList<>();
            for (String name : trainableNames) {
                trainable.add(Map.entry(name, block.parametersByName().get(name)));
            }
            List<Double> losses = new ArrayList<>();
            Random random = new Random(settings.seed());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                order.add(i);
            }
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                Collections.shuffle(order, random);
                double lossSum = 0;
                int steps = 0;
                for (int from = 0; from < order.size(); from += settings.batchTexts()) {
                    List<Unit> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(order.size(), from + settings.batchTexts()); i++) {
                        batch.add(units.get(order.get(i)));
                    }
                    try (NDManager step = root.newSubManager();
                         GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray loss = batchLoss(encoder, batch, tokens, cached, frozen, headWeight, headBias, values, step);
                        collector.backward(loss);
                        lossSum += loss.getFloat();
                        steps++;
                    }
                    for (Map.Entry<String, Parameter> e : trainable) {
                        update(encoderOptimiser, e.getKey(), e.getValue().getArray());
                    }
                    update(headOptimiser, "head.weight", headWeight);
                    update(headOptimiser, "head.bias", headBias);
                }
                losses.add(lossSum / steps);
                onEpoch.accept(lossSum / steps, epoch);
            }
            block.setTrainable(0);
            Head head = fromArrays(headWeight.toFloatArray(), headBias.toFloatArray(), values, h);
            headWeight.close();
            headBias.close();
            return new Result(FineTunedEncoder.tuned(encoder, tuning), head, List.copyOf(losses));
        }
    }

    private static void update(Optimizer optimiser, String id, NDArray weight) {
        NDArray gradient = weight.getGradient();
        optimiser.update(id, weight, gradient);
        gradient.subi(gradient);
        gradient.close();
    }

    /** Runs the frozen bottom layers once per concept (kept, unpadded), and the pretrained pooled vectors. */
    private static void runFrozen(FineTunedEncoder encoder, List<long[]> tokens, int frozen, float[][] cached,
                                  float[][] pretrained, NDManager cacheManager) {
        BertEncoderBlock block = encoder.block();
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(tokens.get(a).length, tokens.get(b).length));
        int batchSize = 32;
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<long[]> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(tokens.get(order[i]));
            }
            try (NDManager m = cacheManager.newSubManager()) {
                NDList inputs = FineTunedEncoder.batchInputs(m, batch);
                NDArray bias = BertEncoderBlock.maskBias(inputs.get(2));
                NDArray hidden = block.layers(block.embed(inputs.get(0), inputs.get(1)), bias, 0, frozen);
                if (frozen > 0) {
                    float[] all = hidden.toFloatArray();
                    long t = hidden.getShape().get(1);
                    int h = (int) hidden.getShape().get(2);
                    for (int i = 0; i < batch.size(); i++) {
                        int start = (int) (i * t * h);
                        cached[order[from + i]] = Arrays.copyOfRange(all, start, start + batch.get(i).length * h);
                    }
                }
                NDArray top = block.layers(hidden, bias, frozen, block.layers());
                float[] flat = encoder.pool(top, inputs.get(2)).toFloatArray();
                int h = flat.length / batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    pretrained[order[from + i]] = Arrays.copyOfRange(flat, i * h, (i + 1) * h);
                }
            }
        }
    }

    private static NDArray batchLoss(FineTunedEncoder encoder, List<Unit> batch, List<long[]> tokens, float[][] cached,
                                     int frozen, NDArray headWeight, NDArray headBias, int values, NDManager step) {
        BertEncoderBlock block = encoder.block();
        Map<Integer, Integer> local = new LinkedHashMap<>();
        for (Unit unit : batch) {
            for (int c : unit.concepts()) {
                local.putIfAbsent(c, local.size());
            }
        }
        List<Integer> concepts = new ArrayList<>(local.keySet());
        List<long[]> ids = new ArrayList<>();
        concepts.forEach(c -> ids.add(tokens.get(c)));
        NDList inputs = FineTunedEncoder.batchInputs(step, ids);
        NDArray maskBias = BertEncoderBlock.maskBias(inputs.get(2));
        NDArray hidden;
        if (frozen > 0) {
            // The frozen layers' outputs, padded with zeros, in this step's manager (padded keys are masked).
            int t = (int) inputs.get(0).getShape().get(1);
            int h = cached[concepts.get(0)].length / tokens.get(concepts.get(0)).length;
            float[] padded = new float[concepts.size() * t * h];
            for (int i = 0; i < concepts.size(); i++) {
                float[] row = cached[concepts.get(i)];
                System.arraycopy(row, 0, padded, i * t * h, row.length);
            }
            hidden = step.create(padded, new Shape(concepts.size(), t, h));
        } else {
            hidden = block.embed(inputs.get(0), inputs.get(1));
        }
        NDArray top = block.layers(hidden, maskBias, frozen, block.layers());
        NDArray pooled = encoder.pool(top, inputs.get(2));

        int pairs = batch.stream().mapToInt(u -> u.values().length).sum();
        float[] weights = new float[pairs * concepts.size()];
        long[] rows = new long[pairs];
        long[] labels = new long[pairs];
        int p = 0;
        for (Unit unit : batch) {
            for (int j = 0; j < unit.values().length; j++) {
                for (int c : unit.concepts()) {
                    weights[p * concepts.size() + local.get(c)] = 1f / unit.concepts().length;
                }
                rows[p] = (long) p * values + unit.values()[j];
                labels[p] = unit.labels()[j];
                p++;
            }
        }
        NDArray text = step.create(weights, new Shape(pairs, concepts.size())).matMul(pooled);
        NDArray logits = text.matMul(headWeight).add(headBias).reshape((long) pairs * values, 3).get(step.create(rows));
        NDArray picked = logits.logSoftmax(1).gather(step.create(labels, new Shape(pairs, 1)), 1);
        return picked.mean().neg();
    }

    private static Head initialHead(List<Unit> units, float[][] pretrained, HeadStart start) {
        int n = units.stream().mapToInt(u -> u.values().length).sum();
        int d = pretrained[0].length;
        float[][] x = new float[n][d];
        int[] value = new int[n];
        int[] label = new int[n];
        int[] group = new int[n];
        int p = 0;
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            float[] mean = new float[d];
            for (int c : unit.concepts()) {
                for (int k = 0; k < d; k++) {
                    mean[k] += pretrained[c][k] / unit.concepts().length;
                }
            }
            for (int j = 0; j < unit.values().length; j++) {
                x[p] = mean;
                value[p] = unit.values()[j];
                label[p] = unit.labels()[j];
                group[p] = u;
                p++;
            }
        }
        return start.fit(x, value, label, group);
    }

    private static float[] toMatrix(Head head, int values, int h) {
        float[] m = new float[h * values * 3];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < h; j++) {
                    m[j * values * 3 + v * 3 + k] = (float) head.weights()[v][k][j];
                }
            }
        }
        return m;
    }

    private static float[] toBias(Head head, int values) {
        float[] b = new float[values * 3];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                b[v * 3 + k] = (float) head.bias()[v][k];
            }
        }
        return b;
    }

    private static Head fromArrays(float[] weight, float[] bias, int values, int h) {
        double[][][] w = new double[values][3][h];
        double[][] b = new double[values][3];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < h; j++) {
                    w[v][k][j] = weight[j * values * 3 + v * 3 + k];
                }
                b[v][k] = bias[v * 3 + k];
            }
        }
        return new Head(w, b);
    }
}
