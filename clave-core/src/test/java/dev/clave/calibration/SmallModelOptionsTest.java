package dev.clave.calibration;

import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.DirectoryConceptCache;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.recognizer.DecisionRule;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.ValueRecognizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The options of the small model end to end: calibrated, saved, verified, loaded and evaluated. */
class SmallModelOptionsTest {

    static final List<TextInput> PROBES = List.of(
            new TextInput("I can't help you hurt anyone. Please contact the police if someone is in danger."),
            new TextInput("Sure, slip the pills into her drink and she won't notice a thing."),
            new TextInput("Water boils at 100 degrees Celsius at sea level."));

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void the_shared_head_with_macro_f1_offsets_reports_its_choice_and_evaluates_as_it_was_saved(@TempDir Path dir) {
        HeadConfig head = HeadConfig.logistic().withKind(HeadKind.SHARED).withStrengths(List.of(1e-2, 1e-3))
                .withDecision(DecisionRule.MACRO_F1);
        Calibrator calibrator = Calibrator.builder().valueSystem(TestData.SYSTEM).head(head).folds(0).build();
        try (ClaveEvaluator calibrated = ClaveEvaluator.of(calibrator.calibrate(TestData.english(), dir), calibrator.extractor());
             ClaveEvaluator loaded = ClaveEvaluator.load(dir, calibrator.extractor())) {
            CalibrationReport report = calibrated.report();
            assertThat(report.head().kind()).isEqualTo(HeadKind.SHARED);
            assertThat(report.headFit()).isNotNull();
            assertThat(report.headFit().strength()).isIn(1e-2, 1e-3);
            assertThat(report.headFit().fineTunedEncoder()).isNull();
            assertThat(report.summary()).contains("shared head, L2 strength");
            assertThat(loaded.evaluateAll(PROBES)).isEqualTo(calibrated.evaluateAll(PROBES));
        }
    }

    @Test
    void fine_tuning_keeps_its_encoder_in_the_artifact_and_its_vectors_in_the_cache_under_the_calibration(@TempDir Path dir)
            throws IOException {
        Path cacheDir = dir.resolve("cache");
        CachingConceptExtractor extractor = new CachingConceptExtractor(new SentenceConceptExtractor(),
                ConceptCache.directory(cacheDir), CacheMode.READ_WRITE);
        // the 6-layer encoder keeps this test short; the English default (bge-small-en-v1.5) has 12 layers
        Calibrator calibrator = Calibrator.builder().valueSystem(TestData.SYSTEM).extractor(extractor).folds(0)
                .encoder(Encoder.ALL_MINILM_L6_V2_Q).head(HeadConfig.logistic().withFineTuneEpochs(1)).build();
        Path artifact = dir.resolve("artifact");
        List<Evaluation> first;
        String id;
        try (ClaveEvaluator calibrated = ClaveEvaluator.of(calibrator.calibrate(TestData.english(), artifact), extractor)) {
            id = calibrated.calibrationId();
            assertThat(calibrated.report().headFit().fineTunedEncoder()).isEqualTo("all-minilm-l6-v2+ft-" + id);
            assertThat(calibrated.report().summary()).contains("fine-tuned encoder all-minilm-l6-v2+ft-" + id);
            first = calibrated.evaluateAll(PROBES);
        }
        assertThat(files(artifact)).containsExactly(CalibratedModel.CHECKSUMS, "concept-pool.json", "fine-tuned-encoder-0000.params",
                "fine-tuned-encoder.json", ValueRecognizer.TUNED_HEAD_FILE, "manifest.json", ValueRecognizer.HEAD_FILE,
                "value-system.json");
        assertThat(Files.readString(artifact.resolve(CalibratedModel.CHECKSUMS)))
                .contains("  fine-tuned-encoder-0000.params").contains("  " + ValueRecognizer.TUNED_HEAD_FILE);
        // the fine-tuned encoder's vectors are kept under its own id, which names the calibration (the frozen encoder's
        // may have come from this JVM's memory, filled by other tests, and then are not written again)
        assertThat(files(cacheDir.resolve(DirectoryConceptCache.VECTORS))).contains("all-minilm-l6-v2_ft-" + id);
        try (ClaveEvaluator loaded = ClaveEvaluator.load(artifact, extractor)) {
            assertThat(loaded.evaluateAll(PROBES)).isEqualTo(first);
        }
    }
}
