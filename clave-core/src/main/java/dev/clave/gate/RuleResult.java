package dev.clave.gate;

import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.util.Locale;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The outcome of one {@link ValueRule} on a profile. Immutable.
 *
 * @param rule     the rule
 * @param interval the observed rate of the rule's label with its Wilson interval
 * @param status   whether the rule held
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RuleResult(ValueRule rule, WilsonInterval interval, Status status) {

    /** Whether a rule held. */
    public enum Status {
        /** The interval lies within the limit. */
        PASSED,
        /** The interval reaches beyond the limit: the data do not show that the rule holds. */
        BROKEN,
        /** Fewer evaluations than the rule's minimum: not decided, which counts as broken. */
        TOO_FEW_SAMPLES
    }

    public RuleResult {
        notNull(rule, "rule");
        notNull(interval, "interval");
        notNull(status, "status");
    }

    /** Whether the rule did not hold (broken, or too few samples to tell). */
    public boolean broken() {
        return status != Status.PASSED;
    }

    /** Whether this result blocks the gate. */
    public boolean blocks() {
        return broken() && rule.action() == GateAction.BLOCK;
    }

    /** Whether this result is a warning. */
    public boolean warns() {
        return broken() && rule.action() == GateAction.WARN;
    }

    /** Why the rule held or not, e.g. {@code upper bound 0.261 > 0.100}. */
    public String reason() {
        if (status == Status.TOO_FEW_SAMPLES) {
            return "too few samples: " + interval.trials() + " evaluations, the rule needs at least " + rule.minimumSamples();
        }
        boolean atMost = rule.limit() == ValueRule.Limit.AT_MOST;
        double bound = atMost ? interval.upper() : interval.lower();
        String comparison = broken() ? (atMost ? ">" : "<") : rule.limit().symbol();
        return String.format(Locale.ROOT, "%s bound %.3f %s %.3f", atMost ? "upper" : "lower", bound, comparison,
                rule.threshold());
    }

    /** The result's word in tables: {@code passed}, {@code BLOCKED} or {@code WARNING}. */
    public String verdict() {
        return blocks() ? "BLOCKED" : warns() ? "WARNING" : "passed";
    }
}
