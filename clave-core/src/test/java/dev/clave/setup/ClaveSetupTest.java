package dev.clave.setup;

import dev.clave.calibration.CalibrationFloor;
import dev.clave.calibration.TestData;
import dev.clave.calibration.WeakCalibrationException;
import dev.clave.concept.CacheSettings;
import dev.clave.evaluation.ClaveEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaveSetupTest {

    private static final Pattern QUALITY_LINE = Pattern.compile(
            "\\[main] INFO dev\\.clave\\.setup\\.ClaveSetup - Clave calibration ([0-9a-f]{16}) \\(safety-responsibility@1, 90"
                    + " samples\\): 5-fold cross-validated accuracy 0\\.\\d{3}, macro-F1 0\\.\\d{3}, kappa 0\\.\\d{3}; majority"
                    + " baseline accuracy 0\\.\\d{3}, macro-F1 0\\.\\d{3}, kappa -?0\\.\\d{3} from assistant-safety\\.jsonl"
                    + " \\(calibrated in \\d+\\.\\d s\\)");

    private static ClaveSetup setup(CalibrationFloor floor) {
        return ClaveSetup.builder().valueSystem(TestData.SYSTEM).cache(CacheSettings.memory()).floor(floor).build();
    }

    @Test
    void names_a_calibration_with_its_quality_once_then_fails_one_below_the_floor(@TempDir Path root) {
        // WHEN a calibration is made ready twice in one JVM, and once more with a floor it does not reach
        String[] firstRun = new String[1];
        String log = stderrOf(() -> {
            try (ClaveEvaluator first = setup(CalibrationFloor.NONE).calibrateInto(TestData.english(), "assistant-safety.jsonl", root);
                 ClaveEvaluator again = setup(CalibrationFloor.NONE).calibrateInto(TestData.english(), "assistant-safety.jsonl", root)) {
                firstRun[0] = first.calibrationId();
                assertThat(again.calibrationId()).isEqualTo(first.calibrationId());
            }
            return null;
        });

        // THEN one line names it with its cross-validated figures and the majority baseline's
        Matcher line = QUALITY_LINE.matcher(log);
        assertThat(line.find()).as(log).isTrue();
        assertThat(line.group(1)).isEqualTo(firstRun[0]);
        assertThat(line.find()).as("a second line in %s", log).isFalse();
        // AND a floor above its kappa fails naming the calibration, its source and the fix
        assertThatThrownBy(() -> setup(CalibrationFloor.minimumKappa(0.99)).calibrateInto(TestData.english(),
                "assistant-safety.jsonl", root))
                .isInstanceOf(WeakCalibrationException.class)
                .hasMessageStartingWith("The calibration " + firstRun[0] + " of safety-responsibility@1 from assistant-safety.jsonl"
                        + " is too weak to test with: its cross-validated kappa 0.")
                .hasMessageContaining("is below the floor clave.calibration.minimum-kappa=0.99.")
                .hasMessageContaining("Weak values:")
                .hasMessageContaining("To fix it, label more samples of these values in assistant-safety.jsonl");
    }

    private static String stderrOf(Supplier<Void> action) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
