package dev.clave.concept;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.TextInput;
import dev.clave.internal.Printable;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;

/**
 * A text had no cache entry while the cache was in {@link CacheMode#REPLAY} mode. The message names the text
 * and says how to record the entry.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ConceptCacheMissException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String textSha256;

    public ConceptCacheMissException(TextInput text, ConceptExtractor extractor, ValueSystem valueSystem, ConceptCache cache) {
        super("No concepts recorded for text " + describe(text) + " (extractor " + extractor.id() + " v" + extractor.version()
                + ", value system " + valueSystem.qualifiedId() + ") in " + cache + ", and the cache mode is replay. "
                + "Record it by running once with cache mode read-write and the same extractor configured "
                + "(e.g. -Dclave.cache.mode=read-write), then commit the new cache files.");
        this.textSha256 = CacheKey.contentHash(text);
    }

    /** The content hash of the missing text. */
    public String textSha256() {
        return textSha256;
    }

    private static String describe(TextInput text) {
        String snippet = text.text().strip().replaceAll("\\s+", " ");
        if (snippet.length() > 80) {
            snippet = snippet.substring(0, 77) + "...";
        }
        return Printable.escape((text.id() == null ? "" : "'" + text.id() + "' ") + "\"" + snippet + "\"") + " [sha256 "
                + CacheKey.contentHash(text).substring(0, 12) + "]";
    }
}
