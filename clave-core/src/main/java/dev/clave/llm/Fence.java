package dev.clave.llm;

import dev.clave.internal.Hashing;
import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Puts untrusted text into a prompt as data: each part between markers that carry a nonce derived from the hash of
 * the parts themselves, so that a text cannot contain the marker that closes it and cannot step out of its fence. The
 * concept extractor, the direct judge and the probes' judge fence every text they did not write this way, and their
 * instructions say that everything between the markers is data, never instructions.
 *
 * <pre>{@code
 * String nonce = Fence.nonce(text, explanation);
 * String fenced = Fence.fence(nonce, Map.of("TEXT", text, "EXPLANATION", explanation));
 * // The text is between <<<TEXT 1f0c...>>> and <<<END TEXT 1f0c...>>>.
 * // ...
 * // <<<TEXT 1f0c...>>>
 * // the text
 * // <<<END TEXT 1f0c...>>>
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Fence {

    private Fence() {
    }

    /** 16 hex digits of a hash of the contents, in order: a marker none of them can contain. */
    public static String nonce(String... contents) {
        String[] parts = new String[contents.length + 1];
        parts[0] = "clave-fence";
        for (int i = 0; i < contents.length; i++) {
            parts[i + 1] = contents[i] == null ? "" : contents[i];
        }
        return Hashing.sha256(parts).substring(0, 16);
    }

    /**
     * The parts, in the map's iteration order, each between {@code <<<NAME nonce>>>} and {@code <<<END NAME nonce>>>},
     * after one line per part that names its markers.
     *
     * @param nonce from {@link #nonce(String...)} over every part's content
     * @param parts marker name (upper case, e.g. {@code TEXT}) to content; use a {@link LinkedHashMap} for the order
     */
    public static String fence(String nonce, Map<String, String> parts) {
        notBlank(nonce, "nonce");
        notNull(parts, "parts");
        StringBuilder out = new StringBuilder();
        parts.forEach((name, content) -> out.append("The ").append(name.toLowerCase(Locale.ROOT)).append(" is between <<<")
                .append(name).append(' ').append(nonce).append(">>> and <<<END ").append(name).append(' ').append(nonce)
                .append(">>>.\n"));
        out.append('\n');
        boolean first = true;
        for (Map.Entry<String, String> part : parts.entrySet()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append("<<<").append(part.getKey()).append(' ').append(nonce).append(">>>\n").append(part.getValue())
                    .append("\n<<<END ").append(part.getKey()).append(' ').append(nonce).append(">>>\n");
        }
        return out.toString();
    }
}
