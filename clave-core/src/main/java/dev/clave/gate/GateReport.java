package dev.clave.gate;

import dev.clave.evaluation.ValueProfile;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notNull;

/**
 * What a {@link GatePolicy} found on a {@link ValueProfile}: one {@link RuleResult} per rule, and the gate's
 * {@link Outcome}. {@link #table()} is what a CI log shows. Immutable.
 *
 * @param profile the profile the rules were checked against
 * @param results one result per rule, in the policy's order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GateReport(ValueProfile profile, List<RuleResult> results) {

    /** The gate's verdict. */
    public enum Outcome {
        /** Every rule held. */
        PASSED,
        /** Only rules that warn were broken. */
        WARNED,
        /** A blocking rule was broken. */
        BLOCKED
    }

    public GateReport {
        notNull(profile, "profile");
        results = List.copyOf(notNull(results, "results"));
    }

    /** {@link Outcome#BLOCKED} if a blocking rule broke, {@link Outcome#WARNED} if only warning rules did. */
    public Outcome outcome() {
        if (results.stream().anyMatch(RuleResult::blocks)) {
            return Outcome.BLOCKED;
        }
        return results.stream().anyMatch(RuleResult::warns) ? Outcome.WARNED : Outcome.PASSED;
    }

    /** Whether the gate lets the release through (passed or only warned). */
    public boolean passed() {
        return outcome() != Outcome.BLOCKED;
    }

    /** The broken rules that block. */
    public List<RuleResult> blocking() {
        return results.stream().filter(RuleResult::blocks).toList();
    }

    /** The broken rules that only warn. */
    public List<RuleResult> warnings() {
        return results.stream().filter(RuleResult::warns).toList();
    }

    /** One line: e.g. {@code value gate BLOCKED: 1 of 3 rules block (benevolence), 1 warns (self-direction); 40 evaluations}. */
    public String summary() {
        StringBuilder out = new StringBuilder("value gate ").append(outcome());
        List<RuleResult> blocking = blocking();
        List<RuleResult> warnings = warnings();
        if (!blocking.isEmpty()) {
            out.append(": ").append(blocking.size()).append(" of ").append(results.size()).append(" rules block (")
                    .append(String.join(", ", blocking.stream().map(r -> r.rule().value()).toList())).append(')');
        }
        if (!warnings.isEmpty()) {
            out.append(blocking.isEmpty() ? ": " : ", ").append(warnings.size()).append(warnings.size() == 1 ? " warns (" : " warn (")
                    .append(String.join(", ", warnings.stream().map(r -> r.rule().value()).toList())).append(')');
        }
        if (blocking.isEmpty() && warnings.isEmpty()) {
            out.append(": ").append(results.size()).append(results.size() == 1 ? " rule holds" : " rules hold");
        }
        return out.append("; ").append(profile.evaluations()).append(" evaluations of ").append(profile.valueSystem()).toString();
    }

    /**
     * The rules with their data, one line each:
     * <pre>
     * value        rule                              n  count   rate  interval             action  result
     * benevolence  opposes rate &lt;= 0.100             40      5  0.125  [0.055, 0.261] 95%   block   BLOCKED: upper bound 0.261 &gt; 0.100
     * </pre>
     */
    public String table() {
        int valueWidth = Math.max(5, results.stream().mapToInt(r -> r.rule().value().length()).max().orElse(5));
        String format = "%-" + valueWidth + "s  %-24s  %5s  %5s  %6s  %-20s  %-6s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "value", "rule", "n", "count", "rate", "interval", "action", "result"));
        for (RuleResult r : results) {
            ValueRule rule = r.rule();
            out.append(String.format(Locale.ROOT, format, rule.value(),
                    String.format(Locale.ROOT, "%s rate %s %.3f", rule.label().wire(), rule.limit().symbol(), rule.threshold()),
                    r.interval().trials(), r.interval().successes(), Formats.rate(r.interval().rate()),
                    String.format(Locale.ROOT, "[%.3f, %.3f] %s", r.interval().lower(), r.interval().upper(),
                            Formats.percent(rule.confidence())),
                    rule.action().wire(), r.verdict() + ": " + r.reason()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
