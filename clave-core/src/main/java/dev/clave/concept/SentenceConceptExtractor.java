package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.internal.Texts;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The offline fallback extractor: it needs no model and no network, and takes each sentence or clause of the
 * text as a concept. It is how Clave runs in CI without an API key, and it is clearly of lower quality than a
 * large model, which rewrites a text into short, scenario-independent value concepts; calibrate and evaluate with
 * the same extractor.
 *
 * <p>Splitting uses {@link BreakIterator#getSentenceInstance(Locale)}, which knows Chinese and English sentence
 * ends ({@code 。！？ . ! ?}). Sentences longer than {@value #DEFAULT_MAX_CHARS} characters are split again at
 * clause marks ({@code ; : ；： ，,}); list markers and Markdown emphasis are removed; fragments shorter than
 * three words (or four CJK characters) are joined to their neighbour; pieces without a visible character (only
 * zero-width or no-break spaces) and duplicates are dropped. Concepts name no
 * value, so the small model considers each of them for every value.
 *
 * <p>Deterministic and thread-safe. The scenario is not used.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SentenceConceptExtractor implements ConceptExtractor {

    /** The identifier used in cache keys and artifacts. */
    public static final String ID = "offline-sentences";
    static final int DEFAULT_MAX_CHARS = 240;
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*•·]+|\\d{1,3}[.)、]|[a-zA-Z][.)])\\s+");
    private static final Pattern MARKDOWN = Pattern.compile("[*_`#>]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CLAUSE_MARK = Pattern.compile("(?<=[;:；：，,])");

    private final int maxChars;

    public SentenceConceptExtractor() {
        this(DEFAULT_MAX_CHARS);
    }

    SentenceConceptExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
        return split(text.text()).stream().map(Concept::new).toList();
    }

    /** The concept texts of a text, in order. */
    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            String cleaned = clean(paragraph);
            if (cleaned.isEmpty()) {
                continue;
            }
            for (String sentence : sentences(cleaned)) {
                if (sentence.length() > maxChars) {
                    pieces.addAll(clauses(sentence));
                } else {
                    pieces.add(sentence);
                }
            }
        }
        return mergeShort(pieces);
    }

    private static String clean(String paragraph) {
        String line = LIST_MARKER.matcher(paragraph).replaceFirst("");
        line = MARKDOWN.matcher(line).replaceAll("");
        return WHITESPACE.matcher(line).replaceAll(" ").strip();
    }

    private static List<String> sentences(String paragraph) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(isMostlyCjk(paragraph) ? Locale.CHINESE : Locale.ENGLISH);
        iterator.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (Texts.hasVisibleCharacter(sentence)) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private List<String> clauses(String sentence) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : CLAUSE_MARK.split(sentence)) {
            if (current.length() > 0 && current.length() + part.length() > maxChars) {
                clauses.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(part);
        }
        if (!current.isEmpty()) {
            clauses.add(current.toString().strip());
        }
        clauses.removeIf(clause -> !Texts.hasVisibleCharacter(clause));
        return clauses;
    }

    private static List<String> mergeShort(List<String> pieces) {
        List<String> merged = new ArrayList<>();
        String pending = "";
        for (String piece : pieces) {
            String joined = pending.isEmpty() ? piece : pending + " " + piece;
            if (isTooShort(joined)) {
                pending = joined;
            } else {
                merged.add(joined);
                pending = "";
            }
        }
        if (!pending.isEmpty()) {
            if (merged.isEmpty()) {
                merged.add(pending);
            } else {
                merged.set(merged.size() - 1, merged.get(merged.size() - 1) + " " + pending);
            }
        }
        Set<String> unique = new LinkedHashSet<>(merged);
        return List.copyOf(unique);
    }

    private static boolean isTooShort(String piece) {
        long cjk = piece.codePoints().filter(SentenceConceptExtractor::isCjk).count();
        if (cjk > 0) {
            return cjk < 4 && piece.split(" ").length < 3;
        }
        return piece.split(" ").length < 3;
    }

    private static boolean isMostlyCjk(String text) {
        long cjk = text.codePoints().filter(SentenceConceptExtractor::isCjk).count();
        return cjk * 2 > text.codePoints().filter(Character::isLetter).count();
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
