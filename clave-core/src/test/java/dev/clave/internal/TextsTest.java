package dev.clave.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u200B", "\uFEFF", "\u2007\u202F", "\u3000", "\u00AD", "\u200E\u2060", "\u0301",
            "\u3164", "\u2800", "\uFFFD", " \t\n", "\u001B", ""})
    void texts_without_a_visible_character_are_not_text(String invisible) {
        assertThat(Texts.hasVisibleCharacter(invisible)).isFalse();
        assertThatThrownBy(() -> Texts.requireText(invisible, "field \"text\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u00A0a", "中", "😀", "\u200Bx\u200B", ".", "é", "\u0915\u093F"})
    void one_visible_character_makes_a_text(String text) {
        assertThat(Texts.hasVisibleCharacter(text)).isTrue();
        assertThat(Texts.requireText(text, "text")).isSameAs(text);
    }

    @Test
    void finds_the_first_unpaired_surrogate() {
        assertThat(Texts.loneSurrogateIndex("ok 😀")).isEqualTo(-1);
        assertThat(Texts.loneSurrogateIndex("ab\uD83D")).isEqualTo(2);
        assertThat(Texts.loneSurrogateIndex("\uDE00ab")).isZero();
        assertThat(Texts.loneSurrogateIndex("😀\uD83Dx")).isEqualTo(2);
        assertThatThrownBy(() -> Texts.requireText("a\uD83Db", "field \"text\""))
                .hasMessage("field \"text\" holds a lone UTF-16 surrogate \\uD83D at character 2 (a high surrogate must be "
                        + "followed by a low one, \\uDC00-\\uDFFF); write the character itself, or both halves of its escape");
    }

    @Test
    void names_the_invisible_characters_a_text_holds() {
        assertThat(Texts.describeInvisible("\u00A0\u200B\u00A0")).isEqualTo("only U+00A0 NO-BREAK SPACE, U+200B ZERO WIDTH SPACE");
        assertThat(Texts.describeInvisible("")).isEqualTo("nothing");
    }
}
