package dev.clave.model;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a {@link ModelUnderTest} gets its answers.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AnswerMode {
    /** Where a mode is configured (e.g. on {@code @ClaveTest}): the configured mode ({@code clave.model.answer-mode}), {@link #REPLAY} when none. */
    DEFAULT,
    /**
     * Answers come from the recording only; the model is never called and needs no key. A prompt without a recorded
     * answer fails, naming the prompt and how to record it. For CI.
     */
    REPLAY,
    /** Recorded answers are replayed; a prompt without one is sent to the model and its answer is added to the recording. */
    RECORD,
    /** Every prompt is sent to the model; nothing is read from or written to the recording. */
    LIVE;

    /** {@code replay}, {@code record}, {@code live} (and {@code default}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code replay}, {@code record} or {@code live} (case-insensitive).
     *
     * @throws UnknownNameException listing the valid modes
     */
    public static AnswerMode fromWire(String value) {
        for (AnswerMode mode : values()) {
            if (mode != DEFAULT && mode.wire().equalsIgnoreCase(String.valueOf(value).strip())) {
                return mode;
            }
        }
        throw new UnknownNameException("answer mode", String.valueOf(value), wires());
    }

    /** The valid option forms. */
    public static List<String> wires() {
        return Arrays.stream(values()).filter(m -> m != DEFAULT).map(AnswerMode::wire).toList();
    }
}
