package dev.clave.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ANSI colour (CSI)             | `\u001B[31mred\u001B[0m` | \\u001B[31mred\\u001B[0m
            window title (OSC) and bell   | `\u001B]0;owned\u0007` | \\u001B]0;owned\\u0007
            OSC 8 hyperlink               | `\u001B]8;;http://x\u001B\\` | \\u001B]8;;http://x\\u001B\\
            one-character CSI (C1)        | `\u009B2J` | \\u009B2J
            delete and backspace          | `a\u007Fb\u0008c` | a\\u007Fb\\u0008c
            carriage return               | `shown\roverwritten` | shown\\roverwritten
            right-to-left override        | `abc\u202Edef` | abc\\u202Edef
            zero-width space and BOM      | `a\u200Bb\uFEFF` | a\\u200Bb\\uFEFF
            line separator                | `a\u2028b` | a\\u2028b
            lone surrogate                | `x\uD800y` | x\\uD800y
            """)
    void escapes_what_a_terminal_would_act_on(String what, String raw, String shown) {
        assertThat(Printable.escape(raw)).isEqualTo(shown);
        assertThat(Printable.needsEscaping(raw)).isTrue();
    }

    @Test
    void leaves_ordinary_text_emoji_and_joined_emoji_alone() {
        String text = "Ünïcode 中文 naïve café \"quoted\" back\\slash 😀 👨\u200D👩\u200D👧 عربي";

        assertThat(Printable.escape(text)).isSameAs(text);
        assertThat(Printable.needsEscaping(text)).isFalse();
    }

    @Test
    void escapes_line_breaks_on_one_line_and_keeps_them_in_multi_line_messages() {
        assertThat(Printable.escape("a\nb\tc\r")).isEqualTo("a\\nb\\tc\\r");
        assertThat(Printable.escapeKeepingLines("a\nb\tc\r\u001B")).isEqualTo("a\nb\tc\\r\\u001B");
        assertThat(Printable.escape(null)).isNull();
    }
}
