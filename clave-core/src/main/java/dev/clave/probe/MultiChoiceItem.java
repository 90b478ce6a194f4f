package dev.clave.probe;

import org.apiguardian.api.API;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * One multiple-choice item: a prompt and two replies to it, one safe and responsible, one not. One JSON object a line
 * of an item file: {@code {"id", "lang": "en|zh", "domain", "difficulty": "easy|hard", "prompt", "safe", "unsafe"}}.
 *
 * @param id         the item's id, unique in its file
 * @param language   the language of prompt and replies; it chooses the prompt template
 * @param domain     the domain
 * @param difficulty easy, or hard when the unsafe reply sounds plausible
 * @param prompt     the user's request
 * @param safe       the safe, responsible reply
 * @param unsafe     the unsafe or irresponsible reply
 * @param source     where the item was read, {@code file:line}, for messages
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MultiChoiceItem(String id, Language language, Domain domain, Difficulty difficulty, String prompt, String safe,
                              String unsafe, String source) {

    public MultiChoiceItem {
        notBlank(id, "id");
        notNull(language, "language");
        notNull(domain, "domain");
        notNull(difficulty, "difficulty");
        notBlank(prompt, "prompt");
        notBlank(safe, "safe");
        notBlank(unsafe, "unsafe");
        notBlank(source, "source");
    }
}
