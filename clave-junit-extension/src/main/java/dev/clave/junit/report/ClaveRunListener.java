package dev.clave.junit.report;

import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the CI summary at the end of every run of the JUnit Platform launcher: {@code target/clave/summary.md} (tables
 * per value system and per gate, for a CI job summary), {@code summary.json} (the same figures) and a chart per value
 * system and regression check under {@code target/clave/charts}; when several test JVMs of one build run, each merges
 * its record with theirs (see {@link SummaryFiles}). With Allure on the class path it also adds the summary of each value
 * system, the environment, the categories and the executor to the Allure results. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; a failure to write is logged, never fails
 * the run. Configuration: {@code clave.summary.directory}, {@code clave.summary.run}.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ClaveRunListener implements TestExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClaveRunListener.class);
    private static final AtomicInteger PLANS = new AtomicInteger();

    private volatile Runs.Active active;

    /** Created by {@link java.util.ServiceLoader}. */
    public ClaveRunListener() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        Set<String> ids = new HashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            testPlan.getDescendants(root).forEach(d -> ids.add(d.getUniqueId()));
        }
        active = Runs.start(ids);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Runs.Active run = active;
        if (run != null && identifier.isTest()) {
            run.record().testFinished(switch (result.getStatus()) {
                case SUCCESSFUL -> 0;
                case FAILED -> 1;
                case ABORTED -> 2;
            });
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        Runs.Active run = active;
        if (run != null && identifier.isTest()) {
            run.record().testFinished(3);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Runs.Active run = active;
        active = null;
        if (run == null) {
            return;
        }
        Runs.finish(run);
        RunRecord.Data data = run.record().data();
        if (data.evaluations().isEmpty() && data.gates().isEmpty() && data.regressions().isEmpty()) {
            return;
        }
        try {
            Path directory = SummaryFiles.directory(key -> testPlan.getConfigurationParameters().get(key));
            String runName = SummaryFiles.run(key -> testPlan.getConfigurationParameters().get(key));
            String part = ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + PLANS.incrementAndGet();
            SummaryFiles.Written written = SummaryFiles.write(directory, runName, part, data);
            LOG.info("Clave summary of {} value systems: {} (and {})", written.summary().valueSystems().size(),
                    written.markdown(), written.json().getFileName());
            Path history = testPlan.getConfigurationParameters().get(AllureReporter.HISTORY_PROPERTY)
                    .or(() -> java.util.Optional.ofNullable(System.getProperty(AllureReporter.HISTORY_PROPERTY)))
                    .filter(s -> !s.isBlank()).map(Path::of).orElse(null);
            AllureReporter.runFinished(written, runName, history);
        } catch (RuntimeException e) {
            LOG.warn("The Clave summary could not be written: {}", e.toString(), e);
        }
    }
}
