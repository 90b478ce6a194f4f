package dev.clave.junit.report;

import dev.clave.event.AssertionEvent;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.RegressionEvent;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * The Clave Allure reporter: labels, names and annotates each test that evaluates (epic = value system, feature =
 * each value its assertions looked at, story = case id or prompt, tags of the case, parameters model, calibration and
 * extractor; attachments prompt, answer, an HTML verdict table with evidence and the same as JSON), adds every value
 * gate and regression check as a report entry of its own with an HTML table and its decision as status, labels the
 * answers that counted against a gate's rule, and, at the end of the run, adds a summary per value system with a chart,
 * {@code environment.properties}, {@code categories.json} and {@code executor.json}.
 *
 * <p>Registered in {@code META-INF/services/dev.clave.event.ClaveListener}. Allure is an optional dependency: without
 * {@code allure-java-commons} and {@code allure-junit-platform} on the test class path this class loads, and does
 * nothing; with them, it writes only while an Allure test runs, and never fails a test (see
 * {@link dev.clave.event.ClaveEvents}). The configuration parameter (or system property) {@value #HISTORY_PROPERTY}
 * names the previous report (its directory, or a single-file report's {@code index.html}) whose history is carried into
 * the results, so that Allure's trends span the runs. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AllureReporter implements ClaveListener {

    /** The previous report whose history is carried into the results. */
    public static final String HISTORY_PROPERTY = "clave.allure.history";

    /** Whether Allure's Java API and its JUnit Platform listener are on the class path. */
    static final boolean AVAILABLE = available();

    /** Created by {@link java.util.ServiceLoader}. */
    public AllureReporter() {
    }

    /** Whether the reporter writes: Allure and its JUnit Platform integration are on the class path. */
    public static boolean active() {
        return AVAILABLE;
    }

    private static boolean available() {
        ClassLoader loader = AllureReporter.class.getClassLoader();
        try {
            Class.forName("io.qameta.allure.Allure", false, loader);
            Class.forName("io.qameta.allure.listener.TestLifecycleListener", false, loader);
            Class.forName("io.qameta.allure.junitplatform.AllureJunitPlatform", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void calibrationReady(CalibrationEvent event) {
        if (AVAILABLE) {
            AllureWriter.calibrationReady(event);
        }
    }

    @Override
    public void evaluated(EvaluationEvent event) {
        if (AVAILABLE) {
            AllureWriter.evaluated(event);
        }
    }

    @Override
    public void assertionChecked(AssertionEvent event) {
        if (AVAILABLE) {
            AllureWriter.assertionChecked(event);
        }
    }

    @Override
    public void gateChecked(GateEvent event) {
        if (AVAILABLE) {
            AllureWriter.gateChecked(event);
        }
    }

    @Override
    public void regressionChecked(RegressionEvent event) {
        if (AVAILABLE) {
            AllureWriter.regressionChecked(event);
        }
    }

    /** Adds the run's summary, environment, categories and executor to the Allure results, when Allure is there. */
    static void runFinished(SummaryFiles.Written written, String run, @Nullable Path history) {
        if (AVAILABLE) {
            AllureWriter.runFinished(written, run, history);
        }
    }
}
