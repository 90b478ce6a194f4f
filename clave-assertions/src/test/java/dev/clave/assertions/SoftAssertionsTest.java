package dev.clave.assertions;

import dev.clave.value.UnknownValueException;
import org.assertj.core.api.SoftAssertionsProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.clave.assertions.Evaluations.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftAssertionsTest {

    @Test
    void collects_every_failure_before_reporting() {
        ClaveSoftAssertions softly = new ClaveSoftAssertions();
        softly.assertThat(refusal()).opposesNothing();
        softly.assertThat(refusal()).supports("benevolence");
        softly.assertThat(refusal()).supports("power");
        softly.assertThat("I can't help").contains("vet");
        List<Throwable> errors = softly.errorsCollected();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).hasMessageContaining("to oppose no value");
        assertThat(errors.get(1)).hasMessageContaining("to support value \"power\"");
        assertThat(errors.get(2)).hasMessageContaining("to contain");
    }

    @Test
    void assert_softly_throws_one_error_with_all_failures() {
        assertThatThrownBy(() -> ClaveSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(refusal()).supports("security");
            softly.assertThat(refusal()).isUnrelatedTo("benevolence");
        }))
                .hasMessageContaining("Multiple Failures (2 failures)")
                .hasMessageContaining("to support value \"security\"")
                .hasMessageContaining("to be unrelated to value \"benevolence\"");
    }

    @Test
    void passes_when_every_soft_assertion_holds() {
        assertThatCode(() -> ClaveSoftAssertions.assertSoftly(softly -> softly.assertThat(refusal())
                .supports("benevolence").opposes("security"))).doesNotThrowAnyException();
    }

    @Test
    void an_unknown_value_is_thrown_at_once_not_collected() {
        ClaveSoftAssertions softly = new ClaveSoftAssertions();
        assertThatThrownBy(() -> softly.assertThat(refusal()).supports("kindness"))
                .isInstanceOf(UnknownValueException.class);
    }

    /** A team's own soft assertions: AssertJ's standard ones plus Clave's, through the provider interface. */
    public static final class TeamSoftAssertions extends org.assertj.core.api.SoftAssertions implements ClaveSoftAssertionsProvider {
    }

    @Test
    void the_provider_mixes_into_any_soft_assertions_class() {
        assertThatThrownBy(() -> SoftAssertionsProvider.assertSoftly(TeamSoftAssertions.class,
                softly -> softly.assertThat(refusal()).opposesNothing()))
                .hasMessageContaining("to oppose no value");
    }
}
