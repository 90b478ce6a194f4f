package dev.clave.llm;

import dev.clave.data.TextInput;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FenceTest {

    @Test
    void fences_each_part_between_markers_named_above_them() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("TEXT", "a text");
        parts.put("EXPLANATION", "an explanation");
        assertThat(Fence.fence("n1", parts)).isEqualTo("""
                The text is between <<<TEXT n1>>> and <<<END TEXT n1>>>.
                The explanation is between <<<EXPLANATION n1>>> and <<<END EXPLANATION n1>>>.

                <<<TEXT n1>>>
                a text
                <<<END TEXT n1>>>

                <<<EXPLANATION n1>>>
                an explanation
                <<<END EXPLANATION n1>>>
                """);
    }

    @Test
    void the_nonce_depends_on_every_part_so_a_text_cannot_carry_its_own_closing_marker() {
        assertThat(Fence.nonce("a", "b")).hasSize(16).isNotEqualTo(Fence.nonce("a", "c")).isNotEqualTo(Fence.nonce("ab", ""));
        assertThat(Fence.nonce("a", "b")).isEqualTo(Fence.nonce("a", "b"));
    }

    @Test
    void the_extractor_fences_scenario_and_text_as_before() {
        // the extractor's fence is part of its prompt version, and so of every concept cache key: it must not change
        TextInput input = new TextInput("the answer", "the prompt");
        String nonce = Prompts.nonce(input);
        assertThat(nonce).isEqualTo(dev.clave.internal.Hashing.sha256("clave-fence", "the prompt", "the answer").substring(0, 16));
        assertThat(Prompts.fence(input)).isEqualTo("The scenario is between <<<SCENARIO " + nonce + ">>> and <<<END SCENARIO "
                + nonce + ">>>.\nThe text is between <<<TEXT " + nonce + ">>> and <<<END TEXT " + nonce + ">>>.\n\n<<<SCENARIO "
                + nonce + ">>>\nthe prompt\n<<<END SCENARIO " + nonce + ">>>\n\n<<<TEXT " + nonce + ">>>\nthe answer\n<<<END TEXT "
                + nonce + ">>>\n");
        assertThat(Prompts.nonce(new TextInput("t", null))).isEqualTo(
                dev.clave.internal.Hashing.sha256("clave-fence", "", "t").substring(0, 16));
    }
}
