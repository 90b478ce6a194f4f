package dev.clave.recognizer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.clave.ClaveException;
import dev.clave.data.Label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The {@link HeadKind#ADAMW} head: a linear layer per value (or one hidden layer shared by all values) over the
 * concept embedding, trained with DJL's AdamW on the PyTorch engine (CPU natives from Maven Central, so DJL finds them
 * without downloading) through the configured {@link Aggregation}, and saved and loaded with DJL
 * ({@code value-head-0000.params}). Immutable after training or loading; {@link #conceptLogits} is thread-safe.
 */
final class AdamWHead implements AutoCloseable {

    /** The DJL engine the head runs on. */
    static final String ENGINE = "PyTorch";
    static final String MODEL_NAME = "value-head";
    /**
     * Concepts go through the head in blocks of exactly this many rows (the last one padded), so a concept's logits
     * do not depend on which other concepts share its batch: evaluating a text alone or in a batch gives identical
     * numbers.
     */
    private static final int CHUNK = 64;

    private final Model model;
    private final Block block;
    private final int values;
    private final int dimension;
    private final HeadConfig config;

    private AdamWHead(Model model, int values, int dimension, HeadConfig config) {
        this.model = model;
        this.block = model.getBlock();
        this.values = values;
        this.dimension = dimension;
        this.config = config;
        block.freezeParameters(true);
    }

    /**
     * Trains a head.
     *
     * @param set       concept embeddings and labelled pairs
     * @param values    the number of values in the value system
     * @param dimension the embedding dimension
     * @param config    architecture and training settings
     * @param seed      seeds initialisation and batch order: the same inputs and seed give the same head
     * @param onEpoch   called after each epoch with the number of epochs done
     */
    static AdamWHead train(TrainingSet set, int values, int dimension, HeadConfig config, long seed,
                           IntConsumer onEpoch) {
        notNull(set, "set");
        if (set.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty calibration set");
        }
        synchronized (TRAINING) {
            return trainAlone(set, values, dimension, config, seed, onEpoch);
        }
    }

    private static AdamWHead trainAlone(TrainingSet set, int values, int dimension, HeadConfig config, long seed,
                                        IntConsumer onEpoch) {
        Model model = Model.newInstance(MODEL_NAME, ENGINE);
        try {
            Engine.getEngine(ENGINE).setRandomSeed((int) seed);
            Block block = newBlock(values, config);
            if (config.hiddenSize() == 0) {
                block.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
            } else {
                block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            }
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, dimension));
            model.setBlock(block);
            fit(model.getNDManager(), block, set, values, dimension, config, seed, onEpoch);
            return new AdamWHead(model, values, dimension, config);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads a head saved by {@link #save(Path)}; the arguments must be those it was trained with. */
    static AdamWHead load(Path directory, int values, int dimension, HeadConfig config) {
        Model model = Model.newInstance(MODEL_NAME, ENGINE);
        try {
            Block block = newBlock(values, config);
            model.setBlock(block);
            model.load(directory, MODEL_NAME);
            return new AdamWHead(model, values, dimension, config);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new ClaveException("Cannot load the value head from " + directory + ": " + e.getMessage()
                    + ". Calibrate again to rebuild the artifact.", e);
        }
    }

    /** Saves the head's parameters into a directory (DJL's {@code .params} format). */
    void save(Path directory) {
        try {
            Files.createDirectories(directory);
            model.setProperty("Epoch", "0");
            model.save(directory, MODEL_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the value head to " + directory, e);
        }
    }

    /**
     * Concept-level logits: for each embedding a row of {@code values * 3} logits, value by value in the order
     * supports, opposes, unrelated. Concepts go through the head in blocks of {@link #CHUNK} rows.
     */
    float[][] conceptLogits(float[][] embeddings) {
        float[][] out = new float[embeddings.length][];
        for (int from = 0; from < embeddings.length; from += CHUNK) {
            int to = Math.min(embeddings.length, from + CHUNK);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                float[] padded = new float[CHUNK * dimension];
                float[] rows = flatten(embeddings, from, to, dimension);
                System.arraycopy(rows, 0, padded, 0, rows.length);
                NDArray x = manager.create(padded, new Shape(CHUNK, dimension));
                NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
                float[] flat = logits.toFloatArray();
                int width = values * 3;
                for (int i = 0; i < to - from; i++) {
                    float[] row = new float[width];
                    System.arraycopy(flat, i * width, row, 0, width);
                    out[from + i] = row;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }

    private static Block newBlock(int values, HeadConfig config) {
        Linear out = Linear.builder().setUnits(values * 3L).build();
        if (config.hiddenSize() == 0) {
            return out;
        }
        return new SequentialBlock()
                .add(Linear.builder().setUnits(config.hiddenSize()).build())
                .add(Activation::relu)
                .add(out);
    }

    /**
     * DJL's PyTorch engine lets one gradient collector collect at a time in a JVM ("A PtGradientCollector is already
     * collecting") and its random seed is global, so trainings (two evaluators of parallel test classes, fine-tuning)
     * run one after the other: they wait for each other's training (seconds), never for each other's encoding.
     */
    static final Object TRAINING = new Object();

    private static void fit(NDManager parent, Block block, TrainingSet set, int values, int dimension, HeadConfig config,
                            long seed, IntConsumer onEpoch) {
        double[][] classWeights = classWeights(set, values, config.classWeightPower());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                .optWeightDecays((float) config.weightDecay())
                .build();
        try (NDManager manager = parent.newSubManager()) {
            List<Batch> batches = new ArrayList<>();
            for (int from = 0; from < order.size(); from += config.batchPairs()) {
                batches.add(Batch.of(set, order.subList(from, Math.min(order.size(), from + config.batchPairs())),
                        values, dimension, classWeights, pooledInput(config)));
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                for (Batch batch : batches) {
                    try (NDManager step = manager.newSubManager();
                         GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
                        Batch.Arrays arrays = batch.arrays(step);
                        NDArray logits = block.forward(store, new NDList(arrays.x()), true).singletonOrThrow();
                        collector.backward(arrays.loss(logits, values, config.aggregation()));
                        for (Pair<String, Parameter> parameter : block.getParameters()) {
                            NDArray weight = parameter.getValue().getArray();
                            try (NDArray gradient = weight.getGradient()) {
                                optimizer.update(parameter.getKey(), weight, gradient);
                                gradient.subi(gradient);
                            }
                        }
                    }
                }
                onEpoch.accept(epoch);
            }
        }
    }

    /**
     * A linear head under the mean-logit rule gives a text the logits of its mean concept (the mean of linear
     * functions is the function of the mean), so training can feed one pooled vector per pair instead of every
     * concept: the same model, several times faster.
     */
    private static boolean pooledInput(HeadConfig config) {
        return config.hiddenSize() == 0 && config.aggregation() == Aggregation.MEAN_LOGIT;
    }

    private static double[][] classWeights(TrainingSet set, int values, double power) {
        double[][] weights = new double[values][3];
        long[][] counts = new long[values][3];
        for (int p = 0; p < set.size(); p++) {
            counts[set.pairValue()[p]][set.pairLabel()[p].ordinal()]++;
        }
        for (int v = 0; v < values; v++) {
            long n = 0;
            int present = 0;
            for (long c : counts[v]) {
                n += c;
                present += c > 0 ? 1 : 0;
            }
            for (int k = 0; k < 3; k++) {
                weights[v][k] = counts[v][k] == 0 || power == 0 ? 1.0
                        : Math.pow((double) n / (present * (double) counts[v][k]), power);
            }
        }
        return weights;
    }

    private static float[] flatten(float[][] rows, int from, int to, int dimension) {
        float[] flat = new float[(to - from) * dimension];
        for (int i = from; i < to; i++) {
            if (rows[i].length != dimension) {
                throw new IllegalArgumentException("embedding " + i + " has " + rows[i].length
                        + " dimensions, but the head reads " + dimension);
            }
            System.arraycopy(rows[i], 0, flat, (i - from) * dimension, dimension);
        }
        return flat;
    }

    /** The data of one optimiser step, gathered once; turned into NDArrays in each step's manager. */
    private record Batch(int size, int conceptCount, int dimension, float[] x, float[] weights, long[] rows,
                         long[] labels, float[] sampleWeights) {

        static Batch of(TrainingSet set, List<Integer> pairs, int values, int dimension, double[][] classWeights,
                        boolean pooled) {
            if (pooled) {
                return pooledOf(set, pairs, values, dimension, classWeights);
            }
            Map<Integer, Integer> local = new HashMap<>();
            List<Integer> conceptIds = new ArrayList<>();
            for (int p : pairs) {
                for (int c : set.pairConcepts()[p]) {
                    if (local.putIfAbsent(c, conceptIds.size()) == null) {
                        conceptIds.add(c);
                    }
                }
            }
            int b = pairs.size();
            int cb = conceptIds.size();
            float[] xs = new float[cb * dimension];
            for (int i = 0; i < cb; i++) {
                System.arraycopy(set.concepts()[conceptIds.get(i)], 0, xs, i * dimension, dimension);
            }
            float[] w = new float[b * cb];
            for (int i = 0; i < b; i++) {
                int p = pairs.get(i);
                int[] concepts = set.pairConcepts()[p];
                for (int j = 0; j < concepts.length; j++) {
                    w[i * cb + local.get(concepts[j])] += (float) set.pairWeights()[p][j];
                }
            }
            Targets t = Targets.of(set, pairs, values, classWeights);
            return new Batch(b, cb, dimension, xs, w, t.rows(), t.labels(), t.sampleWeights());
        }

        /** One row per pair: the weighted mean of its concepts; the pair-to-row weights are the identity. */
        static Batch pooledOf(TrainingSet set, List<Integer> pairs, int values, int dimension, double[][] classWeights) {
            int b = pairs.size();
            float[] xs = new float[b * dimension];
            for (int i = 0; i < b; i++) {
                int p = pairs.get(i);
                int[] concepts = set.pairConcepts()[p];
                for (int j = 0; j < concepts.length; j++) {
                    float[] e = set.concepts()[concepts[j]];
                    double w = set.pairWeights()[p][j];
                    for (int d = 0; d < dimension; d++) {
                        xs[i * dimension + d] += (float) (w * e[d]);
                    }
                }
            }
            Targets t = Targets.of(set, pairs, values, classWeights);
            return new Batch(b, b, dimension, xs, null, t.rows(), t.labels(), t.sampleWeights());
        }

        /** Per pair: its row among the batch's (pair, value) logits, its label and its class weight. */
        private record Targets(long[] rows, long[] labels, float[] sampleWeights) {

            static Targets of(TrainingSet set, List<Integer> pairs, int values, double[][] classWeights) {
                int b = pairs.size();
                long[] rows = new long[b];
                long[] labels = new long[b];
                float[] sampleWeights = new float[b];
                for (int i = 0; i < b; i++) {
                    int p = pairs.get(i);
                    Label label = set.pairLabel()[p];
                    rows[i] = (long) i * values + set.pairValue()[p];
                    labels[i] = label.ordinal();
                    sampleWeights[i] = (float) classWeights[set.pairValue()[p]][label.ordinal()];
                }
                return new Targets(rows, labels, sampleWeights);
            }
        }

        Arrays arrays(NDManager manager) {
            return new Arrays(manager.create(x, new Shape(conceptCount, dimension)),
                    weights == null ? null : manager.create(weights, new Shape(size, conceptCount)), manager.create(rows),
                    manager.create(labels, new Shape(size, 1)), manager.create(sampleWeights));
        }

        record Arrays(NDArray x, NDArray weights, NDArray rows, NDArray labels, NDArray sampleWeights) {

            /** Weighted negative log-likelihood of the human labels under the aggregation rule. */
            NDArray loss(NDArray conceptLogits, int values, Aggregation aggregation) {
                long b = rows.getShape().get(0);
                NDArray logProbabilities;
                if (weights == null) {
                    logProbabilities = conceptLogits.reshape(b * values, 3).get(rows).logSoftmax(1);
                } else if (aggregation == Aggregation.MEAN_LOGIT) {
                    logProbabilities = weights.matMul(conceptLogits).reshape(b * values, 3).get(rows).logSoftmax(1);
                } else {
                    long c = conceptLogits.getShape().get(0);
                    NDArray probabilities = conceptLogits.reshape(c, values, 3).softmax(2).reshape(c, values * 3L);
                    logProbabilities = weights.matMul(probabilities).reshape(b * values, 3).get(rows).add(1e-9f).log();
                }
                NDArray picked = logProbabilities.gather(labels, 1).reshape(b);
                return picked.mul(sampleWeights).sum().div(sampleWeights.sum()).neg();
            }
        }
    }
}
