package dev.clave.internal;

/**
 * Makes text from data safe to show on a terminal, in a log or in a test report: every character that a terminal
 * would act on instead of showing is replaced by a visible escape. That covers the C0 controls (ESC, which starts
 * ANSI CSI and OSC sequences, BEL, backspace, carriage return...), DEL, the C1 controls (including the one-character
 * CSI {@code U+009B}), the bidirectional overrides and isolates that reorder what a reader sees ("Trojan source"),
 * the line and paragraph separators, invisible format characters (zero-width space, BOM, soft hyphen) and lone
 * UTF-16 surrogates. Each becomes {@code &#92;uXXXX} ({@code \n}, {@code \r} and {@code \t} for those three), so
 * {@code "&#92;u001B[31mred"} reads {@code &#92;u001B[31mred} and no colour, title change, hyperlink or bell can come from data.
 *
 * <p>One place for this rule: CLI errors, data-format messages, concept-cache warnings, large-model messages and
 * assertion failures all go through it. Internal: not part of the public API.
 */
public final class Printable {

    private Printable() {
    }

    /** The text on one line: line breaks and tabs are escaped too. Null stays null. */
    public static String escape(CharSequence text) {
        return text == null ? null : escape(text, false);
    }

    /**
     * The text with its line breaks ({@code \n}) and tabs kept, for multi-line messages such as assertion failures;
     * every other control character is escaped, a carriage return included (it would let a later part of a line
     * overwrite an earlier one).
     */
    public static String escapeKeepingLines(CharSequence text) {
        return text == null ? null : escape(text, true);
    }

    /** Whether {@link #escape} would change the text. */
    public static boolean needsEscaping(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (escapes(text, i, false)) {
                return true;
            }
        }
        return false;
    }

    private static String escape(CharSequence text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escapes(text, i, keepLines)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    private static boolean escapes(CharSequence text, int i, boolean keepLines) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return !(keepLines && (c == '\n' || c == '\t'));
        }
        if (c < 0x7F) {
            return false;
        }
        if (c <= 0x9F) {
            return true; // DEL and the C1 controls
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        if (c == '\u200C' || c == '\u200D') {
            return false; // joiners shape scripts and emoji sequences; they hide nothing
        }
        return c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
    }
}
