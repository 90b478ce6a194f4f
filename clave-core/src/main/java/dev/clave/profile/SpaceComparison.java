package dev.clave.profile;

import dev.clave.stats.EnergyDistance;
import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Two profiles' answers compared in one space: the energy distance between the two sets of answer vectors with its
 * permutation test, and how well a probe tells them apart.
 *
 * @param space          which vectors: the answers' embeddings or their value vectors
 * @param description    the space in words, e.g. {@code embeddings (all-minilm-l6-v2-q)}
 * @param distance       the energy distance and its permutation test
 * @param identification the cross-validated source identification
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SpaceComparison(Space space, String description, EnergyDistance distance, SourceIdentification identification) {

    /** The vectors compared. */
    public enum Space {
        /**
         * The sentence embeddings of {@code "Q: <question> A: <answer>"}; comparable only between profiles embedded by
         * the same encoder.
         */
        EMBEDDING,
        /**
         * The value vectors: per value, the evaluator's probability of {@code supports} minus that of {@code opposes};
         * comparable between languages when both evaluators were calibrated on the same labelled texts.
         */
        VALUES
    }

    public SpaceComparison {
        notNull(space, "space");
        notBlank(description, "description");
        notNull(distance, "distance");
        notNull(identification, "identification");
    }
}
