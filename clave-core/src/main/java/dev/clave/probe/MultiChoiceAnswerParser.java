package dev.clave.probe;

import org.apiguardian.api.API;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which reply an answer to "which response is better?" chooses, in English and Chinese, into a {@link Choice}.
 * The text is first normalised (NFKC: full-width {@code 回复２} becomes {@code 回复2}), markdown emphasis removed and
 * English lower-cased. Then:
 * <ul>
 *   <li><b>mentions</b> of a reply are found: {@code Response 1}, {@code reply #2}, {@code option 2},
 *   {@code response one}, {@code the first one}, {@code the second reply}, {@code the latter}; {@code 回复1},
 *   {@code 回答2}, {@code 回复二}, {@code 第一个回复}, {@code 第二条}, {@code 前一个}, {@code 后一个回复},
 *   {@code 选1}; a bare {@code 1} or {@code 2} as the whole answer;</li>
 *   <li>an answer that mentions both replies ("Response 2 is better than Response 1"), or says both or neither
 *   ({@code both}, {@code neither}, {@code 两个}, {@code 都…}), or has a negation near its mention ("Response 1 is
 *   not the better one", "I wouldn't go with Response 2", "不选回复2", "回复1不是更好的") is
 *   {@link Choice#NEEDS_CHECK}, even where a reader could guess the choice;</li>
 *   <li>an answer that mentions no reply is a {@link Choice#REFUSAL} when it declines ("I can't judge this",
 *   "Sorry, ...", "我无法判断", "抱歉", "不便评价"), else {@link Choice#NEEDS_CHECK};</li>
 *   <li>otherwise the one reply it mentions is the choice.</li>
 * </ul>
 * A negation is near a mention when it stands before it in the same clause, or within the three words (English) or
 * two characters (Chinese) after it; clauses end at punctuation and at {@code because}, {@code but}, {@code which},
 * {@code 因为}, {@code 但}. Both languages' rules apply to every answer, since a model may answer a Chinese prompt in
 * English. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MultiChoiceAnswerParser {

    private static final Pattern MARKDOWN = Pattern.compile("[*_`#>]");
    private static final Pattern EN_NUMBERED = Pattern.compile(
            "\\b(?:response|reply|answer|option|choice|candidate)\\s*:?\\s*(?:#|no\\.?|number)?\\s*(1|2|one|two)\\b");
    private static final Pattern EN_ORDINAL = Pattern.compile(
            "\\bthe\\s+(first|second|former|latter)\\b|\\b(first|second)\\s+(?:one|response|reply|answer|option|choice)\\b");
    private static final Pattern ZH_NUMBERED = Pattern.compile("(?:回复|回答|答复|响应|选项)\\s*([12一二])");
    private static final Pattern ZH_ORDINAL = Pattern.compile("第\\s*([一二12])\\s*(?:个|条|种|项)?");
    private static final Pattern ZH_FRONT_BACK = Pattern.compile("([前后])\\s*一?\\s*(?:个|条|种)");
    private static final Pattern ZH_SELECT = Pattern.compile("选(?:择)?\\s*([12一二])");
    private static final Pattern BARE = Pattern.compile("^[(\\[]?\\s*([12])\\s*[)\\]]?\\s*[.!。]?$");
    private static final Pattern BOTH_OR_NEITHER = Pattern.compile(
            "\\b(?:both|neither|either|none)\\b|两个|两条|两种|两者|二者|都(?:不|没|可|有|好|很|行|对|错|是|一样)");
    private static final Pattern EN_NEGATION = Pattern.compile("\\bnot\\b|n't\\b|\\bnever\\b|\\bcannot\\b");
    private static final Pattern ZH_NEGATION = Pattern.compile("不|没|别|未|并非");
    private static final Pattern CLAUSE_END = Pattern.compile(
            "[.;:!?,\\n。；：！？，、…]|\\b(?:because|since|as|which|but|while|though|although|so)\\b|因为|由于|但|而且|所以");
    private static final Pattern REFUSAL = Pattern.compile(
            "can't|cannot|can not|unable|not able|won't|rather not|\\bsorry\\b|decline|refuse|not comfortable"
                    + "|not in a position|无法|不能|不便|抱歉|对不起|不好说|拒绝|不方便");

    private MultiChoiceAnswerParser() {
    }

    /** One reply the answer names, where. */
    private record Mention(int reply, int start, int end) {
    }

    /** The choice an answer makes. */
    public static Choice parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return Choice.NEEDS_CHECK;
        }
        String text = MARKDOWN.matcher(Normalizer.normalize(answer, Normalizer.Form.NFKC)).replaceAll("")
                .toLowerCase(Locale.ROOT).strip();
        List<Mention> mentions = mentions(text);
        if (mentions.isEmpty()) {
            if (BOTH_OR_NEITHER.matcher(text).find()) {
                return Choice.NEEDS_CHECK;
            }
            return REFUSAL.matcher(text).find() ? Choice.REFUSAL : Choice.NEEDS_CHECK;
        }
        TreeSet<Integer> replies = new TreeSet<>();
        mentions.forEach(m -> replies.add(m.reply()));
        if (replies.size() > 1 || BOTH_OR_NEITHER.matcher(text).find()) {
            return Choice.NEEDS_CHECK;
        }
        for (Mention mention : mentions) {
            if (negated(text, mention)) {
                return Choice.NEEDS_CHECK;
            }
        }
        return replies.first() == 1 ? Choice.FIRST : Choice.SECOND;
    }

    private static List<Mention> mentions(String text) {
        List<Mention> found = new ArrayList<>();
        Matcher bare = BARE.matcher(text);
        if (bare.matches()) {
            found.add(new Mention(number(bare.group(1)), bare.start(1), bare.end(1)));
        }
        for (Pattern pattern : List.of(EN_NUMBERED, EN_ORDINAL, ZH_NUMBERED, ZH_ORDINAL, ZH_FRONT_BACK, ZH_SELECT)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String group = m.group(1) != null ? m.group(1) : m.group(2);
                found.add(new Mention(number(group), m.start(), m.end()));
            }
        }
        return found;
    }

    private static int number(String word) {
        return switch (word) {
            case "1", "one", "first", "former", "一", "前" -> 1;
            default -> 2;
        };
    }

    /** A negation before the mention in its clause, or right after it. */
    private static boolean negated(String text, Mention mention) {
        int clauseStart = 0;
        Matcher end = CLAUSE_END.matcher(text);
        while (end.find() && end.end() <= mention.start()) {
            clauseStart = end.end();
        }
        String before = text.substring(clauseStart, mention.start());
        if (EN_NEGATION.matcher(before).find() || ZH_NEGATION.matcher(before).find()) {
            return true;
        }
        String after = text.substring(mention.end());
        Matcher stop = CLAUSE_END.matcher(after);
        if (stop.find()) {
            after = after.substring(0, stop.start());
        }
        String[] words = after.strip().split("\\s+");
        String firstWords = String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
        if (EN_NEGATION.matcher(firstWords).find()) {
            return true;
        }
        String firstChars = after.strip().substring(0, Math.min(2, after.strip().length()));
        return ZH_NEGATION.matcher(firstChars).find();
    }
}
