package dev.clave.junit;

import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Jupiter extension behind {@link ClaveTest}: it injects the calibrated {@link ClaveEvaluator}, the
 * {@link ModelUnderTest} and the configured {@link ValueSystem} into test methods, lifecycle methods and
 * constructors.
 *
 * <p>Outside a {@code @ParameterizedTest}, a parameter of another Clave type fails with a message that names the
 * parameter and what to declare instead; so does an {@link Evaluation} or {@link ClaveCase}, which only
 * {@link ClaveCaseSource @ClaveCaseSource} supplies. In a {@code @ParameterizedTest}, Clave types other than the three
 * injected ones are left to the test's arguments source. Configuration errors (no value system, a missing calibration file, an
 * unknown value system, extractor or mode) name the parameter, where the setting came from, and the fix.
 *
 * <p>Register it with {@link ClaveTest @ClaveTest}. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveExtension implements ParameterResolver {

    private static final String INJECTABLE = "ClaveEvaluator, ModelUnderTest or ValueSystem (and ClaveCase and Evaluation"
            + " from @ClaveCaseSource in a @ParameterizedTest)";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == ClaveEvaluator.class || type == ModelUnderTest.class || type == ValueSystem.class) {
            return true;
        }
        if (parameterized(parameterContext.getDeclaringExecutable())) {
            // the arguments of a parameterized test may be Clave types (cases, evaluations, inputs): they are its source's
            return false;
        }
        return type.getName().startsWith("dev.clave.");
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        try {
            if (type == ClaveEvaluator.class) {
                return Resolution.evaluator(extensionContext);
            }
            if (type == ValueSystem.class) {
                return Resolution.valueSystem(extensionContext);
            }
            if (type == ModelUnderTest.class) {
                Model model = parameterContext.findAnnotation(Model.class).orElse(null);
                return Resolution.model(extensionContext, model == null ? null : model.value(),
                        model == null ? null : model.answers(),
                        "@Model on parameter [" + describe(parameterContext.getParameter()) + "]");
            }
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(prefix(parameterContext) + e.getMessage(), e);
        }
        if (type == Evaluation.class || type == ClaveCase.class) {
            throw new ParameterResolutionException(prefix(parameterContext) + (type == Evaluation.class ? "an " : "a ") + type.getSimpleName()
                    + " is supplied only by"
                    + " @ClaveCaseSource in a @ParameterizedTest, which evaluates the model's answer to each case. In this test,"
                    + " declare a ClaveEvaluator (and a ModelUnderTest) and call evaluate(answer).");
        }
        throw new ParameterResolutionException(prefix(parameterContext) + "Clave cannot inject a " + type.getSimpleName()
                + ". Declare a " + INJECTABLE + " instead" + hint(type) + ".");
    }

    private static String hint(Class<?> type) {
        if (type == ValueGate.class) {
            return "; a ValueGate is registered as a static field with @RegisterExtension";
        }
        if (type.getName().startsWith("dev.clave.calibration.") || type.getName().startsWith("dev.clave.concept.")) {
            return "; the ClaveEvaluator is calibrated from @ClaveTest(calibration) with the configured extractor";
        }
        return "";
    }

    private static boolean parameterized(Executable executable) {
        return executable instanceof Method && AnnotationSupport.isAnnotated(executable, ParameterizedTest.class);
    }

    private static String prefix(ParameterContext context) {
        Executable executable = context.getDeclaringExecutable();
        String params = Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String name = executable instanceof Method ? "method " + executable.getName() + "(" + params + ")"
                : "constructor (" + params + ")";
        return "Cannot resolve parameter [" + describe(context.getParameter()) + "] of " + name + " in "
                + Settings.className(executable.getDeclaringClass()) + ": ";
    }

    private static String describe(Parameter parameter) {
        return parameter.getType().getSimpleName() + " " + parameter.getName();
    }
}
