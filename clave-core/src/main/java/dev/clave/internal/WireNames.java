package dev.clave.internal;

import dev.clave.UnknownNameException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The option form of an enum constant ({@code MACRO_F1} is {@code macro-f1}), as options, configuration keys and JSON
 * files write it, and its parsing. Internal: not part of the public API.
 */
public final class WireNames {

    private WireNames() {
    }

    /** The option form: the name in lower case, {@code -} for {@code _}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose option form is the value, ignoring case, surrounding blanks and {@code _} for {@code -}.
     *
     * @param what names the kind in the error, e.g. {@code decision rule}
     * @throws UnknownNameException naming the value and listing the valid option forms
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        String wanted = String.valueOf(value).strip().replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new UnknownNameException(what, String.valueOf(value), all(type));
    }

    /** The option forms of all constants, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).toList();
    }
}
