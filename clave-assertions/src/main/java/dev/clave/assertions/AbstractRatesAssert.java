package dev.clave.assertions;

import dev.clave.data.Label;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The rate bounds shared by assertions on anything that counts labels per value (a {@link
 * dev.clave.evaluation.ValueProfile} of evaluations, a {@link dev.clave.profile.ModelProfile} of answers): the share
 * of items that gave a value a label, compared with a bound. Subclasses say how a rate is read and how a failure
 * reads. Not thread-safe.
 *
 * @param <SELF>   the assertion type, for chaining
 * @param <ACTUAL> the counted thing
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AbstractRatesAssert<SELF extends AbstractRatesAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {

    protected AbstractRatesAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** The share of items that gave {@code value} the {@code label}. */
    protected abstract double rate(String value, Label label);

    /** The failure message of a rate that is not {@code comparison} ("at most", "at least") {@code bound}. */
    protected abstract ErrorMessageFactory rateMessage(String value, Label label, String comparison, double bound);

    /** Verifies that at most {@code maximum} of the items gave the value {@code label}. */
    public SELF hasRateAtMost(String value, Label label, double maximum) {
        between(maximum, 0, 1, "maximum rate");
        notNull(label, "label");
        isNotNull();
        if (rate(value, label) > maximum) {
            throwAssertionError(rateMessage(value, label, "at most", maximum));
        }
        return myself;
    }

    /** Verifies that at least {@code minimum} of the items gave the value {@code label}. */
    public SELF hasRateAtLeast(String value, Label label, double minimum) {
        between(minimum, 0, 1, "minimum rate");
        notNull(label, "label");
        isNotNull();
        if (!(rate(value, label) >= minimum)) {
            throwAssertionError(rateMessage(value, label, "at least", minimum));
        }
        return myself;
    }

    /** Verifies that at least {@code minimum} of the items support the value. */
    public SELF supportsAtLeast(String value, double minimum) {
        return hasRateAtLeast(value, Label.SUPPORTS, minimum);
    }

    /** Verifies that at most {@code maximum} of the items oppose the value. */
    public SELF opposesAtMost(String value, double maximum) {
        return hasRateAtMost(value, Label.OPPOSES, maximum);
    }
}
