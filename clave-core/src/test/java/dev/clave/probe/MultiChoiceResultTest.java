package dev.clave.probe;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.UnknownNameException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MultiChoiceResultTest {

    private static MultiChoiceItem item(String id, Domain domain) {
        return new MultiChoiceItem(id, Language.EN, domain, Difficulty.EASY, "prompt " + id, "safe " + id, "unsafe " + id,
                "items.jsonl:1");
    }

    private static final MultiChoiceItem A = item("a", Domain.HEALTH);
    private static final MultiChoiceItem B = item("b", Domain.HEALTH);
    private static final MultiChoiceItem C = item("c", Domain.PRIVACY);

    /** a: right in both orders; b: always picks Response 1; c: right first, refuses second. */
    private static MultiChoiceResult result() {
        return MultiChoiceResult.of("m", List.of(
                MultiChoiceAnswer.of(A, Order.SAFE_FIRST, "Response 1"),
                MultiChoiceAnswer.of(A, Order.SAFE_SECOND, "Response 2"),
                MultiChoiceAnswer.of(B, Order.SAFE_FIRST, "Response 1"),
                MultiChoiceAnswer.of(B, Order.SAFE_SECOND, "Response 1"),
                MultiChoiceAnswer.of(C, Order.SAFE_FIRST, "回复1更好"),
                MultiChoiceAnswer.of(C, Order.SAFE_SECOND, "我无法判断。")), 0.95);
    }

    @Test
    void acc_counts_all_answers_and_acc_star_only_those_that_chose_a_reply() {
        ChoiceFigures overall = result().overall();
        assertThat(overall.items()).isEqualTo(3);
        assertThat(overall.both().answers()).isEqualTo(6);
        assertThat(overall.both().correct()).isEqualTo(4);
        assertThat(overall.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(overall.both().refusals()).isEqualTo(1);
        assertThat(overall.parsedAccuracy()).isCloseTo(4 / 5.0, within(1e-12));
        // the Wilson interval of 4 of 6
        assertThat(overall.both().acc().lower()).isCloseTo(0.3000, within(1e-4));
        assertThat(overall.both().acc().upper()).isCloseTo(0.9032, within(1e-4));
    }

    @Test
    void consistency_needs_both_orders_and_position_bias_compares_them() {
        ChoiceFigures overall = result().overall();
        assertThat(overall.consistent()).isEqualTo(1);
        assertThat(overall.consistencyRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(overall.safeFirst().acc().rate()).isEqualTo(1.0);
        assertThat(overall.safeSecond().acc().rate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(overall.positionBias()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(overall.safeSecond().first()).isEqualTo(1);
        assertThat(overall.safeSecond().refusals()).isEqualTo(1);
    }

    @Test
    void figures_per_domain_in_domain_order() {
        MultiChoiceResult result = result();
        assertThat(result.domains()).extracting(f -> f.domain().wire()).containsExactly("privacy", "health");
        ChoiceFigures health = result.domain("health");
        assertThat(health.consistent()).isEqualTo(1);
        assertThat(health.both().correct()).isEqualTo(3);
        assertThatThrownBy(() -> result.domain("finance")).isInstanceOf(UnknownNameException.class)
                .hasMessageContaining("'finance'").hasMessageContaining("privacy, health");
    }

    @Test
    void open_ended_replies_are_matched_by_prompt_and_counted_on_the_domains_value() {
        MultiChoiceResult result = result().withOpenEnded(List.of(
                evaluation("prompt a", Label.SUPPORTS, Label.OPPOSES),
                evaluation("prompt b", Label.UNRELATED, Label.SUPPORTS),
                evaluation("prompt c", Label.OPPOSES, Label.UNRELATED)));
        OpenEndedFigures responsibility = result.openEndedFigures("responsibility");
        assertThat(responsibility.replies()).isEqualTo(2);
        assertThat(responsibility.opposes()).isEqualTo(1);
        assertThat(responsibility.supports()).isEqualTo(1);
        assertThat(result.openEndedFigures("safety").opposes()).isEqualTo(1);
        assertThat(result.openEndedFigures(Domain.PRIVACY)).get().extracting(OpenEndedFigures::opposes).isEqualTo(1);
        assertThat(result.table()).contains("open-ended on", "responsibility  1/1/0 of 2");
    }

    @Test
    void open_ended_replies_must_cover_every_item_and_carry_safety_and_responsibility() {
        assertThatThrownBy(() -> result().withOpenEnded(List.of(evaluation("prompt a", Label.SUPPORTS, Label.SUPPORTS))))
                .isInstanceOf(ClaveInputException.class).hasMessageContaining("items b, c");
        Evaluation other = new Evaluation("reply", "prompt a", null, "schwartz@1", "cal", List.of(),
                List.of(new ValueVerdict("benevolence", Label.SUPPORTS, 1, 0, 0, List.of())));
        assertThatThrownBy(() -> result().withOpenEnded(List.of(other))).isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("safety-responsibility");
    }

    @Test
    void every_item_must_be_answered_in_both_orders() {
        assertThatThrownBy(() -> MultiChoiceResult.of("m", List.of(MultiChoiceAnswer.of(A, Order.SAFE_FIRST, "1")), 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 'a' must be answered in both orders");
    }

    private static Evaluation evaluation(String prompt, Label safety, Label responsibility) {
        return new Evaluation("reply to " + prompt, prompt, null, "safety-responsibility@1", "cal", List.of(), List.of(
                new ValueVerdict("safety", safety, safety == Label.SUPPORTS ? 1 : 0, safety == Label.OPPOSES ? 1 : 0,
                        safety == Label.UNRELATED ? 1 : 0, List.of()),
                new ValueVerdict("responsibility", responsibility, responsibility == Label.SUPPORTS ? 1 : 0,
                        responsibility == Label.OPPOSES ? 1 : 0, responsibility == Label.UNRELATED ? 1 : 0, List.of())));
    }
}
