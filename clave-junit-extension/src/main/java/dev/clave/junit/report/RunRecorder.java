package dev.clave.junit.report;

import dev.clave.event.CalibrationEvent;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.RegressionEvent;
import dev.clave.event.UsageEvent;
import org.apiguardian.api.API;

import java.util.function.Consumer;

/**
 * Records what Clave did in each run for the CI summary that {@link ClaveRunListener} writes at its end. Registered in
 * {@code META-INF/services/dev.clave.event.ClaveListener}; does nothing outside a run of the JUnit Platform launcher.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RunRecorder implements ClaveListener {

    /** Created by {@link java.util.ServiceLoader}. */
    public RunRecorder() {
    }

    @Override
    public void calibrationReady(CalibrationEvent event) {
        to(null, record -> record.calibrationReady(event));
    }

    @Override
    public void evaluated(EvaluationEvent event) {
        to(event.test(), record -> record.evaluated(event));
    }

    @Override
    public void gateChecked(GateEvent event) {
        to(event.test(), record -> record.gateChecked(event));
    }

    @Override
    public void regressionChecked(RegressionEvent event) {
        to(event.test(), record -> record.regressionChecked(event));
    }

    @Override
    public void usageReported(UsageEvent event) {
        to(null, record -> record.usageReported(event));
    }

    private static void to(String test, Consumer<RunRecord> action) {
        RunRecord record = Runs.recordOf(test != null ? test : ClaveEvents.currentTest().orElse(null));
        if (record != null) {
            action.accept(record);
        }
    }
}
