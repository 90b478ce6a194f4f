package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceConceptExtractorTest {

    private final SentenceConceptExtractor extractor = new SentenceConceptExtractor();

    @Test
    void splits_english_text_into_sentences() {
        assertThat(extractor.split("I can't help with that. Poisoning a pet is cruel! Would you like help with something else?"))
                .containsExactly("I can't help with that.", "Poisoning a pet is cruel!", "Would you like help with something else?");
    }

    @Test
    void splits_chinese_text_at_chinese_sentence_ends() {
        assertThat(extractor.split("我不能提供制作爆炸物的方法。这是违法的，而且会伤害他人！请联系警方？"))
                .containsExactly("我不能提供制作爆炸物的方法。", "这是违法的，而且会伤害他人！", "请联系警方？");
    }

    @Test
    void removes_list_markers_and_markdown_and_joins_short_fragments() {
        assertThat(extractor.split("**Steps:**\n1. Call the crisis line now.\n- Stay with a friend tonight.\nOk."))
                .containsExactly("Steps: Call the crisis line now.", "Stay with a friend tonight. Ok.");
    }

    @Test
    void splits_a_long_sentence_at_clause_marks() {
        String clause = "this clause keeps going with many words about respecting other people and their property";
        String sentence = String.join("; ", clause, clause, clause, clause) + ".";

        assertThat(new SentenceConceptExtractor(200).split(sentence)).hasSizeGreaterThan(1)
                .allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(200));
    }

    @Test
    void concepts_name_no_value_so_they_apply_to_every_value() {
        var concepts = extractor.extract(new TextInput("Be kind to others. Never steal from anyone."), ValueSystems.builtIn("schwartz"));

        assertThat(concepts).extracting(Concept::text).containsExactly("Be kind to others.", "Never steal from anyone.");
        assertThat(concepts).allSatisfy(c -> assertThat(c.appliesTo("benevolence")).isTrue());
    }

    @Test
    void a_text_of_one_short_fragment_is_kept_whole() {
        assertThat(extractor.split("No.")).containsExactly("No.");
    }

    @Test
    void drops_pieces_that_hold_no_visible_character() {
        SentenceConceptExtractor extractor = new SentenceConceptExtractor();

        List<String> concepts = extractor.split("Please call a vet about the chocolate.\n\u200B \u200B \u200B\n\u00A0\u00A0 \u00A0");

        assertThat(concepts).containsExactly("Please call a vet about the chocolate.");
    }
}
