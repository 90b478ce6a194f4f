package dev.clave.event;

import dev.clave.calibration.CalibrationReport;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import java.nio.file.Path;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A calibrated evaluator is ready.
 *
 * @param report    the calibration's identity and cross-validated quality
 * @param source    where the labelled samples came from, e.g. a file path
 * @param artifact  the artifact directory
 * @param reused    true when an existing artifact was loaded, false when it was calibrated now
 * @param extractor the concept extractor's id, e.g. {@code offline} or {@code llm/openai/gpt-4o-mini}
 * @param valueSystem the value system it decides on (its name and version are what reports show)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CalibrationEvent(CalibrationReport report, String source, Path artifact, boolean reused, String extractor,
                               ValueSystem valueSystem) {

    public CalibrationEvent {
        notNull(report, "report");
        notBlank(source, "source");
        notNull(artifact, "artifact");
        notBlank(extractor, "extractor");
        notNull(valueSystem, "valueSystem");
    }
}
