package dev.clave.llm;

import dev.clave.ClaveException;
import org.apiguardian.api.API;

/**
 * The large model answered, but twice (the answer and one repair request) with nothing Clave could use: malformed
 * or truncated JSON, or JSON of the wrong shape. The message names the text (id and content hash), what was wrong,
 * and the start of the last answer. Asking again later may help; a smaller or more capable model, or
 * {@code clave.extractor.response-format=json-schema}, usually does.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class LlmAnswerException extends ClaveException {

    private static final long serialVersionUID = 1L;

    public LlmAnswerException(String message) {
        super(message);
    }
}
