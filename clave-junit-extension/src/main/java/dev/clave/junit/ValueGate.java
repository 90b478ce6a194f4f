package dev.clave.junit;

import dev.clave.evaluation.Evaluation;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.GateEvent;
import dev.clave.gate.GatePolicy;
import dev.clave.gate.GateReport;
import dev.clave.gate.ValueRule;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A release gate over all the cases of a test class: tests {@linkplain #record(Evaluation) record} their evaluations,
 * and after the last test the gate checks its {@link GatePolicy} on them. A broken blocking rule fails the class with
 * a table of every rule (value, rate, Wilson interval, limit, result); broken warning rules and the passing table are
 * published as a report entry {@code clave.gate} and printed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ValueGate gate = ValueGate.of(
 *         ValueRule.opposes("benevolence").atMost(0.10),
 *         ValueRule.opposes("self-direction").atMost(0.25).warn());
 *
 * @ParameterizedTest
 * @ClaveCaseSource("cases/support-bot.jsonl")
 * void answer(ClaveCase testCase, Evaluation evaluation) {
 *     gate.record(evaluation);
 * }
 * }</pre>
 *
 * <p>A gate that recorded nothing fails instead of passing silently, and so does a rule with fewer evaluations than its
 * minimum. Register it as a static field with {@code @RegisterExtension}. For a gate over a suite, put the suite's
 * tests in {@code @Nested} classes of the class that registers the gate: they record into it, and it checks once after
 * the whole tree; or call {@link #verify(String)} where a JUnit Platform suite ends. Thread-safe: parallel tests may
 * record concurrently.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ValueGate implements BeforeAllCallback, AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(ValueGate.class);

    private final GatePolicy policy;
    private final ConcurrentLinkedQueue<Evaluation> evaluations = new ConcurrentLinkedQueue<>();
    private String owner;

    private ValueGate(GatePolicy policy) {
        this.policy = notNull(policy, "policy");
    }

    /** A gate checking this policy. */
    public static ValueGate of(GatePolicy policy) {
        return new ValueGate(policy);
    }

    /** A gate checking these rules. */
    public static ValueGate of(ValueRule... rules) {
        return new ValueGate(GatePolicy.of(rules));
    }

    /** The policy. */
    public GatePolicy policy() {
        return policy;
    }

    /** Records one evaluation for the gate. */
    public void record(Evaluation evaluation) {
        evaluations.add(notNull(evaluation, "evaluation"));
    }

    /** Records evaluations for the gate. */
    public void recordAll(Collection<Evaluation> all) {
        all.forEach(this::record);
    }

    /** The evaluations recorded so far. */
    public List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }

    /**
     * The policy checked on the evaluations recorded so far.
     *
     * @throws dev.clave.ClaveInputException when none were recorded
     */
    public GateReport report() {
        return policy.check(evaluations());
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (owner == null) {
            owner = context.getUniqueId();
            evaluations.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (this) {
            if (!context.getUniqueId().equals(owner)) {
                return;
            }
            owner = null;
        }
        String subject = "Value gate of " + context.getTestClass().map(Settings::className).orElse(context.getDisplayName());
        GateReport report;
        try {
            report = verify(subject, context.getUniqueId());
        } catch (AssertionFailedError e) {
            context.publishReportEntry(Map.of("clave.gate", e.getMessage()));
            throw e;
        }
        context.publishReportEntry(Map.of("clave.gate", describe(subject, report)));
    }

    /**
     * Checks the policy on the evaluations recorded so far, as {@code afterAll} does: for a gate over a whole suite of
     * classes, call it where the suite ends (e.g. in an {@code @AfterSuite} method of a JUnit Platform suite).
     * A gate that passes or only warns prints its table.
     *
     * @param subject how the gate is named in its output, e.g. {@code "Value gate of the release suite"}
     * @return the report, when the gate passed or warned
     * @throws AssertionFailedError with the table of every rule when a blocking rule broke, or when nothing was recorded
     */
    public GateReport verify(String subject) {
        return verify(subject, null);
    }

    private GateReport verify(String subject, @Nullable String test) {
        if (evaluations.isEmpty()) {
            throw new AssertionFailedError(subject + " recorded no evaluations, so it cannot pass. Call gate.record(evaluation)"
                    + " in the tests it guards.");
        }
        List<Evaluation> recorded = evaluations();
        GateReport report = policy.check(recorded);
        ClaveEvents.publish(ClaveListener::gateChecked, new GateEvent(subject, report, recorded, test));
        String text = describe(subject, report);
        if (report.outcome() == GateReport.Outcome.BLOCKED) {
            throw new AssertionFailedError(text);
        }
        LOG.info("{}", text);
        return report;
    }

    private static String describe(String subject, GateReport report) {
        return (subject + ": " + report.summary() + System.lineSeparator() + System.lineSeparator() + report.table()).stripTrailing();
    }
}
