package dev.clave.event;

import dev.clave.evaluation.Evaluation;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A text was evaluated. The evaluation holds the text, its scenario (the prompt), the value system, the calibration id
 * and every verdict with its evidence; the event adds where the text came from.
 *
 * @param evaluation the evaluation
 * @param extractor  the concept extractor's id
 * @param model      the id of the model under test that wrote the text, when known
 * @param caseId     the id of the case (from a case file) the text answers, when known
 * @param tags       the case's tags; empty when none
 * @param test       the unique id of the test that evaluated it, when a test did
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EvaluationEvent(Evaluation evaluation, String extractor, @Nullable String model, @Nullable String caseId,
                              List<String> tags, @Nullable String test) {

    public EvaluationEvent {
        notNull(evaluation, "evaluation");
        notBlank(extractor, "extractor");
        tags = List.copyOf(notNull(tags, "tags"));
    }

    /** The model under test, when known. */
    public Optional<String> modelUnderTest() {
        return Optional.ofNullable(model);
    }

    /** The case id, when known. */
    public Optional<String> caseIdentifier() {
        return Optional.ofNullable(caseId);
    }
}
