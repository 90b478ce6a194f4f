package dev.clave.assertions;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import dev.clave.gate.GateReport;
import dev.clave.gate.RegressionReport;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileComparison;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.ValueUnderstanding;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;

/**
 * The entry point of Clave's AssertJ assertions. It extends AssertJ's {@link Assertions}, so one static import
 * gives both:
 *
 * <pre>{@code
 * import static dev.clave.assertions.ClaveAssertions.assertThat;
 *
 * assertThat(clave.evaluate(answer)).opposesNothing().supports("benevolence");
 * assertThat(answer).contains("vet");
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ClaveAssertions extends Assertions {

    protected ClaveAssertions() {
    }

    /** Assertions on what the evaluator said about one text. */
    public static EvaluationAssert assertThat(Evaluation actual) {
        return new EvaluationAssert(actual);
    }

    /** Assertions on label rates over many evaluations. */
    public static ValueProfileAssert assertThat(ValueProfile actual) {
        return new ValueProfileAssert(actual);
    }

    /** Assertions on the outcome of a value gate. */
    public static GateReportAssert assertThat(GateReport actual) {
        return new GateReportAssert(actual);
    }

    /** Assertions on the comparison of a candidate model with a baseline. */
    public static RegressionReportAssert assertThat(RegressionReport actual) {
        return new RegressionReportAssert(actual);
    }

    /** Assertions on the value profile of a model in a language: rates per value, drift from a baseline. */
    public static ModelProfileAssert assertThat(ModelProfile actual) {
        return new ModelProfileAssert(actual);
    }

    /** Assertions on the comparison of two value profiles. */
    public static ProfileComparisonAssert assertThat(ProfileComparison actual) {
        return new ProfileComparisonAssert(actual);
    }

    /** Assertions on a value-understanding probe: discriminator score, critique score and their gap (VUM). */
    public static ValueUnderstandingAssert assertThat(ValueUnderstanding actual) {
        return new ValueUnderstandingAssert(actual);
    }

    /** Assertions on a multiple-choice probe of safety and responsibility (CValues). */
    public static MultiChoiceAssert assertThat(MultiChoiceResult actual) {
        return new MultiChoiceAssert(actual);
    }
}
