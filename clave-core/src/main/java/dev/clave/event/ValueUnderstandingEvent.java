package dev.clave.event;

import dev.clave.probe.ValueUnderstanding;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A value-understanding probe (VUM) ran on a model: know-what, and know-why when a judge scored the explanations.
 * The result holds the model id ({@link ValueUnderstanding#model()}), the value system, every know-what answer with its
 * parsed letter and outcome, every explanation with its scores, and the figures per value and overall
 * ({@link ValueUnderstanding#values()}, {@link ValueUnderstanding#overall()}): discriminator score with its Wilson
 * interval, critique score per part and overall, and the gap with its bootstrap interval. A report shows it under the
 * probe (epic {@code value-understanding}), one entry per value (feature = value id).
 *
 * @param result the probe's result
 * @param items  where the items came from, e.g. {@code probes/vum-items.jsonl} or a file path
 * @param test   the unique id of the test that ran the probe, when a test did
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValueUnderstandingEvent(ValueUnderstanding result, String items, @Nullable String test) {

    public ValueUnderstandingEvent {
        notNull(result, "result");
        notBlank(items, "items");
    }

    /** The test that ran the probe, when a test did. */
    public Optional<String> testId() {
        return Optional.ofNullable(test);
    }
}
