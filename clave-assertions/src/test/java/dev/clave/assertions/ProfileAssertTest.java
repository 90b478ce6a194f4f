package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.DriftEvent;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileAnswer;
import dev.clave.profile.ProfileComparator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileAssertTest {

    private static final int N = 30;
    private static final ProfileComparator FAST = ProfileComparator.builder().permutations(199).build();

    /**
     * A profile of 30 answers: each answer sits at its question's place plus the model's noise; the first
     * {@code drifted} answers move by 1 along the first axis and oppose care.
     */
    private static ModelProfile profile(String model, long noiseSeed, int drifted) {
        SplittableRandom questions = new SplittableRandom(7);
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        List<ProfileAnswer> answers = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            float[] vector = new float[3];
            for (int d = 0; d < 3; d++) {
                vector[d] = (float) (questions.nextGaussian() * 3 + noise.nextGaussian() * 0.1 + (d == 0 && i < drifted ? 1 : 0));
            }
            Label care = i < drifted ? Label.OPPOSES : Label.SUPPORTS;
            Evaluation evaluation = new Evaluation(model + " answer " + i, "question " + i, "q" + i, "helpdesk@1", "c0ffee",
                    List.of(), List.of(verdict("care", care), verdict("honesty", Label.UNRELATED)));
            answers.add(new ProfileAnswer("q" + i, "care", "question " + i, model + " answer " + i, vector, evaluation));
        }
        return new ModelProfile(model, "en", "test-battery", "enc", answers);
    }

    private static ValueVerdict verdict(String value, Label label) {
        return new ValueVerdict(value, label, label == Label.SUPPORTS ? 0.8 : 0.1, label == Label.OPPOSES ? 0.8 : 0.1,
                label == Label.UNRELATED ? 0.8 : 0.1, List.of());
    }

    @Test
    void a_rerun_has_not_drifted_and_a_drifted_candidate_fails_with_the_comparison_table() {
        ModelProfile v1 = profile("v1", 1, 0);
        ModelProfile rerun = profile("v1-rerun", 2, 0);
        ModelProfile v2 = profile("v2", 3, 12);

        assertThatCode(() -> assertThat(rerun).hasNotDriftedFrom(v1).using(FAST).beyond(0.05).hasNoRateChange())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(v2).hasNotDriftedFrom(v1).using(FAST).beyond(0.001))
                .hasMessageContaining("Expecting profile comparison:%n  v2 [en] vs v1 [en]: DRIFTED".formatted())
                .hasMessageContaining("not to have drifted beyond H 0.001,")
                .hasMessageContaining("but the value vectors (helpdesk@1) moved: energy coefficient H")
                .hasMessageContaining("source identification")
                .hasMessageContaining("care");
        assertThatThrownBy(() -> assertThat(v2).hasNotDriftedFrom(v1).using(FAST).atAll())
                .hasMessageContaining("not to have drifted,");
    }

    @Test
    void a_large_tolerance_lets_a_small_drift_pass() {
        ModelProfile v1 = profile("v1", 1, 0);
        ModelProfile v2 = profile("v2", 3, 12);

        assertThatCode(() -> assertThat(v2).hasNotDriftedFrom(v1).using(FAST).beyond(0.9)).doesNotThrowAnyException();
    }

    @Test
    void a_drifted_candidate_names_the_values_whose_rates_changed() {
        ModelProfile v1 = profile("v1", 1, 0);
        ModelProfile v2 = profile("v2", 3, 12);

        assertThatCode(() -> assertThat(v2).hasDriftedFrom(v1, FAST).changesRatesOn("care").hasShiftedOn("care"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(v2).hasDriftedFrom(v1, FAST).hasShiftedOn("honesty"))
                .hasMessageContaining("to shift on honesty,%nbut these values shifted: care.".formatted());
        assertThatThrownBy(() -> assertThat(v2).hasDriftedFrom(v1, FAST).hasNoShift())
                .hasMessageContaining("to shift no value,");
        assertThatThrownBy(() -> assertThat(v2).hasDriftedFrom(v1, FAST).changesRatesOn("honesty"))
                .hasMessageContaining("to change the rates of exactly honesty,%nbut rates changed on care.".formatted());
        assertThatThrownBy(() -> assertThat(profile("v1-rerun", 2, 0)).hasDriftedFrom(v1, FAST))
                .hasMessageContaining("to have drifted,%nbut the value vectors (helpdesk@1) did not move significantly".formatted());
    }

    @Test
    void checks_tell_the_listeners_what_they_expected_and_whether_it_held() {
        List<DriftEvent> events = new ArrayList<>();
        ModelProfile v1 = profile("v1", 1, 0);
        ModelProfile v2 = profile("v2", 3, 12);
        try (ClaveEvents.Registration ignored = ClaveEvents.register(new ClaveListener() {
            @Override
            public void driftChecked(DriftEvent event) {
                events.add(event);
            }
        })) {
            var unfinished = assertThat(v2).hasNotDriftedFrom(v1);
            assertThat(events).as("nothing is compared before beyond(...)").isEmpty();
            assertThatThrownBy(() -> unfinished.using(FAST).beyond(0.001)).isInstanceOf(AssertionError.class);
            assertThat(v2).hasDriftedFrom(v1, FAST);
        }

        assertThat(events).hasSize(2);
        assertThat(events.get(0).expectation()).isEqualTo(DriftEvent.Expectation.NO_DRIFT);
        assertThat(events.get(0).tolerance()).isEqualTo(0.001);
        assertThat(events.get(0).description()).isEqualTo("has not drifted beyond H 0.001");
        assertThat(events.get(0).held()).isFalse();
        assertThat(events.get(1).expectation()).isEqualTo(DriftEvent.Expectation.DRIFT);
        assertThat(events.get(1).held()).isTrue();
        assertThat(events.get(1).comparison().candidate().model()).isEqualTo("v2");
    }

    @Test
    void rate_bounds_pass_and_fail_with_the_wilson_interval_and_the_table() {
        ModelProfile v2 = profile("v2", 3, 12);

        assertThatCode(() -> assertThat(v2).hasAnswers(30).supportsAtLeast("care", 0.6).opposesAtMost("care", 0.4))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(v2).opposesAtMost("care", 0.1))
                .hasMessageContaining("to have a rate of opposes of at most 0.1 for value \"care\",")
                .hasMessageContaining("but it is 0.400 (12 of 30 answers; 95% Wilson interval [0.246, 0.577])")
                .hasMessageContaining("on its questions");
        assertThatThrownBy(() -> assertThat(v2).hasAnswers(31)).hasMessageContaining("to have 31 answers,%nbut it has 30."
                .formatted());
    }

    @Test
    void soft_assertions_collect_comparison_failures() {
        ClaveSoftAssertions softly = new ClaveSoftAssertions();
        var comparison = FAST.compare(profile("v1", 1, 0), profile("v2", 3, 12));

        softly.assertThat(comparison).hasNotDrifted();
        softly.assertThat(comparison).hasNoRateChange();

        assertThat(softly.errorsCollected()).hasSize(2);
    }
}
