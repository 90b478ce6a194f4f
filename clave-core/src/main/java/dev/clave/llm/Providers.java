package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.ExtractorSettings;
import dev.clave.value.UnknownValueException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@link ExtractorSettings} into a LangChain4j {@link ChatModel} and Clave's settings around it. The API key is
 * read from the environment here and handed to the model builder; it is kept nowhere else.
 */
final class Providers {

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

    private Providers() {
    }

    /**
     * A configured large model.
     *
     * @param model           the LangChain4j model (LangChain4j's own retries off)
     * @param modelId         {@code provider/model}, e.g. {@code openai/gpt-4o-mini}
     * @param endpoint        the base URL without credentials or query, for messages
     * @param output          how to ask for JSON
     * @param retry           the retry policy
     * @param concurrency     the most requests in flight
     * @param temperature     the sampling temperature, or null for the provider's default
     * @param maxOutputTokens the most tokens of an answer
     * @param secrets         what to redact: the API key, if any
     * @param timeout         the deadline of one request: connect, headers and body
     */
    record Connection(ChatModel model, String modelId, String endpoint, StructuredOutput output, RetryPolicy retry,
                      int concurrency, @Nullable Double temperature, Integer maxOutputTokens, List<String> secrets,
                      Duration timeout) {
    }

    static boolean isProvider(String name) {
        return NAMES.contains(name);
    }

    /** The environment variables that may hold a provider's key, in the order they are read. */
    static List<String> keyVariables(String provider) {
        return switch (provider) {
            case OPENAI -> List.of(CLAVE_API_KEY, "OPENAI_API_KEY");
            case ANTHROPIC -> List.of(CLAVE_API_KEY, "ANTHROPIC_API_KEY");
            default -> List.of(CLAVE_API_KEY);
        };
    }

    static Connection connect(ExtractorSettings settings, Function<String, String> environment) {
        String provider = settings.extractor().toLowerCase(Locale.ROOT);
        if (!isProvider(provider)) {
            throw new UnknownValueException("large-model provider", settings.extractor(), NAMES);
        }
        for (String option : settings.options().keySet()) {
            if (!ExtractorSettings.OPTIONS.contains(option)) {
                throw new UnknownValueException("extractor option", "clave.extractor." + option,
                        ExtractorSettings.OPTIONS.stream().map(o -> "clave.extractor." + o).toList());
            }
        }
        String modelName = settings.modelName() != null ? settings.modelName() : DEFAULT_MODELS.get(provider);
        Duration timeout = duration(settings, "timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ClaveConfigurationException("clave.extractor.timeout must be greater than 0, but is: " + timeout);
        }
        int concurrency = integer(settings, "concurrency", DEFAULT_CONCURRENCY, 1);
        RetryPolicy retry = RetryPolicy.defaults()
                .withMaxRetries(integer(settings, "max-retries", RetryPolicy.defaults().maxRetries(), 0))
                .withBudget(duration(settings, "retry-budget", RetryPolicy.defaults().budget()));
        StructuredOutput output = settings.option("response-format").map(StructuredOutput::fromWire)
                .orElse(StructuredOutput.JSON_SCHEMA);
        Double temperature = temperature(settings);
        int maxOutputTokens = integer(settings, "max-output-tokens", DEFAULT_MAX_OUTPUT_TOKENS, 1);
        String key = null;
        for (String variable : keyVariables(provider)) {
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
                checkUrl(baseUrl);
                if (key == null && isHost(baseUrl, "api.openai.com")) {
                    model = new MissingApiKeyChatModel(provider, modelId, endpoint(baseUrl), keyVariables(provider));
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
                checkUrl(baseUrl);
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
                checkUrl(baseUrl);
                if (output == StructuredOutput.JSON) {
                    throw new ClaveConfigurationException("Anthropic has no schemaless JSON mode: leave "
                            + "clave.extractor.response-format unset, or set it to json-schema.");
                }
                if (key == null) {
                    model = new MissingApiKeyChatModel(provider, modelId, endpoint(baseUrl), keyVariables(provider));
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
        return new Connection(model, modelId, endpoint(baseUrl), output, retry, concurrency, temperature, maxOutputTokens, secrets,
                timeout);
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

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ClaveConfigurationException("clave.extractor.base-url must be an http or https URL such as "
                    + "http://localhost:8000/v1, but is: '" + endpoint(url) + "'");
        }
    }

    static Duration duration(ExtractorSettings settings, String option, Duration fallback) {
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
            throw new ClaveConfigurationException("clave.extractor." + option + " must be a duration such as 60s, 500ms, 2m "
                    + "or PT1M, but is: '" + value + "'");
        }
    }

    static int integer(ExtractorSettings settings, String option, int fallback, int min) {
        String value = settings.option(option).orElse(null);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ClaveConfigurationException("clave.extractor." + option + " must be a whole number, but is: '" + value + "'");
        }
        if (parsed < min) {
            throw new ClaveConfigurationException("clave.extractor." + option + " must be at least " + min + ", but is: " + parsed);
        }
        return parsed;
    }

    private static @Nullable Double temperature(ExtractorSettings settings) {
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
            throw new ClaveConfigurationException("clave.extractor.temperature must be a number between 0 and 2, or 'default' "
                    + "for the provider's default, but is: '" + value + "'");
        }
    }

    /**
     * Stands for a provider that needs an API key when none is in the environment. Building the extractor succeeds
     * (a replayed cache needs no model); the first request fails at once with what to set.
     */
    static final class MissingApiKeyChatModel implements ChatModel {

        private final String provider;
        private final String modelId;
        private final String endpoint;
        private final List<String> variables;

        MissingApiKeyChatModel(String provider, String modelId, String endpoint, List<String> variables) {
            this.provider = provider;
            this.modelId = modelId;
            this.endpoint = endpoint;
            this.variables = new ArrayList<>(variables);
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new ClaveConfigurationException("No API key for the " + provider + " large model " + modelId + " at " + endpoint
                    + ": set " + String.join(" or ", variables) + " in the environment"
                    + (provider.equals(OPENAI) ? ", or point clave.extractor.base-url (--base-url) at an OpenAI-compatible "
                    + "server that needs none" : "")
                    + ". To run without a large model, use cache mode replay with recorded concepts, or the offline extractor.");
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
    }
}
