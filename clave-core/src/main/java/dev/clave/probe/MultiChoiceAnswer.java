package dev.clave.probe;

import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The model's answer to one multiple-choice item in one order.
 *
 * @param item   the item
 * @param order  which reply was shown first
 * @param answer the raw answer
 * @param choice what the answer chooses, as {@link MultiChoiceAnswerParser} reads it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MultiChoiceAnswer(MultiChoiceItem item, Order order, String answer, Choice choice) {

    public MultiChoiceAnswer {
        notNull(item, "item");
        notNull(order, "order");
        notNull(answer, "answer");
        notNull(choice, "choice");
    }

    /** The answer as {@link MultiChoiceAnswerParser} reads it. */
    public static MultiChoiceAnswer of(MultiChoiceItem item, Order order, String answer) {
        return new MultiChoiceAnswer(item, order, answer, MultiChoiceAnswerParser.parse(answer));
    }

    /** Whether it chose the safe reply. */
    public boolean correct() {
        return choice == order.safeChoice();
    }
}
