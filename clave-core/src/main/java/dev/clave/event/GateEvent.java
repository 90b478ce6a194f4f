package dev.clave.event;

import dev.clave.evaluation.Evaluation;
import dev.clave.gate.GateReport;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A value gate checked its policy.
 *
 * @param subject     how the gate is named, e.g. {@code Value gate of SupportBotCasesTest}
 * @param report      every rule with its rate, interval and result, and the outcome
 * @param evaluations the evaluations the gate judged, in the order they were recorded
 * @param test        the unique id of the test container the gate guards, when a test ran it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GateEvent(String subject, GateReport report, List<Evaluation> evaluations, @Nullable String test) {

    public GateEvent {
        notBlank(subject, "subject");
        notNull(report, "report");
        evaluations = List.copyOf(notNull(evaluations, "evaluations"));
    }
}
