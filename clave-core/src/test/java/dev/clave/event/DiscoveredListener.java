package dev.clave.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered in the test class path's {@code META-INF/services}: records the gate events it receives. */
public class DiscoveredListener implements ClaveListener {

    static final List<GateEvent> GATES = new CopyOnWriteArrayList<>();

    @Override
    public void gateChecked(GateEvent event) {
        GATES.add(event);
    }
}
