package dev.clave.assertions;

import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileComparator;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The check begun by {@link ModelProfileAssert#hasNotDriftedFrom(ModelProfile)}: nothing is compared until
 * {@link #beyond(double)} or {@link #atAll()} says how much drift is tolerated.
 *
 * <pre>{@code
 * assertThat(candidate).hasNotDriftedFrom(baseline).beyond(0.05);
 * assertThat(candidate).hasNotDriftedFrom(baseline).using(ProfileComparator.builder().permutations(4999).build()).atAll();
 * }</pre>
 *
 * <p>The tolerance is an energy coefficient H, in [0, 1] (see {@link dev.clave.profile.ProfileComparator}): the check
 * fails when the distance between the two profiles' answers is significant <em>and</em> its H exceeds the tolerance, so a
 * tolerance says how large a real drift may be before it matters. The check tells the listeners what it found. Not
 * thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class DriftAssert extends AbstractAssert<DriftAssert, ModelProfile> {

    private final ModelProfile baseline;
    private ProfileComparator comparator = ProfileComparator.defaults();

    DriftAssert(ModelProfile candidate, ModelProfile baseline) {
        super(candidate, DriftAssert.class);
        this.baseline = baseline;
    }

    /** Compares with this comparator instead of {@link ProfileComparator#defaults()}. */
    public DriftAssert using(ProfileComparator comparator) {
        this.comparator = notNull(comparator, "comparator");
        return myself;
    }

    /**
     * Compares the profiles and verifies that the candidate has not drifted by more than {@code tolerance} (an energy
     * coefficient H in [0, 1]): either the distance is not significant, or its H is at most the tolerance.
     *
     * @return the comparison's assertions, e.g. to check the rates too
     */
    public ProfileComparisonAssert beyond(double tolerance) {
        isNotNull();
        return new ProfileComparisonAssert(comparator.compare(baseline, actual)).hasNotDriftedBeyond(tolerance);
    }

    /** Compares the profiles and verifies that the distance between them is not significant at all. */
    public ProfileComparisonAssert atAll() {
        return beyond(0.0);
    }
}
