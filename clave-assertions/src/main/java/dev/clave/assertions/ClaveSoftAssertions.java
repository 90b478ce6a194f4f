package dev.clave.assertions;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

import java.util.function.Consumer;

/**
 * AssertJ's standard soft assertions plus Clave's: collect every failure of a test, then report them together.
 *
 * <pre>{@code
 * ClaveSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(evaluation).opposesNothing();
 *     softly.assertThat(evaluation).supports("benevolence");
 *     softly.assertThat(answer).doesNotContain("antifreeze");
 * });
 * }</pre>
 *
 * <p>It works with AssertJ's {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions ClaveSoftAssertions softly}).
 * Not thread-safe: one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ClaveSoftAssertions extends AbstractSoftAssertions
        implements StandardSoftAssertionsProvider, ClaveSoftAssertionsProvider {

    /** Runs the assertions softly and throws one error listing every failure. */
    public static void assertSoftly(Consumer<ClaveSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(ClaveSoftAssertions.class, softly);
    }
}
