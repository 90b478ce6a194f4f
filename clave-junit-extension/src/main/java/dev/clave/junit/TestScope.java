package dev.clave.junit;

import dev.clave.evaluation.Evaluation;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.ProfileEvent;
import dev.clave.event.ProfileMapEvent;
import dev.clave.model.ModelUnderTest;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileMap;
import dev.clave.profile.ProfileObserver;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Clave saw in the test running on this thread: its id, and the answers its models under test gave, so that an
 * evaluation of an answer can name the model that wrote it. The shared evaluator and models report to the scope of the
 * thread that uses them; {@link ClaveExtension} opens a scope around each test (and each class, for class-level
 * methods) and closes it afterwards. Without a scope (a thread the test started itself), evaluations are still
 * published, without test and model. Thread-safe.
 */
final class TestScope {

    private static final ThreadLocal<Deque<TestScope>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    /** Publishes the profiles and maps of an injected profiler, in the current test. */
    static final ProfileObserver PROFILE_OBSERVER = new ProfileObserver() {
        @Override
        public void profiled(ModelProfile profile) {
            TestScope scope = current();
            ClaveEvents.publish(ClaveListener::profiled, new ProfileEvent(profile, scope == null ? null : scope.test));
        }

        @Override
        public void mapped(ProfileMap map) {
            TestScope scope = current();
            ClaveEvents.publish(ClaveListener::profilesMapped, new ProfileMapEvent(map, scope == null ? null : scope.test));
        }
    };

    private final String test;
    private final ClaveEvents.Registration entered;
    /** Per prompt and answer, the models that gave it, in the order they were asked; an evaluation takes the first. */
    private final Map<List<String>, Givers> modelsOfAnswer = new ConcurrentHashMap<>();

    /** The models that gave one answer: those not yet matched to an evaluation, and the last one matched. */
    private static final class Givers {
        final Deque<String> pending = new ArrayDeque<>();
        String last;

        synchronized void add(String model) {
            pending.addLast(model);
        }

        synchronized String take() {
            if (!pending.isEmpty()) {
                last = pending.pollFirst();
            }
            return last;
        }
    }

    private TestScope(String test) {
        this.test = test;
        this.entered = ClaveEvents.enterTest(test);
    }

    /** Opens the scope of a test or container on this thread. */
    static void open(String uniqueId) {
        CURRENT.get().push(new TestScope(uniqueId));
    }

    /** Closes the innermost scope of this thread. */
    static void close() {
        Deque<TestScope> scopes = CURRENT.get();
        TestScope closed = scopes.poll();
        if (closed != null) {
            closed.entered.close();
        }
        if (scopes.isEmpty()) {
            CURRENT.remove();
        }
    }

    private static @Nullable TestScope current() {
        return CURRENT.get().peek();
    }

    /** The unique id of the test (or container) running on this thread, when a scope is open. */
    static @Nullable String currentTest() {
        TestScope scope = current();
        return scope == null ? null : scope.test;
    }

    /** Remembers which model gave an answer, in the current test. */
    static void answered(ModelUnderTest.Answer answer) {
        TestScope scope = current();
        if (scope != null) {
            scope.modelsOfAnswer.computeIfAbsent(List.of(answer.prompt(), answer.answer()), k -> new Givers())
                    .add(answer.model());
        }
    }

    /**
     * The model that gave this answer to this prompt (or, without a prompt, this answer). When two models gave the same
     * answer to the same prompt, evaluations take them in the order they were asked; the last one stays for later ones.
     */
    private @Nullable String modelOf(Evaluation evaluation) {
        Givers models = evaluation.scenario() != null
                ? modelsOfAnswer.get(List.of(evaluation.scenario(), evaluation.text()))
                : modelsOfAnswer.entrySet().stream().filter(e -> e.getKey().get(1).equals(evaluation.text()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return models == null ? null : models.take();
    }

    /** Publishes evaluations made by an evaluator with this extractor, in the current test. */
    static void evaluated(List<Evaluation> evaluations, String extractor) {
        TestScope scope = current();
        for (Evaluation evaluation : evaluations) {
            ClaveEvents.publish(ClaveListener::evaluated, new EvaluationEvent(evaluation, extractor,
                    scope == null ? null : scope.modelOf(evaluation), evaluation.id(), List.of(),
                    scope == null ? null : scope.test));
        }
    }
}
