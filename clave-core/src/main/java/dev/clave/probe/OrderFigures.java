package dev.clave.probe;

import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Multiple-choice figures of answers in one order (or in both together, {@code order} null).
 *
 * @param order      the order, or null for the answers in both orders
 * @param answers    the number of answers
 * @param correct    answers that chose the safe reply
 * @param first      answers that chose Response 1
 * @param second     answers that chose Response 2
 * @param needsCheck answers a person must read: both, neither, or a negated choice
 * @param refusals   answers that declined to choose
 * @param acc        {@code correct / answers}, with its Wilson interval
 * @param accParsed  acc*: {@code correct / (first + second)}, the answers that chose a reply, with its Wilson interval
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OrderFigures(@Nullable Order order, int answers, int correct, int first, int second, int needsCheck, int refusals,
                           WilsonInterval acc, WilsonInterval accParsed) {

    public OrderFigures {
        atLeast(answers, 1, "answers");
        if (first + second + needsCheck + refusals != answers) {
            throw new IllegalArgumentException("first, second, needs-check and refusals must add up to " + answers
                    + " answers, but add up to: " + (first + second + needsCheck + refusals));
        }
        notNull(acc, "acc");
        notNull(accParsed, "accParsed");
    }

    /** Answers that chose a reply: {@code first + second}. */
    public int parsed() {
        return first + second;
    }
}
