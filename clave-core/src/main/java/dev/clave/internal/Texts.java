package dev.clave.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What counts as text: a string with at least one visible character and no lone UTF-16 surrogate. Java's
 * {@link String#isBlank()} calls a no-break space or a zero-width space text, but a sentence encoder's tokenizer
 * drops them, and a lone surrogate (from a broken {@code &#92;uD83D} escape) cannot be written as UTF-8. Readers and
 * value types check texts here, so that such input fails where it is read, with its file and line. Internal.
 */
public final class Texts {

    private Texts() {
    }

    /**
     * Whether the text has a character a reader sees: anything but whitespace (no-break spaces included), control
     * and format characters (zero-width spaces, BOM, soft hyphen, direction marks), combining marks without a base,
     * blank fillers (U+115F, U+1160, U+2800, U+3164, U+FFA0) and the replacement character U+FFFD.
     */
    public static boolean hasVisibleCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isVisible(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Whether most letters of the texts, taken together, are Chinese (Han). */
    public static boolean mostlyHan(Iterable<String> texts) {
        long han = 0;
        long letters = 0;
        for (String text : texts) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (Character.isLetter(cp)) {
                    letters++;
                    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                        han++;
                    }
                }
                i += Character.charCount(cp);
            }
        }
        return han * 2 > letters;
    }

    /** The index of the first unpaired surrogate, or -1 when every surrogate is half of a pair. */
    public static int loneSurrogateIndex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What a text without visible characters holds, for messages: "nothing", or the distinct characters with their
     * Unicode names, e.g. {@code U+00A0 NO-BREAK SPACE, U+200B ZERO WIDTH SPACE}.
     */
    public static String describeInvisible(String text) {
        if (text == null || text.isEmpty()) {
            return "nothing";
        }
        Set<String> names = new LinkedHashSet<>();
        text.codePoints().limit(1000).forEach(cp -> {
            if (names.size() < 5) {
                String name = Character.getName(cp);
                names.add(String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name));
            }
        });
        return "only " + String.join(", ", names) + (text.codePoints().distinct().count() > names.size() ? ", ..." : "");
    }

    /**
     * Checks a text field: not null, a visible character, no lone surrogate.
     *
     * @param field names the text in the message, e.g. {@code field "text"} or {@code concept text}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String requireText(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        int lone = loneSurrogateIndex(text);
        if (lone >= 0) {
            throw new IllegalArgumentException(loneSurrogate(field, text, lone));
        }
        if (!hasVisibleCharacter(text)) {
            throw new IllegalArgumentException(field + " has no visible characters (" + describeInvisible(text)
                    + "); give it some text");
        }
        return text;
    }

    /** Checks that an optional text (null allowed) has no lone surrogate. */
    public static String requireWellFormed(String text, String field) {
        if (text != null) {
            int lone = loneSurrogateIndex(text);
            if (lone >= 0) {
                throw new IllegalArgumentException(loneSurrogate(field, text, lone));
            }
        }
        return text;
    }

    /** The message for a lone surrogate at {@code index} of a text. */
    public static String loneSurrogate(String field, String text, int index) {
        char c = text.charAt(index);
        return field + " holds a lone UTF-16 surrogate " + String.format(Locale.ROOT, "\\u%04X", (int) c) + " at character "
                + (index + 1) + " (" + (Character.isHighSurrogate(c) ? "a high surrogate must be followed by a low one, "
                + "\\uDC00-\\uDFFF" : "a low surrogate must follow a high one, \\uD800-\\uDBFF")
                + "); write the character itself, or both halves of its escape";
    }

    private static boolean isVisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK -> {
                return false;
            }
            default -> {
                return !(cp == 0x115F || cp == 0x1160 || cp == 0x2800 || cp == 0x3164 || cp == 0xFFA0 || cp == 0xFFFD);
            }
        }
    }
}
