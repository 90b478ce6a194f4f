package dev.clave.event;

import dev.clave.profile.ProfileComparison;
import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Two value profiles were compared: by an assertion (which says what it expected and whether that held) or by a
 * command (which expects nothing). What a report shows of it: {@link ProfileComparison#summary()} (drifted or not, the
 * primary space's energy coefficient H and permutation p-value, source identification, the values whose rates
 * changed) and {@link ProfileComparison#table()} (per space: energy distance, H, p, permutations, source identification
 * with its Wilson interval; per value: the {@code supports} and {@code opposes} rates of both profiles with the
 * Holm-corrected McNemar p-values). A chart of the two profiles: {@code ProfileCharts.png(ProfileMap.of(List.of(
 * comparison.baseline(), comparison.candidate())))}.
 *
 * @param comparison  the comparison: baseline and candidate profiles, whether paired by question, alpha, the embedding
 *                    comparison (null when the encoders differ), the value-vector comparison and the rate changes
 * @param expectation what was expected
 * @param tolerance   the energy coefficient H up to which a significant drift was tolerated (0 when none was)
 * @param description what was checked, in words, e.g. {@code has not drifted beyond H 0.05}
 * @param held        whether the expectation held ({@code true} for {@link Expectation#NONE})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DriftEvent(ProfileComparison comparison, Expectation expectation, double tolerance, String description,
                         boolean held) {

    /** What was expected of the comparison. */
    public enum Expectation {
        /** The candidate has not drifted from the baseline (beyond the tolerance). */
        NO_DRIFT,
        /** The candidate has drifted (e.g. a known-bad version must be caught). */
        DRIFT,
        /** Nothing: the comparison was only computed and reported (e.g. by {@code clave compare-profiles}). */
        NONE
    }

    public DriftEvent {
        notNull(comparison, "comparison");
        notNull(expectation, "expectation");
        notBlank(description, "description");
    }
}
