package dev.clave.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * LangChain4j's {@link HttpClient} over the JDK's {@code java.net.http} client, like LangChain4j's own JDK client,
 * with one difference: a 4xx/5xx answer becomes a {@link RetryAfterHttpException} that keeps the server's
 * {@code Retry-After} (or {@code retry-after-ms}) header. LangChain4j's client drops the headers of error answers,
 * and a rate limit is only honoured well when the wait the server asked for is known. LangChain4j still maps the
 * status code to its exceptions ({@code RateLimitException}, {@code InternalServerException}, ...), with this
 * exception as the cause. Streaming and multipart requests, which Clave does not make, go to LangChain4j's default
 * client.
 */
final class RetryAfterHttpClient implements HttpClient {

    private final java.net.http.HttpClient jdk;
    private final @Nullable Duration connectTimeout;
    private final @Nullable Duration readTimeout;
    private volatile HttpClient fallback;

    RetryAfterHttpClient(@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.jdk = builder.build();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            return fallback().execute(request);
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        HttpResponse<byte[]> response;
        try {
            response = jdk.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.method() + " " + withoutQuery(request.url()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new RetryAfterHttpException(response.statusCode(), body, retryAfter(response.headers(), Clock.systemUTC()));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        fallback().execute(request, parser, listener);
    }

    private HttpClient fallback() {
        HttpClient client = fallback;
        if (client == null) {
            synchronized (this) {
                if (fallback == null) {
                    fallback = HttpClientBuilderLoader.loadHttpClientBuilder().connectTimeout(connectTimeout)
                            .readTimeout(readTimeout).build();
                }
                client = fallback;
            }
        }
        return client;
    }

    /**
     * The wait a server asks for: {@code retry-after-ms} (milliseconds, sent by some OpenAI-compatible servers), or
     * {@code Retry-After} as seconds or as an HTTP date. Empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.get().strip())))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(text) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return path.replaceFirst("//[^/@]*@", "//");
    }

    /** An HTTP error answer, with the wait the server asked for. */
    static final class RetryAfterHttpException extends HttpException {

        private static final long serialVersionUID = 1L;

        private final transient Optional<Duration> retryAfter;

        RetryAfterHttpException(int statusCode, String body, Optional<Duration> retryAfter) {
            super(statusCode, body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter == null ? Optional.empty() : retryAfter;
        }
    }

    /** Builds {@link RetryAfterHttpClient}s; the model builders set the timeouts. */
    static final class Builder implements HttpClientBuilder {

        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public RetryAfterHttpClient build() {
            return new RetryAfterHttpClient(connectTimeout, readTimeout);
        }
    }
}
