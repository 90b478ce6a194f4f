package dev.clave.recognizer;

import dev.clave.data.Label;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ValueRecognizerConcurrencyTest {

    private static final int VALUES = 2;
    private static final int DIMENSION = 8;

    @ParameterizedTest
    @ValueSource(strings = {"adamw", "logistic"})
    void heads_trained_in_parallel_threads_equal_heads_trained_one_after_another(String kind) throws Exception {
        List<TrainingSet> sets = List.of(trainingSet(1), trainingSet(2), trainingSet(3), trainingSet(4));
        HeadConfig config = kind.equals("adamw") ? HeadConfig.adamw().withEpochs(20) : HeadConfig.logistic();
        List<float[][]> sequential = new ArrayList<>();
        for (TrainingSet set : sets) {
            sequential.add(logitsOf(set, config));
        }

        ExecutorService pool = Executors.newFixedThreadPool(sets.size());
        try {
            List<Future<float[][]>> parallel = new ArrayList<>();
            for (TrainingSet set : sets) {
                Callable<float[][]> training = () -> logitsOf(set, config);
                parallel.add(pool.submit(training));
            }
            for (int i = 0; i < sets.size(); i++) {
                assertThat(parallel.get(i).get()).as("head %d", i).isDeepEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[][] logitsOf(TrainingSet set, HeadConfig config) {
        try (ValueRecognizer head = ValueRecognizer.train(set, VALUES, DIMENSION, config, 7, epoch -> { })) {
            return head.conceptLogits(set.concepts());
        }
    }

    /** Forty single-concept texts whose label for each value follows the sign of one embedding coordinate. */
    private static TrainingSet trainingSet(long seed) {
        Random random = new Random(seed);
        int texts = 40;
        float[][] concepts = new float[texts][DIMENSION];
        int[] pairValue = new int[texts * VALUES];
        Label[] pairLabel = new Label[texts * VALUES];
        int[][] pairConcepts = new int[texts * VALUES][];
        double[][] pairWeights = new double[texts * VALUES][];
        int[] pairGroup = new int[texts * VALUES];
        for (int t = 0; t < texts; t++) {
            for (int d = 0; d < DIMENSION; d++) {
                concepts[t][d] = (float) random.nextGaussian();
            }
            for (int v = 0; v < VALUES; v++) {
                int p = t * VALUES + v;
                pairValue[p] = v;
                float x = concepts[t][v];
                pairLabel[p] = x > 0.5f ? Label.SUPPORTS : x < -0.5f ? Label.OPPOSES : Label.UNRELATED;
                pairConcepts[p] = new int[] {t};
                pairWeights[p] = new double[] {1.0};
                pairGroup[p] = t;
            }
        }
        return new TrainingSet(concepts, pairValue, pairLabel, pairConcepts, pairWeights, pairGroup);
    }
}
