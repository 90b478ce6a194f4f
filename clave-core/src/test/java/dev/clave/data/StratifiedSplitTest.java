package dev.clave.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StratifiedSplitTest {

    private static List<LabelledSample> data() {
        List<LabelledSample> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Label label = i < 200 ? Label.UNRELATED : i < 297 ? Label.SUPPORTS : Label.OPPOSES;
            samples.add(new LabelledSample("text " + i, "care", label));
            samples.add(new LabelledSample("text " + i, "fairness", i % 2 == 0 ? Label.SUPPORTS : Label.UNRELATED));
        }
        return samples;
    }

    @Test
    void draws_the_asked_number_per_value_in_proportion_and_keeps_rare_labels() {
        StratifiedSplit split = StratifiedSplit.of(data(), 30, 2, 7);

        Map<String, Map<Label, Long>> counts = split.calibration().stream().collect(Collectors.groupingBy(
                LabelledSample::value, Collectors.groupingBy(LabelledSample::label, Collectors.counting())));
        assertThat(counts.get("care")).containsEntry(Label.UNRELATED, 19L).containsEntry(Label.SUPPORTS, 9L)
                .containsEntry(Label.OPPOSES, 2L);
        assertThat(counts.get("fairness")).containsEntry(Label.SUPPORTS, 15L).containsEntry(Label.UNRELATED, 15L);
    }

    @Test
    void puts_every_sample_in_exactly_one_part() {
        List<LabelledSample> data = data();
        StratifiedSplit split = StratifiedSplit.of(data, 30, 2, 7);

        assertThat(split.calibration()).hasSize(60);
        List<LabelledSample> both = new ArrayList<>(split.calibration());
        both.addAll(split.test());
        assertThat(both).containsExactlyInAnyOrderElementsOf(data);
    }

    @Test
    void is_deterministic_for_a_seed() {
        assertThat(StratifiedSplit.of(data(), 30, 2, 7)).isEqualTo(StratifiedSplit.of(data(), 30, 2, 7));
        assertThat(StratifiedSplit.of(data(), 30, 2, 7)).isNotEqualTo(StratifiedSplit.of(data(), 30, 2, 8));
    }
}
