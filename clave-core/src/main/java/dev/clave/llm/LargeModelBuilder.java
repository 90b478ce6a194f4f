package dev.clave.llm;

import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * The settings every Clave component that calls a large model shares: the model, how to ask it for JSON, retries,
 * concurrency and sampling. {@link LlmConceptExtractor.Builder} and {@link DirectJudgeEvaluator.Builder} extend it.
 *
 * @param <B> the concrete builder
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class LargeModelBuilder<B extends LargeModelBuilder<B>> {

    /** How much longer than the HTTP deadline the call timeout of a configured model is. */
    static final Duration CALL_TIMEOUT_GRACE = Duration.ofSeconds(10);

    private ChatModel chatModel;
    private String modelId;
    private String endpoint;
    private StructuredOutput output = StructuredOutput.AUTO;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int concurrency = LargeModels.DEFAULT_CONCURRENCY;
    private int requestsPerMinute;
    private Double temperature = 0.0;
    private Integer maxOutputTokens;
    private List<String> secrets = List.of();
    private String role = LargeModelSettings.EXTRACTOR;
    private ModelCaller.Sleeper sleeper = ModelCaller.Sleeper.REAL;
    private LongSupplier nanoClock = System::nanoTime;
    private Duration timeout;

    LargeModelBuilder(int defaultMaxOutputTokens) {
        this.maxOutputTokens = defaultMaxOutputTokens;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The large model (required). Switch off its own retries ({@code maxRetries(0)} on LangChain4j's builders):
     * Clave retries under its {@link RetryPolicy}.
     */
    public B chatModel(ChatModel chatModel) {
        this.chatModel = chatModel;
        return self();
    }

    /** {@code <provider>/<model>}. Default: the model's provider and default model name, e.g. {@code openai/gpt-4o-mini}. */
    public B modelId(String modelId) {
        this.modelId = modelId;
        return self();
    }

    /** Where the model is served, shown in messages (never with credentials). Default: not shown. */
    public B endpoint(@Nullable String endpoint) {
        this.endpoint = endpoint == null ? null : LargeModels.endpoint(endpoint);
        return self();
    }

    /** How to ask for JSON. Default {@link StructuredOutput#AUTO}. */
    public B structuredOutput(StructuredOutput output) {
        this.output = notNull(output, "structuredOutput");
        return self();
    }

    /** Retries of transient failures. Default {@link RetryPolicy#defaults()}. */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = notNull(retryPolicy, "retryPolicy");
        return self();
    }

    /** The most requests in flight at once, over all threads using the component. Default 8. */
    public B concurrency(int concurrency) {
        this.concurrency = positive(concurrency, "concurrency");
        return self();
    }

    /**
     * The most requests a minute over all threads using the component, retries and repairs included, spread evenly:
     * a request waits for the next free slot. {@code 0} sets no limit (the default). A job that runs on several
     * machines gives each its share of the provider's limit.
     */
    public B requestsPerMinute(int requestsPerMinute) {
        this.requestsPerMinute = atLeast(requestsPerMinute, 0, "requestsPerMinute");
        return self();
    }

    /** Sampling temperature sent with each request, or null for the model's own default. Default 0. */
    public B temperature(@Nullable Double temperature) {
        this.temperature = temperature;
        return self();
    }

    /** The most tokens of one answer, or null for the model's own default. */
    public B maxOutputTokens(@Nullable Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
        return self();
    }

    /** Strings to mask in every message, e.g. the API key the model was built with. */
    public B secrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
        return self();
    }

    /**
     * The most one request may take, from sending it to the last byte of the answer; a request still running then is
     * abandoned and counts as a timeout (retried under the {@link RetryPolicy}). Default: none for a chat model you
     * built yourself, whose HTTP client's timeouts then apply. The models Clave builds from configuration
     * ({@code clave.extractor.timeout}, {@code clave.judge.timeout}, ...) are bounded on the connection itself:
     * connect, headers and body within the timeout, and at most 8 MiB of answer.
     */
    public B timeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be greater than 0, but is: " + timeout);
        }
        this.timeout = timeout;
        return self();
    }

    /** The property prefix its settings are read under, named in messages. Default {@value LargeModelSettings#EXTRACTOR}. */
    B role(String role) {
        this.role = notBlank(role, "role");
        return self();
    }

    B sleeper(ModelCaller.Sleeper sleeper) {
        this.sleeper = sleeper;
        return self();
    }

    /** The clock of the request budget; tests advance it from their sleeper. */
    B nanoClock(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        return self();
    }

    /** Takes every setting of a large model that {@link LargeModels} configured. */
    public B largeModel(LargeModel model) {
        return chatModel(model.chatModel())
                .modelId(model.modelId())
                .endpoint(model.endpoint())
                .structuredOutput(model.output())
                .retryPolicy(model.retryPolicy())
                .concurrency(model.concurrency())
                .requestsPerMinute(model.requestsPerMinute())
                .temperature(model.temperature())
                .maxOutputTokens(model.maxOutputTokens())
                .secrets(model.secrets())
                .role(model.role())
                // the HTTP client ends a request at its deadline; this backstop only acts if something else hangs
                .timeout(model.timeout().plus(CALL_TIMEOUT_GRACE));
    }

    /** The configured model; fails when none was given. */
    ChatModel model() {
        return notNull(chatModel, "chatModel");
    }

    /** The output mode, resolved for the model. */
    StructuredOutput resolvedOutput() {
        return output.resolve(model());
    }

    /** The caller that sends every request of the component. */
    ModelCaller caller() {
        ChatModel model = model();
        String id = modelId != null ? notBlank(modelId, "modelId") : LlmConceptExtractor.defaultModelId(model);
        return new ModelCaller(model, id, endpoint, retryPolicy, concurrency, sleeper, new Redactor(secrets), temperature,
                maxOutputTokens, role, timeout, requestsPerMinute, nanoClock);
    }
}
