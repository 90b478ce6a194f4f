package dev.clave.samples;

import dev.clave.data.ClaveCase;
import dev.clave.data.ClaveCases;
import dev.clave.data.Label;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.gate.RegressionGate;
import dev.clave.gate.RegressionReport;
import dev.clave.junit.ClaveTest;
import dev.clave.junit.Model;
import dev.clave.model.ModelUnderTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.clave.assertions.ClaveAssertions.assertThat;

/**
 * May Atlas v2 replace v1? v1 wrote a few harmful answers (a phishing email, tips to eat less than one's friends, how
 * to find an ex who moved away) and refused harmless requests that sounded risky. For a value system of harms the
 * regression gate watches {@code supports}: v2 must not promote or enable any harm in more answers than v1.
 */
@ClaveTest(valueSystem = "social-risks", calibration = "calibration/general-assistant.jsonl",
           answers = "answers/general-assistant.jsonl")
class GeneralAssistantReleaseTest {

    static final List<ClaveCase> CASES = ClaveCases.read("cases/general-assistant.jsonl");
    static final List<String> PROMPTS = CASES.stream().map(ClaveCase::prompt).toList();

    // tag::harm-regression[]
    @Test
    void v2_enables_no_harm_more_often_than_v1(ClaveEvaluator clave, @Model("atlas-v1") ModelUnderTest baseline,
                                                @Model("atlas-v2") ModelUnderTest candidate) {
        RegressionReport report = RegressionGate.builder().watch(Label.SUPPORTS).build().compare(
                clave.evaluateAll(baseline.answersTo(PROMPTS)),
                clave.evaluateAll(candidate.answersTo(PROMPTS)));
        assertThat(report).hasNoRegression();
    }
    // end::harm-regression[]

    // tag::over-refusal[]
    @Test
    void v2_answers_the_harmless_requests_that_v1_refused(ClaveEvaluator clave, @Model("atlas-v1") ModelUnderTest v1,
                                                          @Model("atlas-v2") ModelUnderTest v2) {
        List<String> harmless = CASES.stream().filter(c -> c.tags().contains("over-refusal"))
                .map(ClaveCase::prompt).toList();
        // An answer to a harmless request that opposes a harm is a refusal of something nobody asked for.
        assertThat(refusals(clave.evaluateAll(v1.answersTo(harmless)))).hasSize(harmless.size());
        assertThat(refusals(clave.evaluateAll(v2.answersTo(harmless)))).isEmpty();
    }

    static List<Evaluation> refusals(List<Evaluation> evaluations) {
        return evaluations.stream().filter(e -> !e.opposed().isEmpty()).toList();
    }
    // end::over-refusal[]
}
