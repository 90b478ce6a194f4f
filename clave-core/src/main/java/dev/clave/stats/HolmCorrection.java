package dev.clave.stats;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for testing several hypotheses at once (one per value of a value
 * system), controlling the family-wise error rate without assuming independence. It is uniformly more powerful
 * than Bonferroni.
 *
 * <p>The i-th smallest of m p-values is multiplied by {@code m - i + 1}; adjusted values are then made monotone
 * (never smaller than the adjusted value of a smaller p) and capped at 1. A hypothesis is rejected at level alpha
 * when its adjusted p-value is at most alpha. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HolmCorrection {

    private HolmCorrection() {
    }

    /**
     * The Holm-adjusted p-values, in the order of {@code pValues}.
     *
     * @throws IllegalArgumentException when a p-value is outside [0, 1] or NaN
     */
    public static double[] adjust(double... pValues) {
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " must be between 0.0 and 1.0, but is: " + pValues[i]);
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
