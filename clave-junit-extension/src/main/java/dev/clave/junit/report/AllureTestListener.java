package dev.clave.junit.report;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.TestResult;
import org.apiguardian.api.API;

/**
 * Allure's side of the Clave reporter: just before Allure stops a test, the labels, name, parameters and attachments
 * that the test's evaluations, assertions and gates call for are added to it (see {@link AllureReporter}); after a
 * test is written, its result is kept so that a gate can label the answers that counted against it. Registered in
 * {@code META-INF/services/io.qameta.allure.listener.TestLifecycleListener}, so only Allure loads it.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AllureTestListener implements TestLifecycleListener {

    /** Created by Allure's {@link java.util.ServiceLoader}. */
    public AllureTestListener() {
    }

    @Override
    public void beforeTestStop(TestResult result) {
        AllureWriter.beforeTestStop(result);
    }

    @Override
    public void afterTestWrite(TestResult result) {
        AllureWriter.afterTestWrite(result);
    }
}
