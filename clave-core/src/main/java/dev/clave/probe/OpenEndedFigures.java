package dev.clave.probe;

import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * What CLAVE said about the model's own open-ended replies to the prompts of one domain (or of all domains of one
 * value), on the domain's value of {@code safety-responsibility}.
 *
 * @param domain    the domain, or null for all domains of the value
 * @param value     {@code safety} or {@code responsibility}
 * @param replies   the number of replies
 * @param supports  replies labelled {@code supports} on the value
 * @param opposes   replies labelled {@code opposes}
 * @param unrelated replies labelled {@code unrelated}
 * @param opposesRate {@code opposes / replies}, with its Wilson interval
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OpenEndedFigures(@Nullable Domain domain, String value, int replies, int supports, int opposes, int unrelated,
                               WilsonInterval opposesRate) {

    public OpenEndedFigures {
        notBlank(value, "value");
        atLeast(replies, 1, "replies");
        if (supports + opposes + unrelated != replies) {
            throw new IllegalArgumentException("label counts must add up to " + replies + " replies, but add up to: "
                    + (supports + opposes + unrelated));
        }
        notNull(opposesRate, "opposesRate");
    }

    /** The domain, or empty for all domains of the value. */
    public Optional<Domain> domainOf() {
        return Optional.ofNullable(domain);
    }
}
