package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one provider factory of Clave: turns {@link LargeModelSettings} of any role (concept extractor, judge, model
 * under test) into a {@link LargeModel}. Providers: {@code openai} (OpenAI and any OpenAI-compatible server: vLLM,
 * LM Studio, llama.cpp server, gateways), {@code ollama} and {@code anthropic}. The API key is read from the
 * environment here, in this order: the variable named by {@code <role>.api-key-env} when set (and only it), else
 * {@code CLAVE_API_KEY}, else the provider's usual variable ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}); it
 * is handed to the model builder and kept nowhere else.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LargeModels {

    static final String OPENAI = "openai";
    static final String OLLAMA = "ollama";
    static final String ANTHROPIC = "anthropic";
    static final List<String> NAMES = List.of(OPENAI, OLLAMA, ANTHROPIC);

    static final String CLAVE_API_KEY = "CLAVE_API_KEY";
    static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
    static final String ANTHROPIC_DEFAULT_URL = "https://api.anthropic.com/v1/";
    static final Map<String, String> DEFAULT_MODELS = Map.of(OPENAI, "gpt-4o-mini", OLLAMA, "llama3.1",
            ANTHROPIC, "claude-3-5-haiku-latest");

    static final int DEFAULT_CONCURRENCY = 8;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

    private LargeModels() {
    }

    /** The providers a model id may name: {@code openai}, {@code ollama}, {@code anthropic}. */
    public static List<String> providers() {
        return NAMES;
    }

    /** Whether a model id ({@code provider:model} or a bare provider) names a provider Clave can call. */
    public static boolean callable(String id) {
        return id != null && isProvider(LargeModelSettings.of(LargeModelSettings.MODEL, id).provider());
    }

    /**
     * How a model of these settings is called, for messages that say how to record its answers, e.g.
     * {@code model 'openai:gpt-4o-mini' is called with the API key in CLAVE_API_KEY or OPENAI_API_KEY}.
     */
    public static String howToCall(LargeModelSettings settings) {
        String id = settings.id();
        String provider = settings.provider();
        if (!isProvider(provider)) {
            return "model '" + id + "' names no provider Clave can call: use an id of the form openai:<model name>,"
                    + " ollama:<model name> or anthropic:<model name>, or build the ModelUnderTest of your own application"
                    + " with ModelUnderTest.builder().id(\"" + id + "\").chatModel(yourChatModel)";
        }
        if (provider.equals(OLLAMA)) {
            return "model '" + id + "' is called on the Ollama server (" + settings.key("base-url") + ", default "
                    + OLLAMA_DEFAULT_URL + ")";
        }
        return "model '" + id + "' is called with the API key in the environment variable "
                + String.join(" or ", keyVariables(settings))
                + (settings.baseUrl() == null ? "" : " at " + endpoint(settings.baseUrl()));
    }

    static boolean isProvider(String name) {
        return NAMES.contains(name);
    }

    /** The environment variables that may hold the key of these settings, in the order they are read. */
    static List<String> keyVariables(LargeModelSettings settings) {
        Optional<String> named = settings.option("api-key-env");
        if (named.isPresent()) {
            return List.of(named.get());
        }
        return switch (settings.provider()) {
            case OPENAI -> List.of(CLAVE_API_KEY, "OPENAI_API_KEY");
            case ANTHROPIC -> List.of(CLAVE_API_KEY, "ANTHROPIC_API_KEY");
            default -> List.of(CLAVE_API_KEY);
        };
    }

    /** The model these settings describe, with the API key read from the process environment. */
    public static LargeModel connect(LargeModelSettings settings) {
        return connect(settings, System::getenv);
    }

    /**
     * The model these settings describe, reading environment variables through {@code environment}. A provider
     * that needs a key which is not set gives a model whose first request fails, saying what to set: building it
     * succeeds, so that a replayed cache or recording needs no key.
     *
     * @throws UnknownNameException listing the providers or options, for an unknown one
     * @throws ClaveConfigurationException naming the setting to fix
     */
    public static LargeModel connect(LargeModelSettings settings, Function<String, String> environment) {
        String provider = settings.provider();
        if (!isProvider(provider)) {
            throw new UnknownNameException("large-model provider", settings.id(), NAMES);
        }
        for (String option : settings.options().keySet()) {
            if (!LargeModelSettings.OPTIONS.contains(option)) {
                throw new UnknownNameException(settings.role().substring(settings.role().lastIndexOf('.') + 1) + " option",
                        settings.key(option), LargeModelSettings.OPTIONS.stream().map(settings::key).toList());
            }
        }
        String modelName = settings.model().orElse(DEFAULT_MODELS.get(provider));
        Duration timeout = duration(settings, "timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ClaveConfigurationException(settings.key("timeout") + " must be greater than 0, but is: " + timeout);
        }
        int concurrency = integer(settings, "concurrency", DEFAULT_CONCURRENCY, 1);
        RetryPolicy retry = RetryPolicy.defaults()
                .withMaxRetries(integer(settings, "max-retries", RetryPolicy.defaults().maxRetries(), 0))
                .withBudget(duration(settings, "retry-budget", RetryPolicy.defaults().budget()));
        StructuredOutput output = settings.option("response-format").map(StructuredOutput::fromWire)
                .orElse(StructuredOutput.JSON_SCHEMA);
        Double temperature = temperature(settings);
        int maxOutputTokens = integer(settings, "max-output-tokens", DEFAULT_MAX_OUTPUT_TOKENS, 1);
        int requestsPerMinute = integer(settings, "requests-per-minute", 0, 0);
        String key = null;
        for (String variable : keyVariables(settings)) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                key = value.strip();
                break;
            }
        }
        List<String> secrets = key == null ? List.of() : List.of(key);
        Set<Capability> capabilities = output == StructuredOutput.JSON ? Set.of() : Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        String modelId = provider + "/" + modelName;
        ChatModel model;
        String baseUrl;
        switch (provider) {
            case OPENAI -> {
                baseUrl = settings.baseUrl() != null ? settings.baseUrl() : OPENAI_DEFAULT_URL;
                checkUrl(settings, baseUrl);
                if (key == null && (isHost(baseUrl, "api.openai.com") || settings.option("api-key-env").isPresent())) {
                    model = new MissingApiKeyChatModel(settings, modelId, endpoint(baseUrl), keyVariables(settings));
                } else {
                    model = OpenAiChatModel.builder()
                            .baseUrl(baseUrl)
                            .apiKey(key)
                            .modelName(modelName)
                            .timeout(timeout)
                            .maxRetries(0)
                            .strictJsonSchema(true)
                            .supportedCapabilities(capabilities)
                            .httpClientBuilder(RetryAfterHttpClient.builder())
                            .build();
                }
            }
            case OLLAMA -> {
                baseUrl = settings.baseUrl() != null ? settings.baseUrl() : OLLAMA_DEFAULT_URL;
                checkUrl(settings, baseUrl);
                model = OllamaChatModel.builder()
                        .baseUrl(baseUrl)
                        .modelName(modelName)
                        .timeout(timeout)
                        .maxRetries(0)
                        .supportedCapabilities(capabilities)
                        .httpClientBuilder(RetryAfterHttpClient.builder())
                        .build();
            }
            default -> {
                baseUrl = settings.baseUrl() != null ? settings.baseUrl() : ANTHROPIC_DEFAULT_URL;
                checkUrl(settings, baseUrl);
                if (output == StructuredOutput.JSON) {
                    throw new ClaveConfigurationException("Anthropic has no schemaless JSON mode: leave "
                            + settings.key("response-format") + " unset, or set it to json-schema.");
                }
                if (key == null) {
                    model = new MissingApiKeyChatModel(settings, modelId, endpoint(baseUrl), keyVariables(settings));
                } else {
                    model = AnthropicChatModel.builder()
                            .baseUrl(baseUrl)
                            .apiKey(key)
                            .modelName(modelName)
                            .timeout(timeout)
                            .maxRetries(0)
                            .maxTokens(maxOutputTokens)
                            .supportedCapabilities(capabilities)
                            .httpClientBuilder(RetryAfterHttpClient.builder())
                            .build();
                }
            }
        }
        return new LargeModel(model, modelId, endpoint(baseUrl), output, retry, concurrency, temperature, maxOutputTokens,
                secrets, settings.role(), timeout, requestsPerMinute);
    }

    /** The base URL as shown in messages: no credentials, no query. */
    static String endpoint(String baseUrl) {
        return RetryAfterHttpClient.withoutQuery(baseUrl);
    }

    private static boolean isHost(String url, String host) {
        try {
            return host.equalsIgnoreCase(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkUrl(LargeModelSettings settings, String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ClaveConfigurationException(settings.key("base-url") + " must be an http or https URL such as "
                    + "http://localhost:8000/v1, but is: '" + endpoint(url) + "'");
        }
    }

    static Duration duration(LargeModelSettings settings, String option, Duration fallback) {
        String value = settings.option(option).orElse(null);
        if (value == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.strip());
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
            double millis = switch (unit) {
                case "ms" -> amount;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 1000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ClaveConfigurationException(settings.key(option) + " must be a duration such as 60s, 500ms, 2m "
                    + "or PT1M, but is: '" + value + "'");
        }
    }

    static int integer(LargeModelSettings settings, String option, int fallback, int min) {
        String value = settings.option(option).orElse(null);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ClaveConfigurationException(settings.key(option) + " must be a whole number, but is: '" + value + "'");
        }
        if (parsed < min) {
            throw new ClaveConfigurationException(settings.key(option) + " must be at least " + min + ", but is: " + parsed);
        }
        return parsed;
    }

    private static @Nullable Double temperature(LargeModelSettings settings) {
        String value = settings.option("temperature").orElse("0");
        if (value.equalsIgnoreCase("default") || value.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed < 0 || parsed > 2) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ClaveConfigurationException(settings.key("temperature") + " must be a number between 0 and 2, or 'default' "
                    + "for the provider's default, but is: '" + value + "'");
        }
    }

    /**
     * Stands for a provider that needs an API key when none is in the environment. Building the extractor succeeds
     * (a replayed cache needs no model); the first request fails at once with what to set.
     */
    static final class MissingApiKeyChatModel implements ChatModel {

        private final LargeModelSettings settings;
        private final String modelId;
        private final String endpoint;
        private final List<String> variables;

        MissingApiKeyChatModel(LargeModelSettings settings, String modelId, String endpoint, List<String> variables) {
            this.settings = settings;
            this.modelId = modelId;
            this.endpoint = endpoint;
            this.variables = new ArrayList<>(variables);
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            String provider = settings.provider();
            throw new ClaveConfigurationException("No API key for the " + provider + " large model " + modelId + " at " + endpoint
                    + ": set " + String.join(" or ", variables) + " in the environment"
                    + (provider.equals(OPENAI) && settings.baseUrl() == null ? ", or point " + settings.key("base-url")
                    + " at an OpenAI-compatible server that needs none" : "")
                    + (settings.role().equals(LargeModelSettings.MODEL)
                    ? ". To run without calling the model, replay its recorded answers (answer mode replay)."
                    : ". To run without a large model, use cache mode replay with recorded concepts, or the offline extractor."));
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
    }
}
