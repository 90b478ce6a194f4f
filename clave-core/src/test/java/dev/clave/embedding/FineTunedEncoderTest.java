package dev.clave.embedding;

import dev.clave.data.Label;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.LogisticHead;
import dev.clave.recognizer.LogisticHeadTrainer;
import dev.clave.recognizer.PairData;
import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTunedEncoderTest {

    private static final List<String> ENGLISH = List.of(
            "I will always help my neighbours when they are in need.",
            "Respect the law.",
            "Winning the championship matters more to me than anything else, even if others get hurt along the way.",
            "ok");
    private static final List<String> CHINESE = List.of("我总是帮助有需要的邻居。", "遵守法律很重要。", "安全第一");

    @ParameterizedTest
    @CsvSource({"ALL_MINILM_L6_V2, ALL_MINILM_L6_V2, en", "BGE_SMALL_EN_V15, BGE_SMALL_EN_V15, en",
            "BGE_SMALL_ZH_V15, BGE_SMALL_ZH_V15, zh"})
    void the_pretrained_model_reproduces_the_langchain4j_vectors(FineTunedEncoder.Base base, Encoder frozen, String language) {
        List<String> texts = language.equals("zh") ? CHINESE : ENGLISH;
        try (FineTunedEncoder encoder = FineTunedEncoder.pretrained(base)) {
            float[][] ours = encoder.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] theirs = frozen.model().embed(TextSegment.from(texts.get(i))).content().vector();
                assertThat(cosine(ours[i], theirs)).as(texts.get(i)).isGreaterThan(0.9999);
            }
        }
    }

    @Test
    void a_vector_does_not_depend_on_the_other_texts_of_its_batch() {
        try (FineTunedEncoder encoder = FineTunedEncoder.pretrained(FineTunedEncoder.Base.ALL_MINILM_L6_V2)) {
            float[] alone = encoder.embed(List.of(ENGLISH.get(1)))[0];
            float[] inBatch = encoder.embed(ENGLISH)[1];
            assertThat(cosine(alone, inBatch)).isGreaterThan(0.99999);
        }
    }

    @Test
    void fine_tuning_learns_the_labels_and_the_weights_survive_save_and_load(@TempDir Path dir) {
        List<FineTuneExample> examples = new ArrayList<>();
        String[] kind = {"I gladly help my neighbour carry the shopping.", "We volunteer at the food bank every week.",
                "She comforted the crying child.", "He shared his lunch with a hungry stranger."};
        String[] cruel = {"I laughed while the old man fell.", "He kicked the stray dog for fun.",
                "They stole the charity's donations.", "She mocked the boy until he cried."};
        String[] neutral = {"The train leaves at nine.", "Paint the fence blue.", "The report has four pages.",
                "Water boils at one hundred degrees."};
        for (String s : kind) {
            examples.add(new FineTuneExample(List.of(s), 0, Label.SUPPORTS));
        }
        for (String s : cruel) {
            examples.add(new FineTuneExample(List.of(s), 0, Label.OPPOSES));
        }
        for (String s : neutral) {
            examples.add(new FineTuneExample(List.of(s), 0, Label.UNRELATED));
        }
        FineTuning.Settings settings = FineTuning.Settings.defaults().withEpochs(4).withTrainableLayers(2).withLearningRate(1e-4);
        List<String> texts = examples.stream().map(e -> e.concepts().get(0)).toList();
        try (FineTunedEncoder pretrained = FineTunedEncoder.pretrained(FineTunedEncoder.Base.ALL_MINILM_L6_V2);
             FineTuning.Result result = FineTuning.train(FineTunedEncoder.Base.ALL_MINILM_L6_V2, examples, 1, settings,
                     (x, value, label, group) -> {
                         LogisticHead start = LogisticHeadTrainer.perValue().fit(
                                 new PairData(x, new double[x.length], value, label, group, 1));
                         return new FineTuning.Head(start.weights(), start.bias());
                     }, "tuned-test", (loss, epoch) -> { })) {
            assertThat(result.epochLoss()).hasSize(4);
            assertThat(result.epochLoss().get(3)).isLessThan(result.epochLoss().get(0));

            float[][] tuned = result.encoder().embed(texts);
            float[][] before = pretrained.embed(texts);
            assertThat(cosine(tuned[0], before[0])).isLessThan(0.99999);
            int[] labels = examples.stream().mapToInt(e -> e.label().ordinal()).toArray();
            LogisticHead head = new LogisticHead(HeadKind.LOGISTIC, 1e-3, result.head().weights(), result.head().bias(),
                    new double[3], null);
            double[][] p = head.probabilities(new PairData(tuned, new double[12], new int[12], labels, new int[12], 1));
            for (int i = 0; i < p.length; i++) {
                assertThat(argmax(p[i])).as(texts.get(i)).isEqualTo(labels[i]);
            }

            result.encoder().save(dir);
            assertThat(Files.exists(dir.resolve("fine-tuned-encoder-0000.params"))).isTrue();
            try (FineTunedEncoder loaded = FineTunedEncoder.load(dir)) {
                assertThat(loaded.id()).isEqualTo(result.encoder().id()).isEqualTo("all-minilm-l6-v2+tuned-test");
                float[][] again = loaded.embed(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(again[i]).containsExactly(tuned[i]);
                }
            }
        }
    }

    @Test
    void loading_a_directory_without_an_encoder_says_to_calibrate_again(@TempDir Path dir) {
        assertThatThrownBy(() -> FineTunedEncoder.load(dir))
                .hasMessageContaining("fine-tuned-encoder.json").hasMessageContaining("Calibrate again");
    }

    @Test
    void an_unknown_base_lists_the_valid_ones() {
        assertThatThrownBy(() -> FineTunedEncoder.Base.fromId("bert-large"))
                .hasMessageContaining("all-minilm-l6-v2").hasMessageContaining("bge-small-en-v15");
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

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
