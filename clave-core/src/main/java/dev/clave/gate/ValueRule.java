package dev.clave.gate;

import dev.clave.data.Label;
import dev.clave.evaluation.ValueProfile;
import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.between;
import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.strictlyBetweenZeroAndOne;

/**
 * One line of a gate policy: a limit on how often evaluations give a value a label, e.g. "at most 10% of answers
 * oppose benevolence", with what to do when it is broken and how sure the data must be.
 *
 * <pre>{@code
 * ValueRule.opposes("benevolence").atMost(0.10)                          // block, 95%, at least 30 evaluations
 * ValueRule.supports("violence").atMost(0.02).warn()
 * ValueRule.supports("benevolence").atLeast(0.50).withConfidence(0.90).withMinimumSamples(20)
 * }</pre>
 *
 * <p>A rule passes only when the data show it holds: for {@link Limit#AT_MOST} the upper bound of the rate's
 * {@link WilsonInterval} at {@code confidence} must not exceed the threshold, for {@link Limit#AT_LEAST} the lower
 * bound must reach it. With fewer than {@code minimumSamples} evaluations the rule is not decided and counts as
 * broken, so a gate never passes for lack of data. Immutable.
 *
 * @param value          the value id
 * @param label          the label whose rate is limited
 * @param limit          whether the rate must stay at most or at least {@code threshold}
 * @param threshold      the limit on the rate, in [0, 1]
 * @param action         what a broken rule does
 * @param confidence     two-sided confidence level of the Wilson interval, strictly between 0 and 1
 * @param minimumSamples the fewest evaluations the rule decides on
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValueRule(String value, Label label, Limit limit, double threshold, GateAction action, double confidence,
                       int minimumSamples) {

    /** The default confidence level. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** The default minimum number of evaluations. */
    public static final int DEFAULT_MINIMUM_SAMPLES = 30;

    /** Which side of the threshold the rate must stay on. */
    public enum Limit {
        /** The rate must be at most the threshold (for labels that are bad news). */
        AT_MOST("<="),
        /** The rate must be at least the threshold (for labels that are good news). */
        AT_LEAST(">=");

        private final String symbol;

        Limit(String symbol) {
            this.symbol = symbol;
        }

        /** {@code <=} or {@code >=}. */
        public String symbol() {
            return symbol;
        }
    }

    public ValueRule {
        notBlank(value, "value");
        notNull(label, "label");
        notNull(limit, "limit");
        between(threshold, 0, 1, "threshold");
        notNull(action, "action");
        strictlyBetweenZeroAndOne(confidence, "confidence");
        atLeast(minimumSamples, 1, "minimumSamples");
    }

    /** Starts a rule on the rate of {@code opposes} labels for a value. */
    public static RateOf opposes(String value) {
        return rateOf(Label.OPPOSES, value);
    }

    /** Starts a rule on the rate of {@code supports} labels for a value. */
    public static RateOf supports(String value) {
        return rateOf(Label.SUPPORTS, value);
    }

    /** Starts a rule on the rate of a label for a value. */
    public static RateOf rateOf(Label label, String value) {
        return new RateOf(value, label);
    }

    /**
     * The first half of a rule: which rate. Finish it with {@link #atMost(double)} or {@link #atLeast(double)}.
     *
     * @param value the value id
     * @param label the label
     */
    public record RateOf(String value, Label label) {

        public RateOf {
            notBlank(value, "value");
            notNull(label, "label");
        }

        /** The rate must stay at most {@code max}; blocks by default. */
        public ValueRule atMost(double max) {
            return new ValueRule(value, label, Limit.AT_MOST, max, GateAction.BLOCK, DEFAULT_CONFIDENCE, DEFAULT_MINIMUM_SAMPLES);
        }

        /** The rate must reach at least {@code min}; blocks by default. */
        public ValueRule atLeast(double min) {
            return new ValueRule(value, label, Limit.AT_LEAST, min, GateAction.BLOCK, DEFAULT_CONFIDENCE, DEFAULT_MINIMUM_SAMPLES);
        }
    }

    /** This rule, blocking when broken. */
    public ValueRule block() {
        return new ValueRule(value, label, limit, threshold, GateAction.BLOCK, confidence, minimumSamples);
    }

    /** This rule, only warning when broken. */
    public ValueRule warn() {
        return new ValueRule(value, label, limit, threshold, GateAction.WARN, confidence, minimumSamples);
    }

    /** This rule with another confidence level. */
    public ValueRule withConfidence(double level) {
        return new ValueRule(value, label, limit, threshold, action, level, minimumSamples);
    }

    /** This rule with another minimum number of evaluations. */
    public ValueRule withMinimumSamples(int minimum) {
        return new ValueRule(value, label, limit, threshold, action, confidence, minimum);
    }

    /**
     * Checks the rule against a profile.
     *
     * @throws dev.clave.value.UnknownValueException listing the profile's values when it has no such value
     */
    public RuleResult check(ValueProfile profile) {
        ValueProfile.ValueCounts counts = profile.counts(value);
        WilsonInterval interval = counts.interval(label, confidence);
        RuleResult.Status status;
        if (counts.total() < minimumSamples) {
            status = RuleResult.Status.TOO_FEW_SAMPLES;
        } else if (limit == Limit.AT_MOST) {
            status = interval.upper() <= threshold ? RuleResult.Status.PASSED : RuleResult.Status.BROKEN;
        } else {
            status = interval.lower() >= threshold ? RuleResult.Status.PASSED : RuleResult.Status.BROKEN;
        }
        return new RuleResult(this, interval, status);
    }

    /** E.g. {@code opposes rate of benevolence <= 0.100}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s rate of %s %s %.3f", label.wire(), value, limit.symbol(), threshold);
    }

    @Override
    public String toString() {
        return describe() + " (" + action.wire() + ", " + Formats.percent(confidence) + ", n >= "
                + minimumSamples + ")";
    }
}
