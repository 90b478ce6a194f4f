package dev.clave.junit.report;

import dev.clave.event.AssertionEvent;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.DriftEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.MultiChoiceEvent;
import dev.clave.event.ProbeAssertionEvent;
import dev.clave.event.ProfileEvent;
import dev.clave.event.ProfileMapEvent;
import dev.clave.event.RegressionEvent;
import dev.clave.event.ValueUnderstandingEvent;
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
 * <p>Probes and value profiles are reported the same way. A test that runs a probe is filed under the probe (epic, e.g.
 * {@code Probe: value understanding (VUM)}) and the values or domains its assertions looked at (features; all of the
 * run's when an assertion is about the figure over all items), with the model, value system, judge and item file as
 * parameters and, per run, an HTML table of the figures per value or domain and overall with their intervals, a chart,
 * the same as JSON and the table of its assertions. A test that builds or compares value profiles is filed under
 * {@code Value profiles} and the values that moved, with the profiles' rates, each map as a chart, and each comparison
 * (distances with their permutation p-values, source identification, per-value shifts and rate changes, the checks made
 * of it) as a table, a chart and JSON. At the end of the run each probe and the profiles get a summary entry of their
 * own, failed when an assertion or drift check failed.
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

    @Override
    public void valueUnderstandingProbed(ValueUnderstandingEvent event) {
        if (AVAILABLE) {
            AllureWriter.valueUnderstandingProbed(event);
        }
    }

    @Override
    public void multiChoiceProbed(MultiChoiceEvent event) {
        if (AVAILABLE) {
            AllureWriter.multiChoiceProbed(event);
        }
    }

    @Override
    public void probeAssertionChecked(ProbeAssertionEvent event) {
        if (AVAILABLE) {
            AllureWriter.probeAssertionChecked(event);
        }
    }

    @Override
    public void profiled(ProfileEvent event) {
        if (AVAILABLE) {
            AllureWriter.profiled(event);
        }
    }

    @Override
    public void profilesMapped(ProfileMapEvent event) {
        if (AVAILABLE) {
            AllureWriter.profilesMapped(event);
        }
    }

    @Override
    public void driftChecked(DriftEvent event) {
        if (AVAILABLE) {
            AllureWriter.driftChecked(event);
        }
    }

    /** Adds the run's summary, environment, categories and executor to the Allure results, when Allure is there. */
    static void runFinished(SummaryFiles.Written written, String run, @Nullable Path history) {
        if (AVAILABLE) {
            AllureWriter.runFinished(written, run, history);
        }
    }
}
