package dev.clave.recognizer;

import dev.clave.ClaveException;
import dev.clave.concept.Concept;
import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.HashEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueRecognizerTest {

    static final List<String> VALUES = List.of("care", "order");
    static final String[][] WORDS = {{"kind", "help", "gentle", "comfort"}, {"cruel", "hurt", "mock", "harm"},
            {"train", "paint", "water", "table"}};

    /** A text per pair of words; its label for "care" follows its words, "order" is mostly unrelated (opposes is rare). */
    record Data(List<TextInput> texts, List<List<Concept>> concepts, TrainingSet set, ConceptEmbedder embedder) {
    }

    static Data data(int perLabel, long seed) {
        Random random = new Random(seed);
        ConceptEmbedder embedder = new ConceptEmbedder("hash", new HashEmbeddingModel(16), 10_000);
        List<TextInput> texts = new ArrayList<>();
        List<List<Concept>> concepts = new ArrayList<>();
        List<String> conceptTexts = new ArrayList<>();
        List<int[]> pairConcepts = new ArrayList<>();
        List<Integer> pairValue = new ArrayList<>();
        List<Label> pairLabel = new ArrayList<>();
        List<Integer> pairGroup = new ArrayList<>();
        for (int label = 0; label < 3; label++) {
            for (int i = 0; i < perLabel; i++) {
                String[] words = WORDS[label];
                String concept = words[random.nextInt(4)] + " " + words[random.nextInt(4)] + " " + WORDS[2][random.nextInt(4)];
                int t = texts.size();
                texts.add(new TextInput(concept + "."));
                concepts.add(List.of(new Concept(concept)));
                conceptTexts.add(concept);
                pairConcepts.add(new int[] {t});
                pairValue.add(0);
                pairLabel.add(Label.values()[label]);
                pairGroup.add(t);
                pairConcepts.add(new int[] {t});
                pairValue.add(1);
                pairLabel.add(label == 1 && i % 4 == 0 ? Label.OPPOSES : Label.UNRELATED);
                pairGroup.add(t);
            }
        }
        int n = pairValue.size();
        double[][] weights = new double[n][];
        for (int p = 0; p < n; p++) {
            weights[p] = new double[] {1.0};
        }
        TrainingSet set = new TrainingSet(embedder.embed(conceptTexts), pairValue.stream().mapToInt(Integer::intValue).toArray(),
                pairLabel.toArray(new Label[0]), pairConcepts.toArray(new int[0][]), weights,
                pairGroup.stream().mapToInt(Integer::intValue).toArray());
        return new Data(texts, concepts, set, embedder);
    }

    @Test
    void a_converged_head_is_saved_as_json_and_scores_the_same_after_loading(@TempDir Path dir) throws Exception {
        Data data = data(12, 1);
        HeadConfig config = HeadConfig.logistic();
        try (ValueRecognizer trained = ValueRecognizer.train(data.set(), 2, 16, config, 7, e -> { })) {
            assertThat(trained.strength()).isIn(config.strengths().toArray());
            trained.save(dir);
            assertThat(dir.resolve(ValueRecognizer.HEAD_FILE)).isRegularFile();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(ValueRecognizer.HEAD_FILE);
            }
            try (ValueRecognizer loaded = ValueRecognizer.load(dir, 2, 16, config)) {
                List<TextScore> before = trained.score(data.texts(), data.concepts(), VALUES, data.embedder());
                List<TextScore> after = loaded.score(data.texts(), data.concepts(), VALUES, data.embedder());
                for (int t = 0; t < before.size(); t++) {
                    for (int v = 0; v < 2; v++) {
                        assertThat(after.get(t).values().get(v).probabilities())
                                .containsExactly(before.get(t).values().get(v).probabilities());
                    }
                }
                long right = 0;
                for (int t = 0; t < before.size(); t++) {
                    right += before.get(t).values().get(0).label() == data.set().pairLabel()[2 * t] ? 1 : 0;
                }
                assertThat(right).as("words decide the care label").isGreaterThan(before.size() * 8 / 10);
            }
        }
    }

    @Test
    void macro_f1_offsets_move_the_decision_and_nothing_else() {
        Data data = data(12, 2);
        try (ValueRecognizer plain = ValueRecognizer.train(data.set(), 2, 16, HeadConfig.logistic(), 3, e -> { });
             ValueRecognizer tuned = ValueRecognizer.train(data.set(), 2, 16,
                     HeadConfig.logistic().withDecision(DecisionRule.MACRO_F1), 3, e -> { })) {
            assertThat(tuned.strength()).isEqualTo(plain.strength());
            assertThat(plain.offsets()).isDeepEqualTo(new double[2][3]);
            DecisionOffsets offsets = new DecisionOffsets(tuned.offsets());
            List<TextScore> raw = plain.score(data.texts(), data.concepts(), VALUES, data.embedder());
            List<TextScore> decided = tuned.score(data.texts(), data.concepts(), VALUES, data.embedder());
            for (int t = 0; t < raw.size(); t++) {
                for (int v = 0; v < 2; v++) {
                    assertThat(decided.get(t).values().get(v).label())
                            .isEqualTo(offsets.decide(raw.get(t).values().get(v).probabilities(), v));
                }
            }
        }
    }

    @Test
    void the_shared_head_reads_the_definitions_and_refuses_to_train_without_them() {
        Data data = data(8, 3);
        HeadConfig shared = HeadConfig.logistic().withKind(HeadKind.SHARED);
        assertThat(shared.strengths()).isEqualTo(HeadConfig.SHARED_STRENGTHS);
        assertThatThrownBy(() -> ValueRecognizer.train(data.set(), 2, 16, shared, 1, e -> { }))
                .hasMessageContaining("definition embedding");
        float[][] definitions = data.embedder().embed(List.of("kind help gentle comfort", "order rules duty"));
        try (ValueRecognizer recognizer = ValueRecognizer.train(data.set(), 2, 16, shared, 1, definitions, e -> { })) {
            assertThat(recognizer.blockPenalty()).isPositive();
            assertThat(recognizer.score(data.texts().subList(0, 1), data.concepts().subList(0, 1), VALUES, data.embedder()))
                    .hasSize(1);
        }
    }

    @Test
    void a_head_file_of_another_shape_is_refused(@TempDir Path dir) throws Exception {
        Data data = data(6, 4);
        try (ValueRecognizer trained = ValueRecognizer.train(data.set(), 2, 16, HeadConfig.logistic(), 1, e -> { })) {
            trained.save(dir);
        }
        assertThatThrownBy(() -> ValueRecognizer.load(dir, 3, 16, HeadConfig.logistic()))
                .isInstanceOf(ClaveException.class).hasMessageContaining("scores 2 values, not 3");
        assertThatThrownBy(() -> ValueRecognizer.load(dir, 2, 8, HeadConfig.logistic()))
                .isInstanceOf(ClaveException.class).hasMessageContaining("another dimension than 8");
        Files.writeString(dir.resolve(ValueRecognizer.HEAD_FILE), "{\"head\": 42}");
        assertThatThrownBy(() -> ValueRecognizer.load(dir, 2, 16, HeadConfig.logistic()))
                .isInstanceOf(ClaveException.class).hasMessageContaining(ValueRecognizer.HEAD_FILE);
    }

    @Test
    void a_converged_head_refuses_the_settings_of_the_adamw_head_with_the_fix() {
        assertThatThrownBy(() -> HeadConfig.logistic().withHiddenSize(64)).hasMessageContaining("needs --head adamw");
        assertThatThrownBy(() -> HeadConfig.logistic().withAggregation(Aggregation.MEAN_PROBABILITY))
                .hasMessageContaining("needs --head adamw");
        assertThatThrownBy(() -> HeadConfig.logistic().withClassWeightPower(0.5)).hasMessageContaining("--decision macro-f1");
        assertThatThrownBy(() -> HeadConfig.adamw().withDecision(DecisionRule.MACRO_F1))
                .hasMessageContaining("--head logistic or shared");
        assertThatThrownBy(() -> HeadConfig.adamw().withFineTuneEpochs(2)).hasMessageContaining("--head logistic or shared");
        assertThatThrownBy(() -> HeadConfig.adamw().withSelection(SelectionCriterion.LOG_LOSS))
                .hasMessageContaining("--head logistic or shared");
        assertThatThrownBy(() -> HeadConfig.logistic().withStrengths(List.of(0.0))).hasMessageContaining("positive");
        assertThat(HeadConfig.adamw().withHiddenSize(64).hiddenSize()).isEqualTo(64);
        assertThatThrownBy(() -> HeadKind.fromWire("lasso")).hasMessageContaining("logistic, shared, adamw");
    }
}
