package dev.clave.event;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.data.Label;
import dev.clave.gate.GatePolicy;
import dev.clave.gate.GateReport;
import dev.clave.gate.ValueRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ClaveEventsTest {

    @BeforeEach
    void clear() {
        DiscoveredListener.GATES.clear();
    }

    static Evaluation evaluation(String text, Label label) {
        return new Evaluation(text, null, null, "mini@1", "cal-1", List.of(),
                List.of(new ValueVerdict("care", label, label == Label.SUPPORTS ? 1 : 0, label == Label.OPPOSES ? 1 : 0,
                        label == Label.UNRELATED ? 1 : 0, List.of())));
    }

    static GateEvent gateEvent() {
        List<Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            evaluations.add(evaluation("answer " + i, Label.SUPPORTS));
        }
        GateReport report = GatePolicy.of(ValueRule.opposes("care").atMost(0.2)).check(evaluations);
        return new GateEvent("Value gate of a test", report, evaluations, "[engine:junit-jupiter]/[class:X]");
    }

    @Test
    void delivers_events_to_the_listeners_in_meta_inf_services_and_to_registered_ones() {
        List<GateEvent> seen = new CopyOnWriteArrayList<>();
        GateEvent event = gateEvent();
        try (ClaveEvents.Registration registration = ClaveEvents.register(new ClaveListener() {
            @Override
            public void gateChecked(GateEvent e) {
                seen.add(e);
            }
        })) {
            ClaveEvents.publish(ClaveListener::gateChecked, event);
        }
        ClaveEvents.publish(ClaveListener::gateChecked, event);

        assertThat(DiscoveredListener.GATES).containsExactly(event, event);
        assertThat(seen).containsExactly(event);
        assertThat(ClaveEvents.listeners()).hasAtLeastOneElementOfType(DiscoveredListener.class)
                .hasAtLeastOneElementOfType(FailingListener.class);
    }

    @Test
    void a_listener_that_throws_or_misses_a_class_is_ignored_and_the_others_still_hear_the_event() {
        GateEvent event = gateEvent();

        // the failing listener comes first in META-INF/services; it throws an exception, then a linkage error
        assertThatCode(() -> ClaveEvents.publish(ClaveListener::gateChecked, event)).doesNotThrowAnyException();
        assertThatCode(() -> ClaveEvents.publish(ClaveListener::evaluated,
                new EvaluationEvent(evaluation("text", Label.SUPPORTS), "offline-sentences", null, null, List.of(), null)))
                .doesNotThrowAnyException();

        assertThat(DiscoveredListener.GATES).containsExactly(event);
    }
}
