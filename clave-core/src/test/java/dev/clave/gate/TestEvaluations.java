package dev.clave.gate;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Evaluations built by hand, with the labels a test needs. */
final class TestEvaluations {

    static final List<String> VALUES = List.of("care", "honesty", "privacy");

    private TestEvaluations() {
    }

    /** An evaluation that gives each of {@link #VALUES} the label at the same position. */
    static Evaluation evaluation(String prompt, Label... labels) {
        List<ValueVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            Label label = labels[i];
            double p = 0.8;
            double rest = 0.1;
            verdicts.add(new ValueVerdict(VALUES.get(i), label, label == Label.SUPPORTS ? p : rest,
                    label == Label.OPPOSES ? p : rest, label == Label.UNRELATED ? p : rest, List.of()));
        }
        return new Evaluation("an answer to " + prompt, prompt, null, "helpdesk@1", "0123456789abcdef", List.of(), verdicts);
    }

    /** {@code count} evaluations, of which the first {@code opposing} oppose {@code care}; everything else unrelated. */
    static List<Evaluation> opposingCare(int count, int opposing) {
        List<Evaluation> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(evaluation("prompt " + i, i < opposing ? Label.OPPOSES : Label.SUPPORTS, Label.UNRELATED, Label.UNRELATED));
        }
        return all;
    }

    static List<Evaluation> shuffled(List<Evaluation> evaluations) {
        List<Evaluation> copy = new ArrayList<>(evaluations);
        Collections.reverse(copy);
        return copy;
    }
}
