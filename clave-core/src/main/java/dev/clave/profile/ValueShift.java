package dev.clave.profile;

import dev.clave.stats.EnergyDistance;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * How the answers' scores on one value moved between two profiles: the energy distance between the two sets of the
 * value's scores (P(supports) - P(opposes) per answer), its permutation test (paired by question when the profiles are)
 * and the p-value after Holm's correction across the values. Where the value-vector distance says that the answers
 * moved, the shifts say on which values.
 *
 * @param value          the value id
 * @param distance       the energy distance of the value's scores and its permutation test
 * @param meanChange     the candidate's mean score minus the baseline's, in [-2, 2]: negative when the answers
 *                       support the value less or oppose it more
 * @param adjustedPValue the p-value after Holm's correction across the values
 * @param significant    whether the adjusted p-value is at most the comparison's alpha
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValueShift(String value, EnergyDistance distance, double meanChange, double adjustedPValue,
                         boolean significant) {

    public ValueShift {
        notBlank(value, "value");
        notNull(distance, "distance");
    }

    /** E.g. {@code benevolence: mean score -0.082, H 0.074, p = 0.001, Holm 0.010 SHIFTED}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: mean score %+.3f, H %.3f, p = %.4g, Holm %.4g%s", value, meanChange,
                distance.coefficient(), distance.pValue(), adjustedPValue, significant ? " SHIFTED" : "");
    }
}
