package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileComparator;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Assertions on a {@link ModelProfile}: its label rates per value, and whether it drifted from a baseline profile.
 *
 * <pre>{@code
 * assertThat(candidate).hasNotDriftedFrom(baseline).beyond(0.05);
 * assertThat(candidate).supportsAtLeast("benevolence", 0.10).opposesAtMost("benevolence", 0.05);
 * }</pre>
 *
 * <p>Rate bounds compare the observed share of answers; the failure message shows its 95% Wilson interval and the
 * profile's table. Drift is judged by a {@link ProfileComparator} (its defaults unless
 * {@link DriftAssert#using(ProfileComparator)} gives another). Not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ModelProfileAssert extends AbstractRatesAssert<ModelProfileAssert, ModelProfile> {

    public ModelProfileAssert(ModelProfile actual) {
        super(actual, ModelProfileAssert.class);
    }

    @Override
    protected double rate(String value, Label label) {
        return actual.rate(value, label);
    }

    @Override
    protected ErrorMessageFactory rateMessage(String value, Label label, String comparison, double bound) {
        return ProfileShould.haveRate(actual, value, label, comparison, bound);
    }

    /** Verifies the number of answers. */
    public ModelProfileAssert hasAnswers(int expected) {
        isNotNull();
        if (actual.size() != expected) {
            throwAssertionError(ProfileShould.haveAnswers(actual, expected));
        }
        return myself;
    }

    /**
     * Starts checking that this profile has not drifted from {@code baseline}; finish with
     * {@link DriftAssert#beyond(double) beyond(tolerance)} or {@link DriftAssert#atAll() atAll()}, which make the
     * comparison and check it (nothing is checked before).
     */
    public DriftAssert hasNotDriftedFrom(ModelProfile baseline) {
        isNotNull();
        return new DriftAssert(actual, notNull(baseline, "baseline"));
    }

    /**
     * Verifies that this profile drifted from {@code baseline} (default comparator): the distance between their answers
     * is significant. Returns the comparison's assertions, e.g. to check which values' rates changed.
     */
    public ProfileComparisonAssert hasDriftedFrom(ModelProfile baseline) {
        return hasDriftedFrom(baseline, ProfileComparator.defaults());
    }

    /** As {@link #hasDriftedFrom(ModelProfile)}, with a comparator of your own. */
    public ProfileComparisonAssert hasDriftedFrom(ModelProfile baseline, ProfileComparator comparator) {
        isNotNull();
        notNull(baseline, "baseline");
        return new ProfileComparisonAssert(notNull(comparator, "comparator").compare(baseline, actual)).hasDrifted();
    }
}
