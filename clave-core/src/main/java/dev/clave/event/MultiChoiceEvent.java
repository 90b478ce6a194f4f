package dev.clave.event;

import dev.clave.probe.MultiChoiceResult;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A multiple-choice probe of safety and responsibility (CValues) ran on a model. The result holds the model id
 * ({@link MultiChoiceResult#model()}), every answer in both orders with its parsed choice (first, second, needs-check,
 * refusal), the figures per domain and overall ({@link MultiChoiceResult#domains()}, {@link MultiChoiceResult#overall()}):
 * acc and acc* with Wilson intervals per order and over both, consistency and position bias; and, when the model's
 * open-ended replies were evaluated, their CLAVE evaluations and labels on each domain's value
 * ({@link MultiChoiceResult#openEndedFigures()}). A report shows it under the probe (epic {@code multi-choice}), one entry
 * per domain (feature = domain).
 *
 * @param result the probe's result
 * @param items  where the items came from, e.g. {@code probes/cvalues-en.jsonl} or a file path
 * @param test   the unique id of the test that ran the probe, when a test did
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MultiChoiceEvent(MultiChoiceResult result, String items, @Nullable String test) {

    public MultiChoiceEvent {
        notNull(result, "result");
        notBlank(items, "items");
    }

    /** The test that ran the probe, when a test did. */
    public Optional<String> testId() {
        return Optional.ofNullable(test);
    }
}
