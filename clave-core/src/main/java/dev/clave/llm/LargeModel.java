package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveTransientException;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;

/**
 * A large model as {@link LargeModels} configured it for one role: the LangChain4j {@link ChatModel} (its own
 * retries off) and Clave's settings around it: how to ask for JSON, the retry policy, the most requests in flight
 * and a minute, sampling, and the secret to redact from every message. The concept extractor and the direct judge
 * are built from one ({@link LlmConceptExtractor.Builder#largeModel(LargeModel)}); a model under test or a probe asks
 * it plain prompts through {@link #chat(String)}.
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} never shows the key.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LargeModel {

    private final ChatModel model;
    private final String modelId;
    private final String endpoint;
    private final StructuredOutput output;
    private final RetryPolicy retry;
    private final int concurrency;
    private final @Nullable Double temperature;
    private final Integer maxOutputTokens;
    private final List<String> secrets;
    private final String role;
    private final Duration timeout;
    private final int requestsPerMinute;
    private volatile @Nullable ModelCaller caller;

    LargeModel(ChatModel model, String modelId, String endpoint, StructuredOutput output, RetryPolicy retry, int concurrency,
               @Nullable Double temperature, Integer maxOutputTokens, List<String> secrets, String role, Duration timeout,
               int requestsPerMinute) {
        this.role = role;
        this.timeout = timeout;
        this.requestsPerMinute = requestsPerMinute;
        this.model = model;
        this.modelId = modelId;
        this.endpoint = endpoint;
        this.output = output;
        this.retry = retry;
        this.concurrency = concurrency;
        this.temperature = temperature;
        this.maxOutputTokens = maxOutputTokens;
        this.secrets = List.copyOf(secrets);
    }

    /** The LangChain4j model, with its own retries off: Clave retries under {@link #retryPolicy()}. */
    public ChatModel chatModel() {
        return model;
    }

    /** {@code provider/model}, e.g. {@code openai/gpt-4o-mini}. */
    public String modelId() {
        return modelId;
    }

    /** The base URL, without credentials or query, for messages. */
    public String endpoint() {
        return endpoint;
    }

    /** The retry policy of its requests. */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The most requests in flight at once. */
    public int concurrency() {
        return concurrency;
    }

    /** The most requests a minute over all threads, retries included; 0 for no limit. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    StructuredOutput output() {
        return output;
    }

    @Nullable Double temperature() {
        return temperature;
    }

    Integer maxOutputTokens() {
        return maxOutputTokens;
    }

    List<String> secrets() {
        return secrets;
    }

    /**
     * The deadline of one request: connecting, the headers and the whole body. Clave's HTTP client ends a request there;
     * the caller abandons a call that is still running {@link LargeModelBuilder#CALL_TIMEOUT_GRACE} later.
     */
    public Duration timeout() {
        return timeout;
    }

    /** The property prefix of its role, for messages: {@code clave.extractor}, {@code clave.judge}, {@code clave.model}. */
    String role() {
        return role;
    }

    /**
     * The model's plain-text answer to one prompt, with transient failures (429, 5xx, timeouts) retried under the
     * retry policy, at most {@link #concurrency()} requests in flight over all threads and at most
     * {@link #requestsPerMinute()} a minute.
     *
     * @throws ClaveTransientException when the retry policy is spent
     * @throws ClaveConfigurationException when the provider refuses the request (key, model, parameters), or the answer
     *                                     is empty
     */
    public String chat(String prompt) {
        notBlank(prompt, "prompt");
        ChatResponse response = caller().send(List.of(UserMessage.from(prompt)), ResponseFormat.TEXT, "a prompt", () -> false);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ClaveConfigurationException("The large model " + modelId + " at " + endpoint
                    + " gave an empty answer to a prompt of " + prompt.length() + " characters.");
        }
        return text;
    }

    /**
     * This model as a LangChain4j {@link ChatModel} whose requests go through Clave's retries, concurrency limit and
     * redaction, like {@link #chat(String)}: for code that takes a {@code ChatModel}.
     */
    public ChatModel asChatModel() {
        LargeModel self = this;
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                ResponseFormat format = request.responseFormat() != null ? request.responseFormat() : ResponseFormat.TEXT;
                return caller().send(request.messages(), format, "a prompt", () -> false);
            }

            @Override
            public String toString() {
                return self.toString();
            }
        };
    }

    /** Requests, retries and tokens of {@link #chat(String)} calls so far. */
    public LlmUsage usage() {
        ModelCaller current = caller;
        return current == null ? LlmUsage.NONE : current.usage();
    }

    private ModelCaller caller() {
        ModelCaller current = caller;
        if (current == null) {
            synchronized (this) {
                current = caller;
                if (current == null) {
                    current = new ModelCaller(model, modelId, endpoint, retry, concurrency, ModelCaller.Sleeper.REAL,
                            new Redactor(secrets), temperature, maxOutputTokens, role,
                            timeout.plus(LargeModelBuilder.CALL_TIMEOUT_GRACE), requestsPerMinute, System::nanoTime);
                    caller = current;
                }
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return "LargeModel[" + modelId + " at " + endpoint + "]";
    }
}
