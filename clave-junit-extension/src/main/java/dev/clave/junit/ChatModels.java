package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.llm.HttpClients;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the LangChain4j {@link ChatModel} a model id names: {@code openai:<model name>} (OpenAI or any
 * OpenAI-compatible server, with {@code clave.model.base-url}) and {@code ollama:<model name>}. The API key comes
 * from the environment only and is never put into a message. Their HTTP client is Clave's bounded one: each request
 * ends at its timeout, body included, and an answer is at most 8 MiB.
 */
final class ChatModels {

    static final List<String> PROVIDERS = List.of("openai", "ollama");
    static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    static final String DEFAULT_OLLAMA_URL = "http://localhost:11434";

    private ChatModels() {
    }

    /** Whether the id names a provider Clave can call. */
    static boolean callable(String modelId) {
        int colon = modelId.indexOf(':');
        return colon > 0 && PROVIDERS.contains(modelId.substring(0, colon));
    }

    /** How to make a model of this id callable, for messages. */
    static String howToCall(String modelId, String apiKeyEnv) {
        if (modelId.startsWith("openai:")) {
            return "model '" + modelId + "' is called with the API key in the environment variable " + apiKeyEnv;
        }
        if (modelId.startsWith("ollama:")) {
            return "model '" + modelId + "' is called on the Ollama server (" + ClaveTest.MODEL_BASE_URL_PROPERTY_NAME
                    + ", default " + DEFAULT_OLLAMA_URL + ")";
        }
        return "model '" + modelId + "' names no provider Clave can call: use an id of the form openai:<model name> or"
                + " ollama:<model name>, or build the ModelUnderTest of your own application with"
                + " ModelUnderTest.builder().id(\"" + modelId + "\").chatModel(yourChatModel)";
    }

    static ChatModel create(String modelId, @Nullable String baseUrl, String apiKeyEnv, Function<String, String> environment) {
        int colon = modelId.indexOf(':');
        String provider = colon > 0 ? modelId.substring(0, colon) : "";
        String name = colon > 0 ? modelId.substring(colon + 1) : modelId;
        switch (provider) {
            case "openai" -> {
                String key = environment.apply(apiKeyEnv);
                if (key == null || key.isBlank()) {
                    throw new ClaveConfigurationException("The environment variable " + apiKeyEnv + " is not set, and model '"
                            + modelId + "' needs an API key. Set it in the environment (never in a file), or replay"
                            + " recorded answers with answer mode replay.");
                }
                OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder().apiKey(key).modelName(name)
                        .timeout(Duration.ofSeconds(120)).maxRetries(2).httpClientBuilder(HttpClients.bounded());
                if (baseUrl != null) {
                    builder.baseUrl(baseUrl);
                }
                return builder.build();
            }
            case "ollama" -> {
                return OllamaChatModel.builder().baseUrl(baseUrl != null ? baseUrl : DEFAULT_OLLAMA_URL).modelName(name)
                        .timeout(Duration.ofSeconds(300)).maxRetries(2).httpClientBuilder(HttpClients.bounded()).build();
            }
            default -> throw new ClaveConfigurationException("Model '" + modelId + "' cannot be called: its id names no"
                    + " provider. Use an id of the form openai:<model name> or ollama:<model name>, or build the"
                    + " ModelUnderTest of your own application with ModelUnderTest.builder().id(\"" + modelId
                    + "\").chatModel(yourChatModel).");
        }
    }
}
