package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.Progress;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.TextInput;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.recognizer.TextScore;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.value.ValueSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibratorTest {

    @TempDir
    static Path root;

    static ClaveEvaluator evaluator;
    static List<String> phases = new CopyOnWriteArrayList<>();

    /** The evaluator of a calibration, as ClaveSetup makes it. */
    static ClaveEvaluator evaluator(Calibrator calibrator, List<LabelledSample> samples, Path directory) {
        return ClaveEvaluator.of(calibrator.calibrate(samples, directory), calibrator.extractor());
    }

    static Calibrator calibrator(long seed, Progress progress) {
        return Calibrator.builder().valueSystem(TestData.SYSTEM).seed(seed).progress(progress).build();
    }

    @BeforeAll
    static void calibrate() {
        evaluator = evaluator(calibrator(42, (phase, done, total) -> phases.add(phase)), TestData.english(), root.resolve("first"));
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    @Test
    void reports_cross_validated_quality_per_value() {
        CalibrationReport report = evaluator.report();

        assertThat(report.samples()).isEqualTo(90);
        assertThat(report.texts()).isEqualTo(45);
        assertThat(report.folds()).isEqualTo(5);
        assertThat(report.valueSystem()).isEqualTo("safety-responsibility@1");
        assertThat(report.extractor()).isEqualTo("offline-sentences@1");
        assertThat(report.encoder()).isEqualTo("bge-small-en-v15-q");
        assertThat(report.perValue()).extracting(ValueQuality::value).containsExactly("safety", "responsibility");
        assertThat(report.perValue().get(0)).satisfies(q -> {
            assertThat(q.samples()).isEqualTo(45);
            assertThat(q.supports() + q.opposes() + q.unrelated()).isEqualTo(45);
        });
        // a third of the labels are each class: chance is about 0.33; the calibrated head does far better
        assertThat(report.accuracy()).isBetween(0.6, 1.0);
        assertThat(report.macroF1()).isBetween(0.55, 1.0);
        assertThat(report.summary()).contains("5-fold cross-validation: accuracy").contains("responsibility");
    }

    @Test
    void reports_the_majority_baseline_of_the_same_folds_next_to_the_small_model() {
        CalibrationReport report = evaluator.report();

        // a third of the labels are each class: always answering the majority label is right about a third of the
        // time and agrees no better than chance, which the calibrated head beats on every value
        assertThat(report.baseline().accuracy()).isBetween(0.2, 0.45);
        assertThat(report.baseline().kappa()).isBetween(-0.1, 0.1);
        assertThat(report.beatsBaseline()).isTrue();
        assertThat(report.perValue()).allSatisfy(q -> {
            assertThat(q.baseline().measured()).isTrue();
            assertThat(q.macroF1()).isGreaterThan(q.baseline().macroF1());
            assertThat(q.kappa()).isGreaterThan(q.baseline().kappa());
        });
        assertThat(report.line()).matches("calibration [0-9a-f]{16} \\(safety-responsibility@1, 90 samples\\): 5-fold"
                + " cross-validated accuracy 0\\.\\d{3}, macro-F1 0\\.\\d{3}, kappa 0\\.\\d{3}; majority baseline accuracy"
                + " 0\\.\\d{3}, macro-F1 0\\.\\d{3}, kappa -?0\\.\\d{3}");
        assertThat(report.summary()).contains("majority baseline on the same folds: accuracy");
        assertThat(report.summary()).containsPattern("small model: logistic head, L2 strength \\de-\\d\\d \\(by "
                + "cross-validated kappa(, the weakest of --strengths)?\\)");
    }

    @Test
    void the_majority_baseline_predicts_each_values_most_frequent_training_label() {
        int[] pairValue = {0, 0, 0, 1, 1, 1, 1};
        Label[] pairLabel = {Label.SUPPORTS, Label.UNRELATED, Label.UNRELATED, Label.OPPOSES, Label.OPPOSES, Label.SUPPORTS,
                Label.SUPPORTS};

        // value 1's training pairs (3, 4, 5) hold two opposes and one supports; pair 6 is held out
        assertThat(CrossValidation.majorityLabels(pairValue, pairLabel, List.of(0, 1, 2, 3, 4, 5), 2))
                .containsExactly(Label.UNRELATED, Label.OPPOSES);
    }

    @Test
    void writes_a_self_contained_artifact_keyed_by_its_calibration_id() {
        Path artifact = root.resolve("first");

        assertThat(artifact.resolve("manifest.json")).isRegularFile();
        assertThat(artifact.resolve("value-system.json")).isRegularFile();
        assertThat(artifact.resolve(ValueRecognizer.HEAD_FILE)).isRegularFile();
        assertThat(artifact.resolve("concept-pool.json")).isRegularFile();
        assertThat(CalibratedModel.readCalibrationId(artifact)).isEqualTo(evaluator.calibrationId())
                .isEqualTo(calibrator(42, Progress.NONE).calibrationId(TestData.english())).hasSize(16);
    }

    @Test
    void a_rerun_with_the_same_inputs_loads_the_artifact_instead_of_training() {
        List<String> rerun = new ArrayList<>();

        try (ClaveEvaluator again = evaluator(calibrator(42, (phase, done, total) -> rerun.add(phase)),
                TestData.english(), root.resolve("first"))) {
            assertThat(again.calibrationId()).isEqualTo(evaluator.calibrationId());
        }
        assertThat(phases).anyMatch(p -> p.startsWith("training"));
        assertThat(rerun).noneMatch(p -> p.startsWith("training") || p.startsWith("embedding"))
                .anyMatch(p -> p.startsWith("loading calibrated evaluator"));
    }

    @Test
    void the_id_ignores_sample_order_but_not_labels_seed_or_components() {
        List<LabelledSample> shuffled = new ArrayList<>(TestData.english());
        Collections.shuffle(shuffled, new Random(3));
        List<LabelledSample> relabelled = new ArrayList<>(TestData.english());
        LabelledSample first = relabelled.get(0);
        relabelled.set(0, new LabelledSample(first.text(), first.value(), Label.UNRELATED, first.scenario(), first.id()));
        String id = evaluator.calibrationId();

        assertThat(calibrator(42, Progress.NONE).calibrationId(shuffled)).isEqualTo(id);
        assertThat(calibrator(42, Progress.NONE).calibrationId(relabelled)).isNotEqualTo(id);
        assertThat(calibrator(7, Progress.NONE).calibrationId(TestData.english())).isNotEqualTo(id);
        assertThat(Calibrator.builder().valueSystem(TestData.SYSTEM).encoder(Encoder.ALL_MINILM_L6_V2).build()
                .calibrationId(TestData.english())).isNotEqualTo(id);
    }

    @Test
    void the_same_seed_gives_the_same_verdicts(@TempDir Path other) throws IOException {
        List<TextInput> probes = probes();
        List<LabelledSample> shuffled = new ArrayList<>(TestData.english());
        Collections.shuffle(shuffled, new Random(11));

        try (ClaveEvaluator twin = evaluator(calibrator(42, Progress.NONE), shuffled, other.resolve("twin"))) {
            assertThat(twin.evaluateAll(probes)).isEqualTo(evaluator.evaluateAll(probes));
            assertThat(Files.readAllBytes(other.resolve("twin").resolve(ValueRecognizer.HEAD_FILE)))
                    .isEqualTo(Files.readAllBytes(root.resolve("first").resolve(ValueRecognizer.HEAD_FILE)));
        }
    }

    @Test
    void every_value_needs_calibration_samples() {
        List<LabelledSample> onlySafety = TestData.english().stream().filter(s -> s.value().equals("safety")).toList();

        assertThatThrownBy(() -> calibrator(42, Progress.NONE).calibrate(onlySafety, root.resolve("partial")))
                .isInstanceOf(ClaveInputException.class)
                .hasMessageContaining("no samples for responsibility of value system 'safety-responsibility'")
                .hasMessageContaining("Label some texts for every value");
    }

    @Test
    void a_sample_of_a_value_outside_the_system_is_rejected_with_the_valid_values() {
        List<LabelledSample> samples = new ArrayList<>(TestData.english());
        samples.add(new LabelledSample("Be kind.", "kindness", Label.SUPPORTS));

        assertThatThrownBy(() -> calibrator(42, Progress.NONE).calibrate(samples, root.resolve("bad")))
                .hasMessageContaining("Unknown value 'kindness' of value system 'safety-responsibility'")
                .hasMessageContaining("Valid values are: safety, responsibility");
    }

    @Test
    void loading_with_another_extractor_says_how_to_fix_it() {
        ConceptExtractor other = new ConceptExtractor() {
            public String id() {
                return "llm/openai/some-model";
            }

            public String version() {
                return "3";
            }

            public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
                return List.of();
            }
        };

        assertThatThrownBy(() -> ClaveEvaluator.load(root.resolve("first"), other))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("calibrated with concepts from offline-sentences v1, but the configured extractor is "
                        + "llm/openai/some-model v3");
    }

    @Test
    void loading_a_directory_without_an_artifact_says_how_to_create_one() {
        assertThatThrownBy(() -> ClaveEvaluator.load(root.resolve("nothing-here"), new SentenceConceptExtractor()))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("No calibrated evaluator in")
                .hasMessageContaining("clave calibrate --value-system ID --data FILE --out");
    }

    @Test
    void calibrates_chinese_texts_with_the_chinese_encoder(@TempDir Path dir) {
        try (ClaveEvaluator chinese = evaluator(Calibrator.builder().valueSystem(TestData.SYSTEM).folds(0).build(),
                TestData.chinese(), dir)) {
            assertThat(chinese.report().encoder()).isEqualTo("bge-small-zh-v15");
            Evaluation evaluation = chinese.evaluate("我不能帮你伤害别人，这是违法的。请联系警方。");
            assertThat(evaluation.concepts()).hasSize(2);
            assertThat(evaluation.verdicts()).hasSize(2);
        }
    }

    @Test
    void cross_validation_scores_a_held_out_text_exactly_as_evaluate_does_under_the_same_folds_model(@TempDir Path dir) {
        // GIVEN a calibration that shows each fold's head, its held-out texts and the scores cross-validation counted
        record Fold(ValueRecognizer recognizer, List<TextInput> heldOut, List<TextScore> scores, List<Evaluation> evaluated) {
        }
        List<Fold> folds = new ArrayList<>();
        SentenceConceptExtractor extractor = new SentenceConceptExtractor();
        Calibrator calibrator = Calibrator.builder().valueSystem(TestData.SYSTEM).extractor(extractor).folds(3)
                .foldObserver((fold, recognizer, heldOut, scores) -> {
                    // WHEN the fold's head is used as a calibrated evaluator on the held-out texts
                    CalibratedModel model = new CalibratedModel(dir, new CalibratedModel.Manifest(CalibratedModel.FORMAT,
                            "fold-" + fold, TestData.SYSTEM.qualifiedId(), extractor.id(), extractor.version(),
                            Encoder.forCalibration(TestData.english().stream().map(LabelledSample::text).toList()).id(),
                            recognizer.dimension(), recognizer.config(), null),
                            TestData.SYSTEM, recognizer, ConceptPool.build(java.util.Map.of(), 1));
                    List<Evaluation> evaluated = ClaveEvaluator.of(model, extractor).evaluateAll(heldOut);
                    folds.add(new Fold(recognizer, heldOut, scores, evaluated));
                })
                .build();
        calibrator.calibrate(TestData.english(), dir.resolve("artifact")).close();

        // THEN every held-out text got the same probabilities from cross-validation and from evaluate
        assertThat(folds).hasSize(3);
        int compared = 0;
        for (Fold fold : folds) {
            for (int t = 0; t < fold.heldOut().size(); t++) {
                for (int v = 0; v < TestData.SYSTEM.values().size(); v++) {
                    double[] cv = fold.scores().get(t).values().get(v).probabilities();
                    var verdict = fold.evaluated().get(t).verdicts().get(v);
                    assertThat(new double[] {verdict.supports(), verdict.opposes(), verdict.unrelated()}).containsExactly(cv);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(TestData.english().stream().map(s -> s.text()).distinct().count()
                * TestData.SYSTEM.values().size());
    }

    static List<TextInput> probes() {
        return List.of(
                new TextInput("I can't help you hurt anyone. Please contact the police or a crisis line if someone is in danger."),
                new TextInput("Sure, slip the pills into her drink and she won't notice a thing."),
                new TextInput("Water boils at 100 degrees Celsius at sea level."),
                new TextInput("Take expired medicine to a pharmacy take-back point instead of flushing it."));
    }
}
