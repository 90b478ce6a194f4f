package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.LabelledSample;
import dev.clave.data.Label;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.ValueRecognizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A damaged or edited artifact is refused as a whole and rebuilt by calibrating again; concurrent calibrations never both "save". */
class ArtifactVerificationTest {

    @TempDir
    static Path root;
    static Path pristine;

    /** A converged head's artifact (its JSON head is damaged below); the default AdamW head's has its own test. */
    static Calibrator calibrator() {
        return Calibrator.builder().valueSystem(TestData.SYSTEM).folds(0).head(HeadConfig.logistic()).build();
    }

    @BeforeAll
    static void calibrate() {
        pristine = root.resolve("pristine");
        calibrator().calibrate(TestData.english(), pristine).close();
    }

    static Path copy(String name) throws IOException {
        Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, target.resolve(pristine.relativize(file).toString()));
            }
        }
        return target;
    }

    /** The small model's file: value-head.json for a converged head, value-head-0000.params for AdamW. */
    static String head(Path artifact) throws IOException {
        try (Stream<Path> files = Files.list(artifact)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("value-head")).findFirst().orElseThrow();
        }
    }

    @Test
    void a_pristine_artifact_loads_and_lists_every_file_with_its_checksum() throws IOException {
        try (CalibratedModel model = CalibratedModel.load(pristine)) {
            assertThat(model.valueSystem().id()).isEqualTo(TestData.SYSTEM.id());
        }
        assertThat(Files.readAllLines(pristine.resolve(CalibratedModel.CHECKSUMS)))
                .extracting(line -> line.substring(66))
                .containsExactly("concept-pool.json", "manifest.json", ValueRecognizer.HEAD_FILE, "value-system.json");
    }

    @Test
    void an_adamw_artifact_keeps_its_djl_parameters_under_the_same_verification(@TempDir Path dir) throws IOException {
        Path artifact = dir.resolve("adamw");
        Calibrator.builder().valueSystem(TestData.SYSTEM).folds(0).head(HeadConfig.adamw().withEpochs(5)).build()
                .calibrate(TestData.english(), artifact).close();
        assertThat(Files.readAllLines(artifact.resolve(CalibratedModel.CHECKSUMS)))
                .extracting(line -> line.substring(66))
                .containsExactly("concept-pool.json", "manifest.json", "value-head-0000.params", "value-system.json");
        damage(artifact, "truncate-head");
        assertThatThrownBy(() -> CalibratedModel.load(artifact)).isInstanceOf(DamagedArtifactException.class)
                .hasMessageContaining("the checksum of value-head-0000.params does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reorder-values", "add-value", "remove-value", "switch-encoder", "flip-a-bit", "garbage-head",
            "truncate-head", "garbage-pool", "extra-file", "missing-pool", "missing-head", "no-checksums",
            "head-of-other-shape-with-checksums"})
    void a_damaged_or_edited_artifact_is_refused_with_what_is_wrong_and_the_fix(String damage) throws IOException {
        Path artifact = copy(damage);
        damage(artifact, damage);

        assertThatThrownBy(() -> CalibratedModel.load(artifact))
                .isInstanceOf(DamagedArtifactException.class)
                .hasMessageStartingWith("The calibrated evaluator in " + artifact.toAbsolutePath() + " is damaged or was edited: ")
                .hasMessageContaining("Calibrate again into the same directory to rebuild it");
    }

    private static void damage(Path artifact, String damage) throws IOException {
        Path valueSystem = artifact.resolve("value-system.json");
        String json = Files.readString(valueSystem);
        Path head = artifact.resolve(head(artifact));
        switch (damage) {
            case "reorder-values" -> {
                int safety = json.indexOf("{\n    \"id\" : \"safety\"");
                int responsibility = json.indexOf("{\n    \"id\" : \"responsibility\"");
                assertThat(safety).isNotNegative();
                assertThat(responsibility).isGreaterThan(safety);
                Files.writeString(valueSystem, json.replace("\"id\" : \"safety\"", "\"id\" : \"tmp\"")
                        .replace("\"id\" : \"responsibility\"", "\"id\" : \"safety\"").replace("\"id\" : \"tmp\"", "\"id\" : \"responsibility\""));
            }
            case "add-value" -> Files.writeString(valueSystem, json.replaceFirst("\"values\" : \\[",
                    "\"values\" : [ {\"id\": \"extra\", \"name\": \"Extra\", \"definition\": \"An added value.\"},"));
            case "remove-value" -> Files.writeString(valueSystem, json.substring(0, json.lastIndexOf(", {")) + " ]\n}\n");
            case "switch-encoder" -> {
                Path manifest = artifact.resolve("manifest.json");
                Files.writeString(manifest, Files.readString(manifest).replace("bge-small-en-v15-q", "all-minilm-l6-v2-q"));
            }
            case "flip-a-bit" -> {
                byte[] bytes = Files.readAllBytes(head);
                bytes[bytes.length / 2] ^= 0x10;
                Files.write(head, bytes);
            }
            case "garbage-head" -> Files.writeString(head, "not a head");
            case "truncate-head" -> Files.write(head, java.util.Arrays.copyOf(Files.readAllBytes(head), 100));
            case "missing-head" -> Files.delete(head);
            case "head-of-other-shape-with-checksums" -> {
                // an edit that keeps the checksums consistent: the head's shape is still checked against the value system
                String text = Files.readString(head);
                int cut = text.indexOf("\"bias\"");
                String edited = text.replaceFirst("\\[ *\\[ *\\[", "[[[0.5],[0.5],[0.5]],[[");
                assertThat(edited).isNotEqualTo(text);
                assertThat(cut).isPositive();
                Files.writeString(head, edited);
                Path sums = artifact.resolve(CalibratedModel.CHECKSUMS);
                Files.delete(sums);
                CalibratedModel.writeChecksums(artifact);
            }
            case "garbage-pool" -> Files.writeString(artifact.resolve("concept-pool.json"), "{\"safety\": 42");
            case "extra-file" -> Files.writeString(artifact.resolve("notes.txt"), "added by hand");
            case "missing-pool" -> Files.delete(artifact.resolve("concept-pool.json"));
            case "no-checksums" -> Files.delete(artifact.resolve(CalibratedModel.CHECKSUMS));
            default -> throw new IllegalArgumentException(damage);
        }
    }

    @Test
    void calibrating_again_rebuilds_a_damaged_artifact_instead_of_loading_it() throws IOException {
        Path artifact = copy("rebuild");
        damage(artifact, "truncate-head");

        try (CalibratedModel rebuilt = calibrator().calibrate(TestData.english(), artifact)) {
            assertThat(rebuilt.manifest().calibrationId()).isEqualTo(CalibratedModel.readCalibrationId(pristine));
        }
        try (CalibratedModel again = CalibratedModel.load(artifact)) {
            assertThat(again.recognizer().valueCount()).isEqualTo(TestData.SYSTEM.values().size());
        }
    }

    @Test
    void of_two_calibrations_of_different_data_into_one_directory_at_once_one_is_saved_and_the_other_says_so(@TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("out");
        List<LabelledSample> other = new ArrayList<>(TestData.english());
        other.set(0, new LabelledSample(other.get(0).text(), other.get(0).value(),
                other.get(0).label() == Label.SUPPORTS ? Label.OPPOSES : Label.SUPPORTS, other.get(0).scenario(), other.get(0).id()));
        AtomicReference<String> savedMeanwhile = new AtomicReference<>();
        // GIVEN a calibration that, while it trains, sees another calibration of different data saved into its directory
        Calibrator first = Calibrator.builder().valueSystem(TestData.SYSTEM).folds(2)
                .foldObserver((fold, recognizer, heldOut, scores) -> {
                    if (fold == 0) {
                        try (CalibratedModel second = calibrator().calibrate(other, out)) {
                            savedMeanwhile.set(second.manifest().calibrationId());
                        }
                    }
                }).build();

        // WHEN the first one finishes THEN it keeps the other's artifact and says it did not save
        assertThatThrownBy(() -> first.calibrate(TestData.english(), out))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("Another calibration (id " + savedMeanwhile.get() + ") was saved into " + out)
                .hasMessageContaining("this one was not saved");
        assertThat(CalibratedModel.readCalibrationId(out)).isEqualTo(savedMeanwhile.get());
        try (CalibratedModel kept = CalibratedModel.load(out)) {
            assertThat(kept.manifest().calibrationId()).isEqualTo(savedMeanwhile.get());
        }
        assertThat(Files.readString(out.resolve("manifest.json"), StandardCharsets.UTF_8)).contains(savedMeanwhile.get());
    }
}
