package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.calibration.CalibratedModel;
import dev.clave.calibration.Calibrator;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.TextInput;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.llm.FakeChatServer.Reply;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calibration through the large model: the artifact records which model made its concepts. */
class LlmCalibrationTest {

    private static final ValueSystem MINI = new ValueSystem("mini", "Mini", "1", "Two values.", List.of(
            new Value("kindness", "Kindness", "Caring for others and helping them."),
            new Value("honesty", "Honesty", "Telling the truth and admitting mistakes.")));
    private static final Pattern TEXT = Pattern.compile("<<<TEXT [0-9a-f]+>>>\\n(.*)\\n<<<END TEXT", Pattern.DOTALL);

    private final FakeChatServer server = FakeChatServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** A model that turns each text into one concept: the text itself, lower case, naming both values. */
    private static Reply conceptOfText(FakeChatServer.Recorded request) {
        Matcher m = TEXT.matcher(request.lastUserMessage());
        String text = m.find() ? m.group(1).toLowerCase().replace("\"", "'") : "nothing";
        return Reply.content(TestSupport.concepts(text, "kindness", "honesty"));
    }

    private static List<LabelledSample> samples() {
        String[][] rows = {
                {"I helped my neighbour carry her shopping.", "kindness", "supports"},
                {"I laughed when he fell and walked away.", "kindness", "opposes"},
                {"The train leaves at nine.", "kindness", "unrelated"},
                {"She comforted the crying child.", "kindness", "supports"},
                {"He mocked the new student all day.", "kindness", "opposes"},
                {"The shop sells bread.", "kindness", "unrelated"},
                {"I told my boss I made the mistake.", "honesty", "supports"},
                {"He lied about the broken vase.", "honesty", "opposes"},
                {"It rained on Tuesday.", "honesty", "unrelated"},
                {"She admitted she had not read the book.", "honesty", "supports"},
                {"They faked the test results.", "honesty", "opposes"},
                {"The cat sleeps on the sofa.", "honesty", "unrelated"}};
        List<LabelledSample> samples = new ArrayList<>();
        for (String[] row : rows) {
            samples.add(new LabelledSample(row[0], row[1], Label.fromWire(row[2]), null, null));
        }
        return samples;
    }

    @Test
    void records_the_provider_model_and_prompt_version_in_the_artifact(@TempDir Path dir) {
        // GIVEN a calibrator whose extractor is the large model behind a cache
        server.otherwise(LlmCalibrationTest::conceptOfText);
        LlmConceptExtractor llm = LlmConceptExtractor.fromSettings(TestSupport.openAi(server, "concurrency", "4"), TestSupport.keyEnv());
        ConceptExtractor extractor = new CachingConceptExtractor(llm, ConceptCache.directory(dir.resolve("cache")), CacheMode.READ_WRITE);
        Calibrator calibrator = Calibrator.builder().valueSystem(MINI).extractor(extractor).encoder(Encoder.ALL_MINILM_L6_V2_Q)
                .folds(0).build();

        // WHEN calibrating
        try (ClaveEvaluator evaluator = ClaveEvaluator.of(calibrator.calibrate(samples(), dir.resolve("artifact")), extractor)) {
            // THEN each distinct calibration text cost one request, and the manifest names the large model
            assertThat(llm.usage().requests()).isEqualTo(12);
            CalibratedModel.Manifest manifest;
            try (CalibratedModel model = CalibratedModel.load(dir.resolve("artifact"))) {
                manifest = model.manifest();
            }
            assertThat(manifest.extractorId()).isEqualTo("llm/openai/test-model");
            assertThat(manifest.extractorVersion()).isEqualTo(llm.version());
            assertThat(evaluator.report().extractor()).isEqualTo("llm/openai/test-model@" + llm.version());

            // AND evaluating a new text costs one more request, a known one none
            Evaluation evaluation = evaluator.evaluate(new TextInput("I lied to my friend."));
            evaluator.evaluate(new TextInput("I lied to my friend."));
            assertThat(evaluation.concepts()).extracting(c -> c.text()).containsExactly("i lied to my friend.");
            assertThat(llm.usage().requests()).isEqualTo(13);
        }

        // AND the artifact refuses an extractor other than the one it was calibrated with
        assertThatThrownBy(() -> ClaveEvaluator.load(dir.resolve("artifact"), new SentenceConceptExtractor()))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("calibrated with concepts from llm/openai/test-model v" + llm.version())
                .hasMessageContaining("the configured extractor is offline-sentences v1");
    }

    @Test
    void keeps_in_the_cache_every_text_extracted_before_a_batch_failed(@TempDir Path dir) {
        // GIVEN a model that refuses one text of five
        server.otherwise(r -> r.lastUserMessage().contains("refuse me") ? Reply.status(400, "{\"error\":{\"message\":\"no\"}}")
                : conceptOfText(r));
        LlmConceptExtractor llm = LlmConceptExtractor.fromSettings(TestSupport.openAi(server, "concurrency", "1"), TestSupport.keyEnv());
        ConceptCache cache = ConceptCache.directory(dir);
        ConceptExtractor extractor = new CachingConceptExtractor(llm, cache, CacheMode.READ_WRITE);
        List<TextInput> texts = List.of(new TextInput("One."), new TextInput("Two."), new TextInput("Please refuse me."),
                new TextInput("Four."), new TextInput("Five."));

        // WHEN the batch fails on the third text
        assertThatThrownBy(() -> extractor.extractAll(texts, MINI)).isInstanceOf(ClaveConfigurationException.class);

        // THEN the two texts before it are cached, and a second run asks only for the rest
        assertThat(cache.stats().writes()).isEqualTo(2);
        server.otherwise(LlmCalibrationTest::conceptOfText);
        extractor.extractAll(texts, MINI);
        assertThat(llm.usage().requests()).isEqualTo(3 + 3);
    }
}
