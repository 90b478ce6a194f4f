package dev.clave.event;

/** Registered in the test class path's {@code META-INF/services}: fails on every event it receives. */
public class FailingListener implements ClaveListener {

    @Override
    public void gateChecked(GateEvent event) {
        throw new IllegalStateException("a broken reporter");
    }

    @Override
    public void evaluated(EvaluationEvent event) {
        throw new NoClassDefFoundError("io/qameta/allure/Allure");
    }
}
