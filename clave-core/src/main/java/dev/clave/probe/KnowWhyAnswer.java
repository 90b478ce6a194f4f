package dev.clave.probe;

import dev.clave.data.LabelledSample;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The model's know-why explanation of one item's human label, and the judge's scores of it.
 *
 * @param item        the labelled item
 * @param explanation the model's explanation (attribution, counterfactual, rebuttal)
 * @param judgeAnswer the judge's last raw answer
 * @param scores      the scores, or null when the judge's answers could not be read (then {@code problem} says why)
 * @param retried     whether the judge was asked a second time because its first answer could not be read
 * @param problem     what was wrong with the judge's last answer, or null when it was read
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KnowWhyAnswer(LabelledSample item, String explanation, String judgeAnswer, @Nullable CritiqueScores scores,
                            boolean retried, @Nullable String problem) {

    public KnowWhyAnswer {
        notNull(item, "item");
        notNull(explanation, "explanation");
        notNull(judgeAnswer, "judgeAnswer");
        if ((scores == null) == (problem == null)) {
            throw new IllegalArgumentException("a know-why answer has either scores or a problem, but has "
                    + (scores == null ? "neither" : "both"));
        }
    }

    /** The scores, when the judge's answer was read. */
    public Optional<CritiqueScores> critique() {
        return Optional.ofNullable(scores);
    }
}
