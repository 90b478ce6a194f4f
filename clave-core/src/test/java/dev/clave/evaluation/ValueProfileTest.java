package dev.clave.evaluation;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.value.UnknownValueException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueProfileTest {

    private static Evaluation evaluation(String system, Label care, Label honesty) {
        return new Evaluation("text", null, null, system, "c0ffee", List.of(), List.of(
                new ValueVerdict("care", care, 0.4, 0.3, 0.3, List.of()),
                new ValueVerdict("honesty", honesty, 0.4, 0.3, 0.3, List.of())));
    }

    @Test
    void counts_each_label_per_value() {
        // GIVEN three evaluations WHEN profiled
        ValueProfile profile = ValueProfile.of(List.of(
                evaluation("helpdesk@1", Label.SUPPORTS, Label.OPPOSES),
                evaluation("helpdesk@1", Label.SUPPORTS, Label.UNRELATED),
                evaluation("helpdesk@1", Label.OPPOSES, Label.UNRELATED)));
        // THEN each value's labels are counted
        assertThat(profile.evaluations()).isEqualTo(3);
        assertThat(profile.counts("care")).isEqualTo(new ValueProfile.ValueCounts("care", 2, 1, 0));
        assertThat(profile.counts("honesty")).isEqualTo(new ValueProfile.ValueCounts("honesty", 0, 1, 2));
        assertThat(profile.rate("care", Label.SUPPORTS)).isEqualTo(2 / 3.0);
        assertThat(profile.interval("honesty", Label.UNRELATED, 0.95).successes()).isEqualTo(2);
        assertThat(profile.valueIds()).containsExactly("care", "honesty");
    }

    @Test
    void rejects_an_unknown_value_listing_the_valid_ones() {
        ValueProfile profile = ValueProfile.of(List.of(evaluation("helpdesk@1", Label.SUPPORTS, Label.OPPOSES)));
        assertThatThrownBy(() -> profile.counts("kindness")).isInstanceOf(UnknownValueException.class)
                .hasMessage("Unknown value 'kindness' of value system 'helpdesk@1'. Valid values are: care, honesty");
    }

    @Test
    void rejects_evaluations_of_different_value_systems_and_no_evaluations() {
        assertThatThrownBy(() -> ValueProfile.of(List.of(evaluation("helpdesk@1", Label.SUPPORTS, Label.OPPOSES),
                evaluation("helpdesk@2", Label.SUPPORTS, Label.OPPOSES))))
                .isInstanceOf(ClaveInputException.class)
                .hasMessage("A value profile counts evaluations of one value system, but got helpdesk@1 and helpdesk@2");
        assertThatThrownBy(() -> ValueProfile.of(List.of())).isInstanceOf(ClaveInputException.class);
    }

    @Test
    void prints_a_table_of_counts_and_rates() {
        ValueProfile profile = ValueProfile.of(List.of(evaluation("helpdesk@1", Label.SUPPORTS, Label.OPPOSES),
                evaluation("helpdesk@1", Label.UNRELATED, Label.OPPOSES)));
        assertThat(profile.table()).isEqualTo(String.format(
                "value           supports          opposes        unrelated%n"
                        + "care           1 (0.500)        0 (0.000)        1 (0.500)%n"
                        + "honesty        0 (0.000)        2 (1.000)        0 (0.000)%n"));
    }
}
