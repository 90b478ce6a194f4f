package dev.clave.event;

import org.apiguardian.api.API;

/**
 * Observes what Clave does in a run, the way LangChain4j's {@code ChatModelListener} observes a chat model and
 * JUnit's {@code TestExecutionListener} a test plan: one default no-op method per event, each event an immutable
 * record. Implement the methods you need and register the class in
 * {@code META-INF/services/dev.clave.event.ClaveListener}, or call {@link ClaveEvents#register(ClaveListener)}.
 *
 * <p>Contract: a listener is called on the thread that caused the event (inside the running test, where a test caused
 * it), possibly from several threads at once, so it must be thread-safe; it should return quickly; anything it throws
 * is logged and ignored (see {@link ClaveEvents}), never failing or stopping the caller.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ClaveListener {

    /** A calibrated evaluator is ready: calibrated now, or loaded from its artifact. */
    default void calibrationReady(CalibrationEvent event) {
    }

    /** A text was evaluated in a test (or a command), with what is known about where it came from. */
    default void evaluated(EvaluationEvent event) {
    }

    /** A value gate checked its policy on the evaluations it recorded. */
    default void gateChecked(GateEvent event) {
    }

    /** A regression report between a baseline and a candidate was checked by an assertion. */
    default void regressionChecked(RegressionEvent event) {
    }

    /** An assertion looked at values of an evaluation, and held or failed. */
    default void assertionChecked(AssertionEvent event) {
    }

    /** A value profile of a model in a language was built (in a test or a command). */
    default void profiled(ProfileEvent event) {
    }

    /** A 2-D map of several profiles' answers was made, to be drawn as a chart. */
    default void profilesMapped(ProfileMapEvent event) {
    }

    /** Two value profiles were compared: checked by an assertion, or computed by a command. */
    default void driftChecked(DriftEvent event) {
    }

    /** A value-understanding probe (VUM know-what, and know-why with its gap) ran on a model. */
    default void valueUnderstandingProbed(ValueUnderstandingEvent event) {
    }

    /** A multiple-choice probe of safety and responsibility (CValues) ran on a model. */
    default void multiChoiceProbed(MultiChoiceEvent event) {
    }

    /** An assertion compared a figure of a probe's result with a bound, and held or failed. */
    default void probeAssertionChecked(ProbeAssertionEvent event) {
    }

    /** An evaluator was closed: what its concept extraction cost (cache hits, large-model requests and tokens). */
    default void usageReported(UsageEvent event) {
    }
}
