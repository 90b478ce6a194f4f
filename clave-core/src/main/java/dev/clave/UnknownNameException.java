package dev.clave;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A configured name that Clave does not know: an extractor, encoder, cache store, cache or answer mode, provider or
 * option. The message reads {@code Unknown value 'privacy' of value system 'assistant'. Did you mean
 * 'privacy-respect'? Valid values are: ...}: the name, where it was looked up, the nearest valid name when one is close
 * ({@link #nearest}), and every valid name. {@link dev.clave.value.UnknownValueException} is the case of a value or
 * value-system id.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnknownNameException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;
    private static final int MOST_EDITS = 3;

    private final String unknown;
    private final List<String> valid;
    private final @Nullable String suggestion;

    public UnknownNameException(String what, String unknown, List<String> valid) {
        this(what, unknown, "", valid, "");
    }

    /**
     * @param what    what kind of name it is, e.g. "extractor"
     * @param unknown the name that was asked for
     * @param valid   the names that exist
     * @param hint    text appended to the list of valid names, e.g. ", or the path of a JSON file"
     */
    public UnknownNameException(String what, String unknown, List<String> valid, String hint) {
        this(what, unknown, "", valid, hint);
    }

    /**
     * @param what    what kind of name it is, a noun whose plural takes an "s", e.g. "value"
     * @param unknown the name that was asked for
     * @param scope   where it was looked up, e.g. "of value system 'schwartz'"; empty when there is nothing to say
     * @param valid   the names that exist
     * @param hint    text appended to the list of valid names, e.g. ", or the path of a JSON file"
     */
    public UnknownNameException(String what, String unknown, String scope, List<String> valid, String hint) {
        this(what, unknown, scope, valid, hint, nearest(unknown, valid).orElse(null));
    }

    private UnknownNameException(String what, String unknown, String scope, List<String> valid, String hint,
                                 @Nullable String suggestion) {
        super("Unknown " + what + " '" + unknown + "'" + (scope.isBlank() ? "" : " " + scope.strip()) + "."
                + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?")
                + " Valid " + what + "s are: " + String.join(", ", valid) + hint);
        this.unknown = unknown;
        this.valid = List.copyOf(valid);
        this.suggestion = suggestion;
    }

    /** The name that was asked for. */
    public String unknown() {
        return unknown;
    }

    /** The names that would have been accepted. */
    public List<String> valid() {
        return valid;
    }

    /** The valid name the message suggests, when one is close to the unknown one. */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }

    /**
     * The valid name closest to {@code unknown}, when one is close enough to be what was meant. Names are compared
     * without case and without separators ({@code Self_Direction} is {@code self-direction}); a valid name that
     * contains the unknown one or is contained in it ({@code privacy} and {@code privacy-respect}) is close, and so is
     * one within a few edits (Damerau-Levenshtein distance, Apache Commons Text, of at most a quarter of the
     * name's length, between 1 and 3: a typo such as {@code schwarz} or {@code honsety}). Among close names the fewest edits win, then the earliest in {@code valid}.
     */
    public static Optional<String> nearest(@Nullable String unknown, Collection<String> valid) {
        if (unknown == null) {
            return Optional.empty();
        }
        String wanted = normalized(unknown);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        int mostEdits = Math.max(1, Math.min(MOST_EDITS, wanted.length() / 4));
        DamerauLevenshteinDistance distance = new DamerauLevenshteinDistance();
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        for (String candidate : valid) {
            String name = normalized(candidate);
            if (name.isEmpty() || candidate.equals(unknown)) {
                continue;
            }
            int edits = distance.apply(wanted, name);
            boolean close = edits <= mostEdits
                    || Math.min(name.length(), wanted.length()) >= 3 && (name.contains(wanted) || wanted.contains(name));
            if (close && edits < bestEdits) {
                best = candidate;
                bestEdits = edits;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalized(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }
}
