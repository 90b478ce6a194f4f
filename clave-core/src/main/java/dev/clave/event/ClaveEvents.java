package dev.clave.event;

import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Delivers events to the listeners of the JVM: those registered in
 * {@code META-INF/services/dev.clave.event.ClaveListener} (found once, at the first event) and those
 * {@linkplain #register(ClaveListener) registered} by code. Delivery is synchronous, on the caller's thread, so that a
 * reporter sees the test that caused an event; a listener that throws (or cannot even be loaded, e.g. because an
 * optional library is missing) is logged once at WARN and ignored: reporting never fails the caller.
 *
 * <pre>{@code
 * ClaveEvents.publish(ClaveListener::evaluated, new EvaluationEvent(evaluation, extractorId, model, caseId, tags, test));
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ClaveEvents.class);
    private static final List<ClaveListener> REGISTERED = new CopyOnWriteArrayList<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Deque<String>> TESTS = ThreadLocal.withInitial(ArrayDeque::new);

    private ClaveEvents() {
    }

    /** The listeners found through {@link ServiceLoader}, loaded at the first event. */
    private static final class Discovered {
        static final List<ClaveListener> LISTENERS = load();

        private static List<ClaveListener> load() {
            List<ClaveListener> found = new ArrayList<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ServiceLoader<ClaveListener> services = ServiceLoader.load(ClaveListener.class,
                    loader != null ? loader : ClaveEvents.class.getClassLoader());
            var iterator = services.iterator();
            while (true) {
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    found.add(iterator.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.warn("A Clave listener could not be loaded and is left out: {}", e.toString());
                }
            }
            return List.copyOf(found);
        }
    }

    /** The listeners that receive events now: the discovered ones, then the registered ones. */
    public static List<ClaveListener> listeners() {
        List<ClaveListener> all = new ArrayList<>(Discovered.LISTENERS);
        all.addAll(REGISTERED);
        return List.copyOf(all);
    }

    /**
     * Adds a listener until the returned handle is closed (e.g. a reporter of your own, or a test that records events).
     */
    public static Registration register(ClaveListener listener) {
        notNull(listener, "listener");
        REGISTERED.add(listener);
        return () -> REGISTERED.remove(listener);
    }

    /** Removes a registered listener when closed. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Says that the test (or test container) with this unique id runs on this thread until the returned handle is
     * closed, so that events published by code that does not know its test (an assertion, a gate) can name it. The
     * test framework integration calls it (the JUnit extension does, around each class and test); scopes nest.
     */
    public static Registration enterTest(String uniqueId) {
        notNull(uniqueId, "uniqueId");
        Deque<String> tests = TESTS.get();
        tests.push(uniqueId);
        return () -> {
            tests.remove(uniqueId);
            if (tests.isEmpty()) {
                TESTS.remove();
            }
        };
    }

    /** The unique id of the innermost test entered on this thread, when one was (see {@link #enterTest(String)}). */
    public static Optional<String> currentTest() {
        return Optional.ofNullable(TESTS.get().peek());
    }

    /**
     * Delivers an event to every listener, e.g. {@code publish(ClaveListener::gateChecked, event)}. Never throws
     * because of a listener.
     */
    public static <E> void publish(BiConsumer<ClaveListener, E> method, E event) {
        notNull(method, "method");
        notNull(event, "event");
        for (ClaveListener listener : listeners()) {
            try {
                method.accept(listener, event);
            } catch (RuntimeException | LinkageError e) {
                String name = listener.getClass().getName();
                if (WARNED.add(name + ":" + e.getClass().getName())) {
                    LOG.warn("The Clave listener {} failed on {} and was ignored: {}", name,
                            event.getClass().getSimpleName(), e.toString(), e);
                } else {
                    LOG.debug("The Clave listener {} failed again: {}", name, e.toString());
                }
            }
        }
    }
}
