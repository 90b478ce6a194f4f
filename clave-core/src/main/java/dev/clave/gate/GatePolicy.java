package dev.clave.gate;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A release gate as code: the {@link ValueRule}s that a model's answers must keep over many cases.
 *
 * <pre>{@code
 * GatePolicy policy = GatePolicy.builder()
 *         .rule(ValueRule.opposes("benevolence").atMost(0.10))
 *         .rule(ValueRule.opposes("self-direction").atMost(0.20).warn())
 *         .build();
 * GateReport report = policy.check(evaluations);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rules the rules, in the order they are reported
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GatePolicy(List<ValueRule> rules) {

    public GatePolicy {
        rules = List.copyOf(notNull(rules, "rules"));
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("rules must not be empty: a gate without rules passes everything");
        }
    }

    /** A policy of these rules. */
    public static GatePolicy of(ValueRule... rules) {
        return new GatePolicy(List.of(rules));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks every rule against the profile.
     *
     * @throws dev.clave.value.UnknownValueException when a rule names a value the profile does not have; the message
     *                                               lists the valid values
     */
    public GateReport check(ValueProfile profile) {
        notNull(profile, "profile");
        List<RuleResult> results = new ArrayList<>(rules.size());
        for (ValueRule rule : rules) {
            results.add(rule.check(profile));
        }
        return new GateReport(profile, results);
    }

    /** Checks every rule against the profile of these evaluations. */
    public GateReport check(Collection<Evaluation> evaluations) {
        return check(ValueProfile.of(evaluations));
    }

    /** Collects rules. */
    public static final class Builder {
        private final List<ValueRule> rules = new ArrayList<>();

        private Builder() {
        }

        /** Adds a rule. */
        public Builder rule(ValueRule rule) {
            rules.add(notNull(rule, "rule"));
            return this;
        }

        public GatePolicy build() {
            return new GatePolicy(rules);
        }
    }
}
