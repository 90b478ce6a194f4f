package dev.clave.junit.report;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runs (test plans) executing in this JVM and the record of each, so that an event reaches the record of the run
 * its test belongs to: a test plan may run inside a test of another (a framework's own tests do that), and each keeps
 * its own summary. An event without a test goes to the innermost run. Thread-safe.
 */
final class Runs {

    /** A running test plan: the unique ids it contains, and its record. */
    record Active(Set<String> ids, RunRecord record) {
    }

    private static final List<Active> ACTIVE = new CopyOnWriteArrayList<>();

    private Runs() {
    }

    static Active start(Set<String> ids) {
        Active active = new Active(Set.copyOf(ids), new RunRecord());
        ACTIVE.add(active);
        return active;
    }

    static void finish(Active active) {
        ACTIVE.remove(active);
    }

    /** The record of the innermost run that contains the test (or one of its parents below the engine); else the innermost run's. */
    static @Nullable RunRecord recordOf(@Nullable String test) {
        List<Active> active = new ArrayList<>(ACTIVE);
        if (active.isEmpty()) {
            return null;
        }
        if (test != null) {
            for (int i = active.size() - 1; i >= 0; i--) {
                if (contains(active.get(i).ids(), test)) {
                    return active.get(i).record();
                }
            }
        }
        return active.get(active.size() - 1).record();
    }

    private static boolean contains(Set<String> ids, String test) {
        String id = test;
        while (id.indexOf('/') > 0) {
            if (ids.contains(id)) {
                return true;
            }
            id = id.substring(0, id.lastIndexOf('/'));
        }
        return false;
    }
}
