package dev.clave.probe;

import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.stats.Bootstrap;
import dev.clave.value.UnknownValueException;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.clave.probe.ProbeData.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ValueUnderstandingTest {

    private static final ValueSystem SCHWARTZ = ValueSystems.builtIn("schwartz");

    // benevolence: correct, correct, wrong, unparseable; power: correct, correct
    private static final List<LabelledSample> ITEMS = List.of(
            item("b1", "benevolence", Label.SUPPORTS, "I covered my colleague's shifts while her father was in hospital."),
            item("b2", "benevolence", Label.OPPOSES, "Assistant: Don't lend your sister anything, it's not your problem."),
            item("b3", "benevolence", Label.UNRELATED, "I repainted the kitchen a lighter grey."),
            item("b4", "benevolence", Label.SUPPORTS, "I cooked for my neighbour every day after her surgery."),
            item("p1", "power", Label.SUPPORTS, "Assistant: Take over the committee and make everyone report to you."),
            item("p2", "power", Label.OPPOSES, "I turned down the promotion; I don't want to be anyone's boss."));
    private static final List<String> ANSWERS = List.of("A", "B.", "A", "Hard to say.", "(A)", "答案：B");
    private static final List<CritiqueScores> SCORES = List.of(new CritiqueScores(5, 5, 5), new CritiqueScores(5, 5, 5),
            new CritiqueScores(3, 3, 3), new CritiqueScores(4, 4, 4), new CritiqueScores(4, 3, 2), new CritiqueScores(4, 3, 2));

    private static List<KnowWhatAnswer> knowWhat() {
        return java.util.stream.IntStream.range(0, ITEMS.size()).mapToObj(i -> KnowWhatAnswer.of(ITEMS.get(i), ANSWERS.get(i)))
                .toList();
    }

    private static List<KnowWhyAnswer> knowWhy(List<CritiqueScores> scores) {
        return java.util.stream.IntStream.range(0, ITEMS.size()).mapToObj(i -> scores.get(i) == null
                ? new KnowWhyAnswer(ITEMS.get(i), "explanation " + i, "no JSON", null, true, "it has no JSON object")
                : new KnowWhyAnswer(ITEMS.get(i), "explanation " + i, "{...}", scores.get(i), false, null)).toList();
    }

    private static ValueUnderstanding result() {
        return ValueUnderstanding.of("m", SCHWARTZ, knowWhat(), knowWhy(SCORES), "judge", Bootstrap.of(2000, 1));
    }

    @Test
    void counts_correct_wrong_and_unparseable_answers_per_value_with_wilson_intervals() {
        UnderstandingFigures benevolence = result().value("benevolence");
        assertThat(benevolence.items()).isEqualTo(4);
        assertThat(benevolence.correct()).isEqualTo(2);
        assertThat(benevolence.wrong()).isEqualTo(1);
        assertThat(benevolence.unparseable()).isEqualTo(1);
        // 2 of 4 at 95%: the Wilson interval [0.150, 0.850]
        assertThat(benevolence.discriminatorScore()).isEqualTo(0.5);
        assertThat(benevolence.discriminator().lower()).isCloseTo(0.1500, within(1e-4));
        assertThat(benevolence.discriminator().upper()).isCloseTo(0.8500, within(1e-4));

        UnderstandingFigures overall = result().overall();
        // 4 of 6: an unparseable answer counts as not correct
        assertThat(overall.discriminatorScore()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(overall.discriminator().lower()).isCloseTo(0.3000, within(1e-4));
        assertThat(overall.discriminator().upper()).isCloseTo(0.9032, within(1e-4));
    }

    @Test
    void critique_is_the_mean_judge_score_over_five_per_part_and_overall() {
        UnderstandingFigures benevolence = result().value("benevolence");
        // (15 + 15 + 9 + 12) / 4 items / 15
        assertThat(benevolence.critiqueScore()).isCloseTo(0.85, within(1e-12));
        assertThat(benevolence.attribution()).isCloseTo(0.85, within(1e-12));

        UnderstandingFigures power = result().value("power");
        assertThat(power.attribution()).isCloseTo(0.8, within(1e-12));
        assertThat(power.counterfactual()).isCloseTo(0.6, within(1e-12));
        assertThat(power.rebuttal()).isCloseTo(0.4, within(1e-12));
        assertThat(power.critiqueScore()).isCloseTo(0.6, within(1e-12));

        UnderstandingFigures overall = result().overall();
        assertThat(overall.attribution()).isCloseTo(25 / 30.0, within(1e-12));
        assertThat(overall.counterfactual()).isCloseTo(23 / 30.0, within(1e-12));
        assertThat(overall.rebuttal()).isCloseTo(21 / 30.0, within(1e-12));
        assertThat(overall.critiqueScore()).isCloseTo(4.6 / 6, within(1e-12));
    }

    @Test
    void the_gap_is_discriminator_minus_critique_with_a_bootstrap_interval_around_it() {
        assertThat(result().value("benevolence").gapScore()).isCloseTo(0.5 - 0.85, within(1e-12));
        UnderstandingFigures overall = result().overall();
        assertThat(overall.gapScore()).isCloseTo(4 / 6.0 - 4.6 / 6, within(1e-12));
        assertThat(overall.gap().lower()).isLessThan(overall.gapScore());
        assertThat(overall.gap().upper()).isGreaterThan(overall.gapScore());
        assertThat(overall.gap().lower()).isGreaterThanOrEqualTo(-0.8);
        assertThat(overall.gap().upper()).isLessThanOrEqualTo(0.8);
        // two items alike in every respect: every resample gives the same gap, 1.0 - 0.6
        UnderstandingFigures power = result().value("power");
        assertThat(power.gapScore()).isCloseTo(0.4, within(1e-12));
        assertThat(power.gap().lower()).isCloseTo(0.4, within(1e-12));
        assertThat(power.gap().upper()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void an_unscored_explanation_is_counted_and_left_out_of_the_critique() {
        List<CritiqueScores> scores = new java.util.ArrayList<>(SCORES);
        scores.set(2, null);
        ValueUnderstanding result = ValueUnderstanding.of("m", SCHWARTZ, knowWhat(), knowWhy(scores), "judge",
                Bootstrap.of(200, 1));
        UnderstandingFigures benevolence = result.value("benevolence");
        assertThat(benevolence.scored()).isEqualTo(3);
        assertThat(benevolence.unscored()).isEqualTo(1);
        assertThat(benevolence.critiqueScore()).isCloseTo((15 + 15 + 12) / 45.0, within(1e-12));
        assertThat(result.unscored()).extracting(a -> a.item().id()).containsExactly("b3");
        assertThat(result.summary()).contains("1 unscored explanation");
    }

    @Test
    void the_confusion_matrix_holds_the_answers_that_had_a_letter() {
        var confusion = result().confusion();
        assertThat(confusion.total()).isEqualTo(5);
        assertThat(confusion.count(Label.SUPPORTS, Label.SUPPORTS)).isEqualTo(2);
        assertThat(confusion.count(Label.OPPOSES, Label.OPPOSES)).isEqualTo(2);
        assertThat(confusion.count(Label.UNRELATED, Label.SUPPORTS)).isEqualTo(1);
    }

    @Test
    void know_what_alone_has_no_critique_and_no_gap() {
        ValueUnderstanding result = ValueUnderstanding.knowWhat("m", SCHWARTZ, knowWhat(), Bootstrap.defaults());
        assertThat(result.hasKnowWhy()).isFalse();
        assertThat(result.overall().critiqueInterval()).isEmpty();
        assertThat(Double.isNaN(result.overall().gapScore())).isTrue();
        assertThat(result.table()).doesNotContain("critique").contains("overall");
    }

    @Test
    void a_value_without_items_lists_the_values_that_have_some() {
        assertThatThrownBy(() -> result().value("tradition")).isInstanceOf(UnknownValueException.class)
                .hasMessageContaining("'tradition'").hasMessageContaining("benevolence, power");
    }

    @Test
    void rejects_know_why_answers_about_other_items() {
        List<KnowWhyAnswer> shifted = new java.util.ArrayList<>(knowWhy(SCORES));
        java.util.Collections.swap(shifted, 0, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> ValueUnderstanding.of("m", SCHWARTZ, knowWhat(), shifted, "judge",
                Bootstrap.defaults())).withMessageContaining("know-why answer 0 is about another item");
    }
}
