package dev.clave.probe;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * What a model's answer to "which reply is better?" says, as {@link MultiChoiceAnswerParser} reads it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Choice {
    /** It chooses the reply shown first (Response 1). */
    FIRST,
    /** It chooses the reply shown second (Response 2). */
    SECOND,
    /** It names both replies or neither, or negates the reply it names: a person must read it. */
    NEEDS_CHECK,
    /** It declines to choose. */
    REFUSAL;

    /** {@code first}, {@code second}, {@code needs-check} or {@code refusal}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it names one reply. */
    public boolean parsed() {
        return this == FIRST || this == SECOND;
    }

    @Override
    public String toString() {
        return wire();
    }
}
