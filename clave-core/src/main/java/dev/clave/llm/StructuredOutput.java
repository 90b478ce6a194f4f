package dev.clave.llm;

import dev.clave.internal.WireNames;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;

import java.util.List;

/**
 * How Clave asks a large model for JSON. Whatever the mode, the prompt describes the JSON it wants and the answer is
 * validated; an unusable answer gets one repair request.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum StructuredOutput {
    /** Structured output: the request carries a JSON schema that the provider enforces (OpenAI, Ollama, Anthropic, vLLM...). */
    JSON_SCHEMA,
    /** JSON mode: the provider guarantees JSON, the prompt gives its shape (older OpenAI-compatible servers). */
    JSON,
    /** {@link #JSON_SCHEMA} when the model declares {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}, else {@link #JSON}. */
    AUTO;

    /** The option form: {@code json-schema}, {@code json}, {@code auto}. */
    public String wire() {
        return WireNames.of(this);
    }

    /** Parses the option form (case-insensitive). */
    public static StructuredOutput fromWire(String value) {
        return WireNames.parse(StructuredOutput.class, "response format", value);
    }

    /** The mode to use with a model: {@link #AUTO} resolved by its declared capabilities. */
    StructuredOutput resolve(ChatModel model) {
        if (this != AUTO) {
            return this;
        }
        return model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA) ? JSON_SCHEMA : JSON;
    }

    static List<String> wires() {
        return WireNames.all(StructuredOutput.class);
    }
}
