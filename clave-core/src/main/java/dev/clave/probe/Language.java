package dev.clave.probe;

import dev.clave.UnknownNameException;
import dev.clave.internal.Texts;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The language of a probe item, which chooses the prompt template: English or Chinese.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Language {
    /** English. */
    EN,
    /** Chinese. */
    ZH;

    /** {@code en} or {@code zh}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The language of a wire name ({@code en}, {@code zh}), case-insensitive.
     *
     * @throws UnknownNameException listing the valid names
     */
    public static Language fromWire(String wire) {
        for (Language language : values()) {
            if (language.wire().equalsIgnoreCase(String.valueOf(wire).strip())) {
                return language;
            }
        }
        throw new UnknownNameException("language", String.valueOf(wire), wires());
    }

    /** The wire names. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(Language::wire).toList();
    }

    /** {@link #ZH} when most letters of the text are Chinese (Han), else {@link #EN}. */
    public static Language of(String text) {
        return Texts.mostlyHan(List.of(text)) ? ZH : EN;
    }

    @Override
    public String toString() {
        return wire();
    }
}
