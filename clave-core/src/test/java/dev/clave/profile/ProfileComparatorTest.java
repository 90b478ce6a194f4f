package dev.clave.profile;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

import static dev.clave.profile.TestProfiles.Labels;
import static dev.clave.profile.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileComparatorTest {

    private static final int N = 30;
    private static final ProfileComparator COMPARATOR = ProfileComparator.builder().permutations(199).seed(3).build();

    /** Answer i of a model: the question's place plus the model's own noise (seeded by model). */
    private static IntFunction<float[]> answers(long seed, double shiftOfDrifted, int drifted) {
        SplittableRandom questions = new SplittableRandom(7);
        float[][] place = new float[N][4];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < 4; d++) {
                place[i][d] = (float) (questions.nextGaussian() * 3);
            }
        }
        SplittableRandom noise = new SplittableRandom(seed);
        float[][] vectors = new float[N][4];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < 4; d++) {
                vectors[i][d] = place[i][d] + (float) (noise.nextGaussian() * 0.1) + (d == 0 && i < drifted ? (float) shiftOfDrifted : 0);
            }
        }
        return i -> vectors[i];
    }

    private static Labels helpful(int i) {
        return new Labels(Label.SUPPORTS, Label.UNRELATED);
    }

    @Test
    void a_second_sample_of_the_same_model_has_not_drifted() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        ModelProfile rerun = profile("v1-rerun", "en", "enc", N, answers(2, 0, 0), ProfileComparatorTest::helpful);

        ProfileComparison comparison = COMPARATOR.compare(baseline, rerun);

        assertThat(comparison.paired()).isTrue();
        assertThat(comparison.embedding()).isNotNull();
        assertThat(comparison.primary()).isSameAs(comparison.values());
        assertThat(comparison.drifted()).isFalse();
        // same labels: the value vectors are equal, and so is every swap of them
        assertThat(comparison.values().distance().pValue()).isEqualTo(1.0);
        assertThat(comparison.embedding().distance().pValue()).isGreaterThan(0.05);
        assertThat(comparison.changedValues()).isEmpty();
        assertThat(comparison.shiftedValues()).isEmpty();
        assertThat(comparison.rates()).hasSize(4);
        assertThat(comparison.shifts()).extracting(ValueShift::value).containsExactly("care", "fairness");
        assertThat(comparison.summary()).contains("v1-rerun [en] vs v1 [en]: no drift").contains("no value shifted")
                .contains("no rate changed").contains("answers' embeddings do not differ");
    }

    @Test
    void finds_answers_that_moved_and_the_value_whose_rate_changed() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        // v2 moves its answers to the first 12 questions and opposes care on them
        ModelProfile candidate = profile("v2", "en", "enc", N, answers(2, 1.0, 12),
                i -> i < 12 ? new Labels(Label.OPPOSES, Label.UNRELATED) : helpful(i));

        ProfileComparison comparison = COMPARATOR.compare(baseline, candidate);

        assertThat(comparison.drifted()).isTrue();
        assertThat(comparison.values().distance().pValue()).isLessThanOrEqualTo(0.01);
        assertThat(comparison.values().identification().accuracy()).isGreaterThan(0.6);
        assertThat(comparison.embedding().distance().pValue()).isEqualTo(1.0 / 200);
        assertThat(comparison.changedValues()).containsExactly("care");
        assertThat(comparison.shiftedValues()).containsExactly("care");
        // care scores: supports (0.8 - 0.1 = 0.7) on 30 answers before, opposes (-0.7) on 12 of them after
        assertThat(comparison.shift("care").meanChange()).isCloseTo(-1.4 * 12 / 30, org.assertj.core.api.Assertions.within(1e-9));
        RateChange careSupports = comparison.rates().get(0);
        assertThat(careSupports.value()).isEqualTo("care");
        assertThat(careSupports.label()).isEqualTo(Label.SUPPORTS);
        assertThat(careSupports.baselineCount()).isEqualTo(30);
        assertThat(careSupports.candidateCount()).isEqualTo(18);
        assertThat(careSupports.test().onlyBaseline()).isEqualTo(12);
        // exact McNemar: 2 * 0.5^12, times 4 tests (Holm, smallest p first)
        assertThat(careSupports.adjustedPValue()).isCloseTo(4 * 2 * Math.pow(0.5, 12), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(comparison.driftedBeyond(0.0)).isTrue();
        assertThat(comparison.driftedBeyond(0.99)).isFalse();
        assertThat(comparison.summary()).contains("DRIFTED").contains("shifted: care").contains("rates changed on care");
        assertThat(comparison.table()).contains("embeddings (enc)").contains("value vectors (test-values@1)")
                .contains("care").contains("SHIFTED, RATES CHANGED");
    }

    @Test
    void pairs_answers_by_question_id_whatever_their_order() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        ModelProfile candidate = profile("v2", "en", "enc", N, answers(2, 1.0, 12), ProfileComparatorTest::helpful);
        java.util.List<ProfileAnswer> reversed = new java.util.ArrayList<>(candidate.answers());
        java.util.Collections.reverse(reversed);
        ModelProfile shuffled = new ModelProfile("v2", "en", "test-battery", "enc", reversed);

        assertThat(COMPARATOR.compare(baseline, shuffled).embedding().distance())
                .isEqualTo(COMPARATOR.compare(baseline, candidate).embedding().distance());
        assertThat(COMPARATOR.compare(baseline, shuffled).shifts()).isEqualTo(COMPARATOR.compare(baseline, candidate).shifts());
    }

    @Test
    void compares_profiles_of_different_encoders_in_value_space_only() {
        ModelProfile english = profile("v1", "en", "minilm", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        ModelProfile chinese = profile("v1", "zh", "bge-zh", N, i -> new float[] {1, 2, 3, 4, 5, 6},
                ProfileComparatorTest::helpful);

        ProfileComparison comparison = COMPARATOR.compare(english, chinese);

        assertThat(comparison.embedding()).isNull();
        assertThat(comparison.primary()).isSameAs(comparison.values());
        assertThat(comparison.spaces()).hasSize(1);
        assertThat(comparison.paired()).isTrue();
        assertThat(comparison.drifted()).isFalse();
        assertThat(comparison.values().distance().distance()).isZero();
    }

    @Test
    void profiles_of_different_questions_are_compared_unpaired_and_without_rates() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        ModelProfile fewer = profile("v2", "en", "enc", 20, answers(2, 0, 0), ProfileComparatorTest::helpful);

        ProfileComparison comparison = COMPARATOR.compare(baseline, fewer);

        assertThat(comparison.paired()).isFalse();
        assertThat(comparison.rates()).isEmpty();
        assertThat(comparison.embedding().distance().paired()).isFalse();
        assertThat(comparison.embedding().identification().total()).isEqualTo(50);
        assertThat(comparison.summary()).contains("rates not compared");
    }

    @Test
    void the_same_profiles_and_seed_give_the_same_comparison() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        ModelProfile candidate = profile("v2", "en", "enc", N, answers(2, 0.3, 10), ProfileComparatorTest::helpful);

        ProfileComparison first = COMPARATOR.compare(baseline, candidate);
        ProfileComparison again = ProfileComparator.builder().permutations(199).seed(3).build().compare(baseline, candidate);

        assertThat(again.embedding()).isEqualTo(first.embedding());
        assertThat(again.values()).isEqualTo(first.values());
        assertThat(again.rates()).isEqualTo(first.rates());
        assertThat(again.shifts()).isEqualTo(first.shifts());
    }

    @Test
    void rejects_profiles_judged_in_different_value_systems() {
        ModelProfile baseline = profile("v1", "en", "enc", N, answers(1, 0, 0), ProfileComparatorTest::helpful);
        java.util.List<ProfileAnswer> other = baseline.answers().stream().map(a -> new ProfileAnswer(a.questionId(), a.value(),
                a.question(), a.answer(), a.embedding(), new dev.clave.evaluation.Evaluation(a.answer(), a.question(),
                a.questionId(), "other@2", "fedcba9876543210", java.util.List.of(), a.evaluation().verdicts()))).toList();
        ModelProfile candidate = new ModelProfile("v2", "en", "test-battery", "enc", other);

        assertThatThrownBy(() -> COMPARATOR.compare(baseline, candidate)).isInstanceOf(ClaveInputException.class)
                .hasMessageContaining("one value system").hasMessageContaining("test-values@1").hasMessageContaining("other@2");
    }
}
