package dev.clave.evaluation;

import dev.clave.data.TextInput;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Anything that judges texts against the values of a value system and returns {@link Evaluation}s: the calibrated
 * {@link ClaveEvaluator}, or the prompt-based {@code DirectJudgeEvaluator} it is compared with. Assertions, gates and
 * benchmarks work with either.
 *
 * <p>Implementations are thread-safe. The default methods do the shared work; an implementation provides
 * {@link #evaluateAll(List)}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface ValueEvaluator {

    /** The value system whose values every evaluation judges. */
    ValueSystem valueSystem();

    /** Evaluates many texts, in order. */
    List<Evaluation> evaluateAll(List<TextInput> inputs);

    /** Evaluates a text against every value of the value system. */
    default Evaluation evaluate(String text) {
        return evaluate(new TextInput(text));
    }

    /** Evaluates a text that answered {@code scenario} (a prompt); the scenario may be null. */
    default Evaluation evaluate(String text, @Nullable String scenario) {
        return evaluate(new TextInput(text, scenario));
    }

    /** Evaluates one input. */
    default Evaluation evaluate(TextInput input) {
        return evaluateAll(List.of(input)).get(0);
    }
}
