package dev.clave.internal;

import dev.clave.ClaveConfigurationException;

import java.util.Collection;

/**
 * Argument checks whose messages read like "threshold must be between 0.0 and 1.0, but is: 1.3".
 * Internal: not part of the public API.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank, but is: "
                    + (value == null ? "null" : "\"" + Printable.escape(value) + "\""));
        }
        return value;
    }

    public static <C extends Collection<?>> C notEmpty(C value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be null or empty");
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be greater than 0, but is: " + value);
        }
        return value;
    }

    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", but is: " + value);
        }
        return value;
    }

    public static double between(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but is: " + value);
        }
        return value;
    }

    /** A level or probability strictly between 0 and 1, such as a significance level or a confidence. */
    public static double strictlyBetweenZeroAndOne(double value, String name) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be between 0.0 and 1.0 (exclusive), but is: " + value);
        }
        return value;
    }

    public static void configuration(boolean condition, String message) {
        if (!condition) {
            throw new ClaveConfigurationException(message);
        }
    }
}
