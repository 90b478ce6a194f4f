package dev.clave.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import org.apiguardian.api.API;

/**
 * The HTTP client under every large model Clave builds, for LangChain4j model builders
 * ({@code OpenAiChatModel.builder().httpClientBuilder(HttpClients.bounded())}): each request ends at one total
 * deadline (the model's {@code timeout}, covering connect, headers and body), an answer is at most 8 MiB, a 2xx answer
 * that is not JSON is reported as such, and the {@code Retry-After} of error answers is kept. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HttpClients {

    private HttpClients() {
    }

    /** A new builder of the bounded client; the model builder sets its timeouts. */
    public static HttpClientBuilder bounded() {
        return RetryAfterHttpClient.builder();
    }
}
