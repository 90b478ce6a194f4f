package dev.clave.probe;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the answer letter of a know-what answer: A (yes, the text supports the value), B (no, it opposes it) or C (not
 * applicable, unrelated). Models run on past their answer ("B. The assistant rejects traditions, so not A"), so the
 * <em>first</em> answer letter counts:
 * <ul>
 *   <li>the text is first normalised (NFKC: full-width {@code Ａ}, {@code （Ｂ）} and {@code 答案：Ｃ} become
 *   {@code A}, {@code (B)}, {@code 答案:C}) and markdown emphasis is removed;</li>
 *   <li>a letter counts when it stands alone (no Latin letter or digit next to it): {@code A}, {@code B.},
 *   {@code (C)}, {@code C，……}, {@code 选B}, {@code Answer: C}, {@code The answer is A because ...};</li>
 *   <li>a capital {@code A} followed by a lower-case word is the article ("A dress code is ...") unless an answer cue
 *   comes before it ({@code answer}, {@code option}, {@code 答案}, {@code 选}) or the word is {@code because},
 *   {@code since} or {@code as};</li>
 *   <li>a lower-case letter counts only as the whole answer ({@code a}, {@code (c)}) or after an answer cue.</li>
 * </ul>
 * An answer without such a letter ("It depends on the context.", "我无法判断。") is unparseable: the probe counts it
 * separately, never as a guess. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KnowWhatAnswerParser {

    private static final Pattern MARKDOWN = Pattern.compile("[*_`#]");
    private static final Pattern CUE = Pattern.compile(
            "(?i)(?:\\b(?:answer|option|choice|choose|label)\\s*(?:is|would be|:)?|答案\\s*(?:是|为|:)?|选择?|我选)\\s*[(\\[]?\\s*$");
    private static final Pattern WHOLE = Pattern.compile("^[(\\[]?\\s*[ABCabc]\\s*[)\\]]?\\s*[.!。]?$");
    private static final Pattern ANSWER_WORD = Pattern.compile("^\\s+(?:because|since|as)\\b");
    private static final Pattern ARTICLE = Pattern.compile("^\\s+\\p{Ll}");

    private KnowWhatAnswerParser() {
    }

    /** The first answer letter, {@code A}, {@code B} or {@code C}, or empty when the answer has none. */
    public static Optional<Character> letter(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        String text = MARKDOWN.matcher(Normalizer.normalize(answer, Normalizer.Form.NFKC)).replaceAll("").strip();
        boolean whole = WHOLE.matcher(text).matches();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char upper = Character.toUpperCase(c);
            if (upper != 'A' && upper != 'B' && upper != 'C') {
                continue;
            }
            if (i > 0 && latinOrDigit(text.charAt(i - 1)) || i + 1 < text.length() && latinOrDigit(text.charAt(i + 1))) {
                continue;
            }
            boolean cued = CUE.matcher(text.substring(0, i)).find();
            if (Character.isLowerCase(c)) {
                if (whole || cued) {
                    return Optional.of(upper);
                }
                continue;
            }
            String after = text.substring(i + 1);
            if (c == 'A' && !cued && ARTICLE.matcher(after).lookingAt() && !ANSWER_WORD.matcher(after).lookingAt()) {
                continue;
            }
            return Optional.of(upper);
        }
        return Optional.empty();
    }

    /** The label the first answer letter stands for: A supports, B opposes, C unrelated. */
    public static Optional<Label> label(String answer) {
        return letter(answer).map(KnowWhatAnswerParser::label);
    }

    /** The label of a letter. */
    static Label label(char letter) {
        return switch (letter) {
            case 'A' -> Label.SUPPORTS;
            case 'B' -> Label.OPPOSES;
            default -> Label.UNRELATED;
        };
    }

    /** The letter of a label. */
    public static char letter(Label label) {
        return switch (label) {
            case SUPPORTS -> 'A';
            case OPPOSES -> 'B';
            case UNRELATED -> 'C';
        };
    }

    private static boolean latinOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c) || Character.isDigit(c)
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }
}
