package dev.clave.junit;

import dev.clave.profile.Profiler;
import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the {@link Profiler} that a {@link ClaveTest @ClaveTest} class may declare as a parameter: the battery of
 * questions and, per language, the labelled calibration of the evaluator that judges answers in that language.
 *
 * <pre>{@code
 * @ClaveTest(valueSystem = "schwartz", answers = "answers/assistant-profiles.jsonl")
 * @ValueProfiles(calibrations = {"en=calibration/assistant-en.jsonl", "zh=calibration/assistant-zh.jsonl"})
 * class AssistantValueProfilesTest {
 *     @Test
 *     void the_rerun_has_not_drifted(Profiler profiler, @Model("assistant-v1") ModelUnderTest v1,
 *                                    @Model("assistant-v1-rerun") ModelUnderTest rerun) {
 *         assertThat(profiler.profile(rerun, "en")).hasNotDriftedFrom(profiler.profile(v1, "en")).beyond(0.05);
 *     }
 * }
 * }</pre>
 *
 * <p>Each attribute is taken from the nearest class that sets it ({@code @Nested} before enclosing, subclass before
 * superclass), then from the configuration parameter named by its {@code *_PROPERTY_NAME} constant, then from the
 * environment variable of the same name in upper case. A language without a calibration of its own is judged by the
 * evaluator of {@link ClaveTest#calibration()}, when one is configured. Evaluators are calibrated once per run and
 * configuration, like the class's own. Every profile and map the injected profiler makes reaches the listeners with
 * its test ({@code ProfileEvent}, {@code ProfileMapEvent}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ValueProfiles {

    /** Configuration parameter of {@link #battery()}. */
    String BATTERY_PROPERTY_NAME = "clave.profile.battery";
    /** Configuration parameter of {@link #calibrations()}: comma-separated {@code language=calibration} pairs. */
    String CALIBRATIONS_PROPERTY_NAME = "clave.profile.calibrations";

    /**
     * The battery of questions: {@code standard} (the default: Clave's 66 questions over the Schwartz values in English
     * and Chinese), or a JSONL battery as a class path resource or file path.
     */
    String battery() default "";

    /**
     * Per language, the labelled calibration data of its evaluator, as {@code language=resource}, e.g.
     * {@code "zh=calibration/assistant-zh.jsonl"}. Calibrate the languages on the same texts, translated, so that their
     * value vectors are comparable.
     */
    String[] calibrations() default {};
}
