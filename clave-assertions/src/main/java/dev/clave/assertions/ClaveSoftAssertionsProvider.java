package dev.clave.assertions;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import dev.clave.gate.GateReport;
import dev.clave.gate.RegressionReport;
import dev.clave.profile.ProfileComparison;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.ValueUnderstanding;
import org.apiguardian.api.API;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft versions of Clave's assertions: mix this interface into any AssertJ {@link SoftAssertionsProvider} to collect
 * failures about evaluations, profiles, gate reports and probe results instead of stopping at the first. {@link ClaveSoftAssertions}
 * is the ready-made one.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ClaveSoftAssertionsProvider extends SoftAssertionsProvider {

    /** Soft assertions on what the evaluator said about one text. */
    default EvaluationAssert assertThat(Evaluation actual) {
        return proxy(EvaluationAssert.class, Evaluation.class, actual);
    }

    /** Soft assertions on label rates over many evaluations. */
    default ValueProfileAssert assertThat(ValueProfile actual) {
        return proxy(ValueProfileAssert.class, ValueProfile.class, actual);
    }

    /** Soft assertions on the outcome of a value gate. */
    default GateReportAssert assertThat(GateReport actual) {
        return proxy(GateReportAssert.class, GateReport.class, actual);
    }

    /** Soft assertions on the comparison of a candidate model with a baseline. */
    default RegressionReportAssert assertThat(RegressionReport actual) {
        return proxy(RegressionReportAssert.class, RegressionReport.class, actual);
    }

    /** Soft assertions on the comparison of two value profiles. */
    default ProfileComparisonAssert assertThat(ProfileComparison actual) {
        return proxy(ProfileComparisonAssert.class, ProfileComparison.class, actual);
    }

    /** Soft assertions on a value-understanding probe. */
    default ValueUnderstandingAssert assertThat(ValueUnderstanding actual) {
        return proxy(ValueUnderstandingAssert.class, ValueUnderstanding.class, actual);
    }

    /** Soft assertions on a multiple-choice probe. */
    default MultiChoiceAssert assertThat(MultiChoiceResult actual) {
        return proxy(MultiChoiceAssert.class, MultiChoiceResult.class, actual);
    }
}
