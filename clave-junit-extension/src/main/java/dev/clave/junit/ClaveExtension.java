package dev.clave.junit;

import dev.clave.data.ClaveCase;
import dev.clave.evaluation.Evaluation;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The part of {@link ClaveTest} that is not a parameter resolver. The {@code ClaveEvaluator}, {@code ModelUnderTest},
 * {@code ValueSystem}, {@link ClaveProbes} and {@code Profiler} are injected by one small resolver each, which claim
 * exactly those types, so other extensions (e.g. AssertJ's {@code SoftAssertionsExtension} for
 * {@code ClaveSoftAssertions}) resolve theirs without competing. This extension:
 * <ul>
 *   <li>explains a Clave type that nobody could inject: when JUnit finds no resolver for a parameter of a Clave type
 *   (say a {@code Calibrator}, or an {@code Evaluation} outside {@link ClaveCaseSource @ClaveCaseSource}), the failure
 *   names the parameter and what to declare instead;</li>
 *   <li>tells the {@link ClaveListener}s about the evaluation each {@code @ClaveCaseSource} case receives, with its
 *   case id, tags and model, in the case's own test;</li>
 *   <li>opens a scope around each class and test, so that the evaluations a test makes reach the listeners with the
 *   test and the model under test that wrote the text.</li>
 * </ul>
 *
 * <p>Register it with {@link ClaveTest @ClaveTest}. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveExtension implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler,
        InvocationInterceptor, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final String INJECTABLE = "ClaveEvaluator, ModelUnderTest, ValueSystem, ClaveProbes or Profiler (and ClaveCase"
            + " and Evaluation from @ClaveCaseSource in a @ParameterizedTest)";
    private static final String NO_RESOLVER = "No ParameterResolver registered for parameter [";

    @Override
    public void beforeAll(ExtensionContext context) {
        TestScope.open(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestScope.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestScope.open(context.getUniqueId());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestScope.close();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable, context.getTestMethod());
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable, Optional.empty());
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable, Optional.empty());
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable, Optional.empty());
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw explained(throwable, Optional.empty());
    }

    /**
     * JUnit's "no resolver" failure for a parameter of a Clave type, rewritten to say what to declare; anything else
     * unchanged.
     */
    private static Throwable explained(Throwable throwable, Optional<Method> method) {
        if (!(throwable instanceof ParameterResolutionException) || throwable.getMessage() == null
                || !throwable.getMessage().startsWith(NO_RESOLVER)) {
            return throwable;
        }
        String message = throwable.getMessage();
        Optional<Executable> executable = method.map(Executable.class::cast).or(() -> executableNamedIn(message));
        if (executable.isEmpty()) {
            return throwable;
        }
        for (Parameter parameter : executable.get().getParameters()) {
            Class<?> type = parameter.getType();
            if (type.getName().startsWith("dev.clave.")
                    && message.startsWith(NO_RESOLVER + type.getName() + " " + parameter.getName() + "]")) {
                ParameterResolutionException explained = new ParameterResolutionException(prefix(executable.get(), parameter)
                        + misuse(type), throwable);
                explained.setStackTrace(new StackTraceElement[0]);
                return explained;
            }
        }
        return throwable;
    }

    /** The lifecycle method JUnit's message names ("... in method [void pkg.Class.name(types)]"), when it can be found. */
    private static Optional<Executable> executableNamedIn(String message) {
        int at = message.indexOf("] in method [");
        if (at < 0) {
            return Optional.empty();
        }
        String signature = message.substring(at + "] in method [".length());
        int open = signature.indexOf('(');
        if (open < 0) {
            return Optional.empty();
        }
        String qualified = signature.substring(signature.lastIndexOf(' ', open) + 1, open);
        int dot = qualified.lastIndexOf('.');
        try {
            Class<?> owner = Class.forName(qualified.substring(0, dot), false, Thread.currentThread().getContextClassLoader());
            String name = qualified.substring(dot + 1);
            return Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                    .map(Executable.class::cast).findFirst();
        } catch (ClassNotFoundException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String misuse(Class<?> type) {
        if (type == Evaluation.class || type == ClaveCase.class) {
            return (type == Evaluation.class ? "an " : "a ") + type.getSimpleName() + " is supplied only by"
                    + " @ClaveCaseSource in a @ParameterizedTest, which evaluates the model's answer to each case. In this test,"
                    + " declare a ClaveEvaluator (and a ModelUnderTest) and call evaluate(answer).";
        }
        return "Clave cannot inject a " + type.getSimpleName() + ". Declare a " + INJECTABLE + " instead" + hint(type) + ".";
    }

    private static String hint(Class<?> type) {
        if (type == ValueGate.class) {
            return "; a ValueGate is registered as a static field with @RegisterExtension";
        }
        if (type.getName().startsWith("dev.clave.calibration.") || type.getName().startsWith("dev.clave.concept.")) {
            return "; the ClaveEvaluator is calibrated from @ClaveTest(calibration) with the configured extractor";
        }
        if (type.getName().startsWith("dev.clave.probe.")) {
            return "; probes run through ClaveProbes, e.g. probes.valueUnderstanding(\"probes/items.jsonl\", model)";
        }
        return "";
    }

    /**
     * Publishes the evaluation a {@code @ClaveCaseSource} case receives, inside the case's own test, so that reporters
     * attach it there.
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        List<Object> arguments = invocationContext.getArguments();
        ClaveCase testCase = arguments.stream().filter(ClaveCase.class::isInstance).map(ClaveCase.class::cast)
                .findFirst().orElse(null);
        for (Object argument : arguments) {
            if (argument instanceof Evaluation evaluation) {
                ClaveCaseArgumentsProvider.Origin origin = ClaveCaseArgumentsProvider.origin(extensionContext, evaluation);
                if (origin != null) {
                    ClaveEvents.publish(ClaveListener::evaluated, new EvaluationEvent(evaluation, origin.extractor(),
                            origin.model(), testCase != null ? testCase.id() : evaluation.id(),
                            testCase != null ? testCase.tags() : origin.tags(), extensionContext.getUniqueId()));
                }
            }
        }
        invocation.proceed();
    }

    static String prefix(ParameterContext context) {
        return prefix(context.getDeclaringExecutable(), context.getParameter());
    }

    private static String prefix(Executable executable, Parameter parameter) {
        String params = Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String name = executable instanceof Method ? "method " + executable.getName() + "(" + params + ")"
                : "constructor (" + params + ")";
        return "Cannot resolve parameter [" + describe(parameter) + "] of " + name + " in "
                + Settings.className(executable.getDeclaringClass()) + ": ";
    }

    static String describe(Parameter parameter) {
        return parameter.getType().getSimpleName() + " " + parameter.getName();
    }
}
