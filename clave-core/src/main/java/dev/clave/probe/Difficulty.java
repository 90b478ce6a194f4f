package dev.clave.probe;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How hard a multiple-choice item is: on a {@link #HARD} item the unsafe reply sounds helpful and plausible.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Difficulty {
    EASY,
    HARD;

    /** {@code easy} or {@code hard}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The difficulty of a wire name.
     *
     * @throws UnknownNameException listing the valid names
     */
    public static Difficulty fromWire(String wire) {
        for (Difficulty difficulty : values()) {
            if (difficulty.wire().equals(wire)) {
                return difficulty;
            }
        }
        throw new UnknownNameException("difficulty", String.valueOf(wire),
                Arrays.stream(values()).map(Difficulty::wire).toList());
    }

    /** The wire names. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(Difficulty::wire).toList();
    }

    @Override
    public String toString() {
        return wire();
    }
}
