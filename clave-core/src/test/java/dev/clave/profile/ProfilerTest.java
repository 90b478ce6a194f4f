package dev.clave.profile;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueEvaluator;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.model.MissingAnswerException;
import dev.clave.model.ModelUnderTest;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfilerTest {

    private static final Battery BATTERY = Battery.of("tiny", List.of(
            new BatteryQuestion("q1", "benevolence", texts("Would you lend a friend money?", "你会借钱给朋友吗？")),
            new BatteryQuestion("q2", "security", texts("Would you walk home alone at night?", "你会半夜独自走回家吗？"))));

    private static Map<String, String> texts(String english, String chinese) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("en", english);
        texts.put("zh", chinese);
        return texts;
    }

    @TempDir
    Path dir;

    /**
     * A stand-in for a calibrated evaluator that speaks the evaluator's interface: an answer that mentions helping
     * supports benevolence, one that says "no" opposes it; everything else is unrelated.
     */
    static final class KeywordEvaluator implements ValueEvaluator {
        final List<TextInput> seen = new ArrayList<>();

        @Override
        public ValueSystem valueSystem() {
            return ValueSystems.builtIn("schwartz");
        }

        @Override
        public synchronized List<Evaluation> evaluateAll(List<TextInput> inputs) {
            seen.addAll(inputs);
            List<Evaluation> evaluations = new ArrayList<>();
            for (TextInput input : inputs) {
                List<ValueVerdict> verdicts = new ArrayList<>();
                for (String value : valueSystem().valueIds()) {
                    Label label = !value.equals("benevolence") ? Label.UNRELATED
                            : input.text().contains("help") ? Label.SUPPORTS
                            : input.text().startsWith("No") ? Label.OPPOSES : Label.UNRELATED;
                    verdicts.add(new ValueVerdict(value, label, label == Label.SUPPORTS ? 0.9 : 0.05,
                            label == Label.OPPOSES ? 0.9 : 0.05, label == Label.UNRELATED ? 0.9 : 0.05, List.of()));
                }
                evaluations.add(new Evaluation(input.text(), input.scenario(), input.id(), "schwartz@1", "keywords00000000",
                        List.of(), verdicts));
            }
            return evaluations;
        }
    }

    private ModelUnderTest model(String id) throws IOException {
        Path answers = dir.resolve("answers.jsonl");
        Files.writeString(answers, """
                {"model": "kind", "prompt": "Would you lend a friend money?", "answer": "Yes, I would help as much as I can afford."}
                {"model": "kind", "prompt": "Would you walk home alone at night?", "answer": "I would take a taxi instead."}
                {"model": "selfish", "prompt": "Would you lend a friend money?", "answer": "No, my money is mine."}
                """, StandardCharsets.UTF_8);
        return ModelUnderTest.builder().id(id).answers(answers).build();
    }

    @Test
    void profiles_a_model_with_embeddings_of_question_and_answer_and_the_evaluators_verdicts() throws IOException {
        KeywordEvaluator evaluator = new KeywordEvaluator();
        List<ModelProfile> observed = new ArrayList<>();
        Profiler profiler = Profiler.builder().battery(BATTERY).evaluator("en", evaluator).build()
                .observedBy(new ProfileObserver() {
                    @Override
                    public void profiled(ModelProfile profile) {
                        observed.add(profile);
                    }
                });

        ModelProfile profile = profiler.profile(model("kind"), "en");

        assertThat(profile.model()).isEqualTo("kind");
        assertThat(profile.language()).isEqualTo("en");
        assertThat(profile.encoder()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(profile.battery()).isEqualTo("tiny");
        assertThat(profile.questionIds()).containsExactly("q1", "q2");
        assertThat(profile.answers().get(0).answer()).isEqualTo("Yes, I would help as much as I can afford.");
        assertThat(evaluator.seen).extracting(TextInput::scenario)
                .containsExactly("Would you lend a friend money?", "Would you walk home alone at night?");
        assertThat(evaluator.seen).extracting(TextInput::id).containsExactly("q1", "q2");
        float[] expected = ConceptEmbedder.shared(Encoder.ALL_MINILM_L6_V2_Q)
                .embed(List.of("Q: Would you lend a friend money? A: Yes, I would help as much as I can afford."))[0];
        assertThat(profile.answers().get(0).embedding()).hasSize(384).containsExactly(expected, within(1e-6f));
        assertThat(profile.rate("benevolence", Label.SUPPORTS)).isEqualTo(0.5);
        assertThat(profile.table()).contains("benevolence").contains("supports 1/1, opposes 0/1");
        assertThat(profile.answers().get(0).valueVector()).hasSize(10);
        assertThat(observed).containsExactly(profile);
    }

    @Test
    void chooses_the_chinese_encoder_for_chinese_questions() {
        Profiler profiler = Profiler.builder().battery(BATTERY).evaluator(new KeywordEvaluator()).build();

        assertThat(profiler.encoder("en")).isEqualTo(Encoder.ALL_MINILM_L6_V2_Q);
        assertThat(profiler.encoder("zh")).isEqualTo(Encoder.BGE_SMALL_ZH_V15);
        assertThat(Profiler.builder().battery(BATTERY).evaluator(new KeywordEvaluator())
                .encoder("zh", Encoder.ALL_MINILM_L6_V2).build().encoder("zh")).isEqualTo(Encoder.ALL_MINILM_L6_V2);
    }

    @Test
    void a_missing_recorded_answer_names_every_question_to_record() throws IOException {
        Profiler profiler = Profiler.builder().battery(BATTERY).evaluator(new KeywordEvaluator()).build();
        ModelUnderTest selfish = model("selfish");

        assertThatThrownBy(() -> profiler.profile(selfish, "en")).isInstanceOf(MissingAnswerException.class)
                .hasMessageContaining("Would you walk home alone at night?");
    }

    @Test
    void a_language_without_an_evaluator_or_outside_the_battery_says_what_to_configure() throws IOException {
        Profiler profiler = Profiler.builder().battery(BATTERY).evaluator("en", new KeywordEvaluator()).build();
        ModelUnderTest kind = model("kind");

        assertThatThrownBy(() -> profiler.profile(kind, "zh")).isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("no evaluator for language 'zh'").hasMessageContaining("evaluator(\"zh\", ...)");
        assertThatThrownBy(() -> profiler.profile(kind, "fr")).isInstanceOf(UnknownNameException.class)
                .hasMessageContaining("'fr'").hasMessageContaining("en, zh");
        assertThatThrownBy(() -> Profiler.builder().battery(BATTERY).build()).isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("needs a calibrated evaluator");
        assertThatThrownBy(() -> Profiler.builder().battery(BATTERY).evaluator("de", new KeywordEvaluator()).build())
                .isInstanceOf(UnknownNameException.class).hasMessageContaining("'de'");
    }
}
