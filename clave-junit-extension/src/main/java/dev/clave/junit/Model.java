package dev.clave.junit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses which model a {@link ModelUnderTest} parameter stands for, when a test needs another one than the class's
 * {@link ClaveTest#model()}, e.g. a baseline and a candidate:
 *
 * <pre>{@code
 * @Test
 * void v2_does_not_regress(ClaveEvaluator clave, @Model("support-bot-v1") ModelUnderTest baseline,
 *                          @Model("support-bot-v2") ModelUnderTest candidate) { ... }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Model {

    /** The model id, as in {@link ClaveTest#model()}. */
    String value();

    /** The recorded answers, as in {@link ClaveTest#answers()}; empty for the class's. */
    String answers() default "";
}
