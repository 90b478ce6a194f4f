package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheKey;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.internal.Printable;
import dev.clave.value.ValueSystem;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * The CLAVE method's large model: extracts the value concepts of a text through any LangChain4j {@link ChatModel},
 * one request per (text, value system) for all of the system's values. Each {@link Concept} names the value ids it
 * bears on.
 *
 * <p><b>Prompt.</b> The system message gives the value system's definitions, rules, and a few hand-checked examples
 * (shipped for the built-in value systems, or given with {@link Builder#examples(List)}). The text and its scenario
 * are untrusted: they go only into the user message, fenced between markers whose nonce comes from the text's own
 * hash, and the rules say that everything inside is data, never instructions. The prompt's version and a digest of
 * its templates and examples form {@link #version()}, so a changed prompt never reads old cache entries.
 *
 * <p><b>Answers.</b> JSON, through a JSON schema (structured output) where the provider supports it, JSON mode
 * otherwise (see {@link StructuredOutput}). An answer that is malformed, truncated or of the wrong shape gets one repair
 * request; a second bad answer throws {@link LlmAnswerException} naming the text's id and hash. Rate limits (429),
 * server errors (5xx), timeouts and connection failures are retried under a {@link RetryPolicy} that honours
 * {@code Retry-After}, then throw {@link dev.clave.ClaveTransientException}. A rejected key, an unknown model or a
 * refused request throw {@link ClaveConfigurationException} at once. Messages never contain the API key.
 *
 * <p><b>Batches.</b> {@link #extractAll(List, ValueSystem)} runs up to {@link #concurrency()} requests at once, so a
 * batch of new texts takes about {@code latency x texts / concurrency}. Identical texts in a batch cost one request.
 * Put the extractor behind a {@link dev.clave.concept.CachingConceptExtractor} so that each distinct text costs one
 * request, ever.
 *
 * <p>Immutable configuration, thread-safe; {@link #usage()} counts every request and token since construction.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LlmConceptExtractor implements ConceptExtractor {

    /** The prefix of every large-model extractor id: {@code llm/<provider>/<model>}. */
    public static final String ID_PREFIX = "llm/";
    /** The default most concepts per text. */
    public static final int DEFAULT_MAX_CONCEPTS = 12;

    private final ModelCaller caller;
    private final StructuredOutput output;
    private final @Nullable List<ExtractionExample> customExamples;
    private final int maxConcepts;
    private final String id;
    private final String version;
    private final Map<ValueSystem, Prepared> prepared = new ConcurrentHashMap<>();

    private LlmConceptExtractor(Builder builder) {
        this.caller = builder.caller();
        this.output = builder.resolvedOutput();
        this.customExamples = builder.examples;
        this.maxConcepts = builder.maxConcepts;
        this.id = ID_PREFIX + caller.modelId();
        this.version = Prompts.extractionVersion(customExamples, maxConcepts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The extractor that settings describe, with the API key read from the process environment
     * ({@code CLAVE_API_KEY}, or the provider's usual variable such as {@code OPENAI_API_KEY}).
     *
     * @throws ClaveConfigurationException naming the setting to fix
     */
    public static LlmConceptExtractor fromSettings(LargeModelSettings settings) {
        return fromSettings(settings, System::getenv);
    }

    /** As {@link #fromSettings(LargeModelSettings)}, reading environment variables through {@code environment}. */
    public static LlmConceptExtractor fromSettings(LargeModelSettings settings, Function<String, String> environment) {
        return configured(settings, environment).build();
    }

    /** A builder set up from settings, for {@link #fromSettings} and tests. */
    static Builder configured(LargeModelSettings settings, Function<String, String> environment) {
        return builder().largeModel(LargeModels.connect(settings, environment));
    }

    /** The provider names {@link #fromSettings(LargeModelSettings)} knows: {@code openai}, {@code ollama}, {@code anthropic}. */
    public static List<String> providers() {
        return LargeModels.NAMES;
    }

    /** {@code llm/<provider>/<model>}, e.g. {@code llm/openai/gpt-4o-mini}. */
    @Override
    public String id() {
        return id;
    }

    /** The prompt version and a digest of the prompt's templates, examples and limits, e.g. {@code 1.3fa9c2d1}. */
    @Override
    public String version() {
        return version;
    }

    /** {@code <provider>/<model>}. */
    public String modelId() {
        return caller.modelId();
    }

    /** The most requests in flight at once. */
    public int concurrency() {
        return caller.concurrency();
    }

    /** How JSON is asked for (never {@link StructuredOutput#AUTO}: resolved at construction). */
    public StructuredOutput structuredOutput() {
        return output;
    }

    /** Requests and tokens since this extractor was built. */
    public LlmUsage usage() {
        return caller.usage();
    }

    @Override
    public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
        return extractAll(List.of(text), valueSystem).get(0);
    }

    @Override
    public List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem) {
        return extractAll(texts, valueSystem, (text, concepts) -> { });
    }

    /** Extracts concurrently; each text's concepts go to {@code onExtracted} as soon as its answer is read. */
    @Override
    public List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem,
                                          BiConsumer<TextInput, List<Concept>> onExtracted) {
        notNull(texts, "texts");
        notNull(valueSystem, "valueSystem");
        Prepared prompt = prepared.computeIfAbsent(valueSystem, this::prepare);
        Map<String, Integer> firstOfContent = new LinkedHashMap<>();
        List<TextInput> distinct = new ArrayList<>();
        int[] slot = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            TextInput text = notNull(texts.get(i), "texts[" + i + "]");
            Integer known = firstOfContent.putIfAbsent(CacheKey.contentHash(text), distinct.size());
            if (known == null) {
                slot[i] = distinct.size();
                distinct.add(text);
            } else {
                slot[i] = known;
            }
        }
        List<List<Concept>> extracted = Batches.run(distinct, caller.concurrency(),
                (text, abandoned) -> extractOne(text, valueSystem, prompt, abandoned),
                (concepts, index) -> onExtracted.accept(distinct.get(index), concepts));
        List<List<Concept>> all = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            all.add(extracted.get(slot[i]));
        }
        return all;
    }

    private List<Concept> extractOne(TextInput text, ValueSystem valueSystem, Prepared prompt,
                                     java.util.function.BooleanSupplier abandoned) {
        List<ChatMessage> messages = List.of(prompt.system(), UserMessage.from(Prompts.extractionUser(text)));
        return caller.ask(messages, prompt.format(), answer -> Answers.concepts(answer, valueSystem), subject(text), abandoned);
    }

    /** The system message and response format for a value system. */
    private record Prepared(SystemMessage system, dev.langchain4j.model.chat.request.ResponseFormat format) {
    }

    private Prepared prepare(ValueSystem valueSystem) {
        List<ExtractionExample> examples;
        if (customExamples != null) {
            if (!Prompts.usable(customExamples, valueSystem)) {
                throw new ClaveConfigurationException("The extraction examples of " + id + " name values that value system '"
                        + valueSystem.qualifiedId() + "' does not have (its values: " + String.join(", ", valueSystem.valueIds())
                        + "). Give examples for this value system.");
            }
            examples = customExamples;
        } else {
            examples = Prompts.builtInExamples(valueSystem);
        }
        return new Prepared(SystemMessage.from(Prompts.extractionSystem(valueSystem, examples, maxConcepts)),
                Prompts.format(output, Prompts.conceptSchema(valueSystem)));
    }

    /** "text 'id' [sha256 0123456789ab]" or "text \"snippet...\" [sha256 ...]": how messages name a text. */
    static String subject(TextInput text) {
        String hash = CacheKey.contentHash(text).substring(0, 12);
        if (text.id() != null) {
            return "text '" + Printable.escape(text.id()) + "' [sha256 " + hash + "]";
        }
        String snippet = text.text().strip().replaceAll("\\s+", " ");
        if (snippet.length() > 60) {
            snippet = snippet.substring(0, 57) + "...";
        }
        return "text \"" + Printable.escape(snippet) + "\" [sha256 " + hash + "]";
    }

    static String defaultModelId(ChatModel model) {
        String provider = model.provider() == null ? "other" : model.provider().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String name = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
        return provider + "/" + (name == null || name.isBlank() ? "default" : name);
    }

    @Override
    public String toString() {
        return "LlmConceptExtractor[" + id + " v" + version + ", " + output.wire() + ", concurrency " + concurrency() + "]";
    }

    /** Configures an {@link LlmConceptExtractor}. */
    public static final class Builder extends LargeModelBuilder<Builder> {
        private int maxConcepts = DEFAULT_MAX_CONCEPTS;
        private List<ExtractionExample> examples;

        private Builder() {
            super(LargeModels.DEFAULT_MAX_OUTPUT_TOKENS);
        }

        /** The most concepts the prompt asks for per text. Default 12. Part of {@link #version()}. */
        public Builder maxConcepts(int maxConcepts) {
            this.maxConcepts = positive(maxConcepts, "maxConcepts");
            return this;
        }

        /**
         * Worked examples for the prompt, replacing the built-in ones. Their value ids must belong to the value system
         * extracted for. Part of {@link #version()}. Default: the built-in examples of a built-in value system, none
         * for others.
         */
        public Builder examples(List<ExtractionExample> examples) {
            this.examples = List.copyOf(examples);
            return this;
        }

        public LlmConceptExtractor build() {
            return new LlmConceptExtractor(this);
        }
    }
}
