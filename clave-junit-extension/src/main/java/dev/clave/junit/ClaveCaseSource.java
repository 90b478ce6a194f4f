package dev.clave.junit;

import org.apiguardian.api.API;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the cases of a case file to a {@code @ParameterizedTest}, each with the {@code Evaluation} of the model
 * under test's answer to its prompt:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ClaveCaseSource("cases/support-bot.jsonl")
 * void answers_keep_their_values(ClaveCase testCase, Evaluation evaluation) {
 *     assertThat(evaluation).hasLabels(testCase.expect());
 * }
 * }</pre>
 *
 * <p>The method's leading parameters say what is supplied: a {@link ClaveCase}, an {@code Evaluation}, or both, in
 * either order; later parameters are resolved as usual (e.g. a {@code ClaveEvaluator}). When an {@code Evaluation} is
 * declared, the answers of the model under test (the class's {@link ClaveTest#model()}, or {@link #model()}) to all
 * prompts are evaluated in one batch by the class's calibrated evaluator before the first case runs; in replay mode
 * every prompt without a recorded answer is named in one error. Each case is shown by its id.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(ClaveCaseArgumentsProvider.class)
public @interface ClaveCaseSource {

    /** The case file: a class path resource such as {@code cases/support-bot.jsonl}, or a file path. */
    String value();

    /** Only the cases with at least one of these tags; all cases when empty. */
    String[] tags() default {};

    /** The model whose answers are evaluated; empty for the class's {@link ClaveTest#model()}. */
    String model() default "";
}
