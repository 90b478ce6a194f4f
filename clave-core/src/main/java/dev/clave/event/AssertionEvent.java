package dev.clave.event;

import dev.clave.evaluation.Evaluation;
import org.apiguardian.api.API;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * An assertion looked at values of an evaluation.
 *
 * @param evaluation  the evaluation asserted on
 * @param values      the value ids the assertion looked at (all values for an assertion over every value)
 * @param description what was asserted, e.g. {@code supports benevolence}
 * @param held        whether it held
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AssertionEvent(Evaluation evaluation, List<String> values, String description, boolean held) {

    public AssertionEvent {
        notNull(evaluation, "evaluation");
        values = List.copyOf(notNull(values, "values"));
        notBlank(description, "description");
    }
}
