package dev.clave.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * LangChain4j's {@link HttpClient} over the JDK's {@code java.net.http} client, like LangChain4j's own JDK client,
 * with these differences:
 * <ul>
 *   <li>Every request is bounded by one total deadline, the read timeout (the model's {@code timeout}), that covers
 *       connecting, the headers and the whole body: a server that sends its headers and then a byte now and then is
 *       cut off at the deadline, not kept alive by each byte. The JDK's own request timeout ends at the headers.</li>
 *   <li>An answer is at most {@link #DEFAULT_MAX_RESPONSE_BYTES} long: a longer one (or one whose
 *       {@code Content-Length} says so) is refused while it arrives, so that a huge body cannot fill the heap. Of an
 *       error answer (4xx/5xx), the first {@value #ERROR_EXCERPT_BYTES} bytes are kept for the message.</li>
 *   <li>A 2xx answer whose body is not JSON (a web page behind a wrong base URL, a proxy's notice) is reported as
 *       that, with its content type and first characters, instead of as whatever the JSON parser of the model says.</li>
 *   <li>A 4xx/5xx answer becomes a {@link RetryAfterHttpException} that keeps the server's {@code Retry-After} (or
 *       {@code retry-after-ms}) header. LangChain4j's client drops the headers of error answers, and a rate limit is
 *       only honoured well when the wait the server asked for is known. LangChain4j still maps the status code to its
 *       exceptions ({@code RateLimitException}, {@code InternalServerException}, ...), with this exception as the
 *       cause.</li>
 * </ul>
 * Streaming and multipart requests, which Clave does not make, go to LangChain4j's default client.
 */
final class RetryAfterHttpClient implements HttpClient {

    /** The longest answer read: 8 MiB, far more than any chat answer of 1,024 (or 100,000) tokens. */
    static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    /** How much of an error answer is kept for the message. */
    static final int ERROR_EXCERPT_BYTES = 64 * 1024;
    /** The deadline of a request when the model builder sets no timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final JsonFactory JSON = new JsonFactory();

    private final java.net.http.HttpClient jdk;
    private final @Nullable Duration connectTimeout;
    private final @Nullable Duration readTimeout;
    private final long maxResponseBytes;
    private final LongSupplier nanoClock;
    private volatile HttpClient fallback;

    RetryAfterHttpClient(@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
        this(connectTimeout, readTimeout, DEFAULT_MAX_RESPONSE_BYTES, System::nanoTime);
    }

    RetryAfterHttpClient(@Nullable Duration connectTimeout, @Nullable Duration readTimeout, long maxResponseBytes,
                         LongSupplier nanoClock) {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.jdk = builder.build();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.nanoClock = nanoClock;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The total deadline of one request. */
    Duration timeout() {
        return readTimeout != null && !readTimeout.isZero() && !readTimeout.isNegative() ? readTimeout : DEFAULT_TIMEOUT;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            return fallback().execute(request);
        }
        Duration timeout = timeout();
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        builder.timeout(timeout);
        BoundedBody body = new BoundedBody(maxResponseBytes, deadline, timeout, nanoClock);
        CompletableFuture<HttpResponse<byte[]>> future = jdk.sendAsync(builder.build(), body);
        HttpResponse<byte[]> response;
        try {
            response = future.get(Math.max(0, deadline - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            body.cancel();
            future.cancel(true);
            throw new DeadlineException(timeout);
        } catch (InterruptedException e) {
            body.cancel();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.method() + " " + withoutQuery(request.url()), e);
        } catch (ExecutionException e) {
            body.cancel();
            Throwable cause = e.getCause();
            if (cause instanceof DeadlineException deadlineExceeded) {
                throw new DeadlineException(deadlineExceeded.timeout());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new DeadlineException(timeout);
            }
            if (cause instanceof ResponseTooLargeException tooLarge) {
                throw new ResponseTooLargeException(tooLarge.limit(), tooLarge.declared());
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new RetryAfterHttpException(response.statusCode(), body.truncated() ? text + " [... cut at "
                    + ERROR_EXCERPT_BYTES + " bytes]" : text, retryAfter(response.headers(), Clock.systemUTC()));
        }
        if (!isJson(response.body())) {
            throw new NotJsonException(response.statusCode(), response.headers().firstValue("content-type").orElse(null), text);
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(text)
                .build();
    }

    /** Whether the bytes are one JSON value (whitespace around it allowed). */
    static boolean isJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
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

    /** The total deadline of a request passed before its answer was complete. */
    static final class DeadlineException extends TimeoutException {

        private static final long serialVersionUID = 1L;

        private final Duration timeout;

        DeadlineException(Duration timeout) {
            super("no complete answer within " + seconds(timeout));
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }
    }

    /** An answer longer than the limit. */
    static final class ResponseTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final long limit;
        private final long declared;

        ResponseTooLargeException(long limit, long declared) {
            super("the answer is larger than " + size(limit) + (declared > 0 ? " (Content-Length " + declared + " bytes)" : ""));
            this.limit = limit;
            this.declared = declared;
        }

        long limit() {
            return limit;
        }

        long declared() {
            return declared;
        }
    }

    /** A 2xx answer whose body is not JSON. */
    static final class NotJsonException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int statusCode;
        private final @Nullable String contentType;
        private final String body;

        NotJsonException(int statusCode, @Nullable String contentType, String body) {
            super("HTTP " + statusCode + " with a body that is not JSON");
            this.statusCode = statusCode;
            this.contentType = contentType;
            this.body = body;
        }

        int statusCode() {
            return statusCode;
        }

        @Nullable String contentType() {
            return contentType;
        }

        String body() {
            return body;
        }
    }

    static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB"
                : bytes + " bytes";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * Collects an answer's body up to the size limit and the deadline. A 2xx answer over the limit fails; of an error
     * answer the first {@value #ERROR_EXCERPT_BYTES} bytes are kept and the rest is not read. Cancelling closes the
     * connection.
     */
    private static final class BoundedBody implements java.net.http.HttpResponse.BodyHandler<byte[]> {

        private final long limit;
        private final long deadline;
        private final Duration timeout;
        private final LongSupplier clock;
        private volatile Collector collector;
        private volatile boolean cancelled;

        BoundedBody(long limit, long deadline, Duration timeout, LongSupplier clock) {
            this.limit = limit;
            this.deadline = deadline;
            this.timeout = timeout;
            this.clock = clock;
        }

        @Override
        public java.net.http.HttpResponse.BodySubscriber<byte[]> apply(java.net.http.HttpResponse.ResponseInfo info) {
            boolean error = info.statusCode() < 200 || info.statusCode() >= 300;
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            Collector created = new Collector(error ? Math.min(limit, ERROR_EXCERPT_BYTES) : limit, !error, declared);
            collector = created;
            if (cancelled) {
                created.cancel();
            }
            return created;
        }

        void cancel() {
            cancelled = true;
            Collector current = collector;
            if (current != null) {
                current.cancel();
            }
        }

        boolean truncated() {
            Collector current = collector;
            return current != null && current.truncated;
        }

        private final class Collector implements java.net.http.HttpResponse.BodySubscriber<byte[]> {

            private final long max;
            private final boolean failWhenOver;
            private final long declared;
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private volatile Flow.Subscription subscription;
            private volatile boolean truncated;

            Collector(long max, boolean failWhenOver, long declared) {
                this.max = max;
                this.failWhenOver = failWhenOver;
                this.declared = declared;
            }

            @Override
            public void onSubscribe(Flow.Subscription newSubscription) {
                subscription = newSubscription;
                if (failWhenOver && declared > max) {
                    fail(new ResponseTooLargeException(max, declared));
                    return;
                }
                if (cancelled) {
                    newSubscription.cancel();
                    return;
                }
                newSubscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer item : items) {
                    int room = (int) Math.min(Integer.MAX_VALUE, max - bytes.size());
                    if (item.remaining() > room) {
                        if (failWhenOver) {
                            fail(new ResponseTooLargeException(max, declared));
                        } else {
                            write(item, room);
                            truncated = true;
                            result.complete(bytes.toByteArray());
                            cancel();
                        }
                        return;
                    }
                    write(item, item.remaining());
                }
                if (clock.getAsLong() - deadline > 0) {
                    // the body is still arriving at the deadline: however steadily it trickles in, it is cut here
                    fail(new DeadlineException(timeout));
                }
            }

            private void write(ByteBuffer item, int count) {
                byte[] chunk = new byte[count];
                item.get(chunk);
                bytes.write(chunk, 0, count);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(bytes.toByteArray());
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            private void fail(RuntimeException error) {
                result.completeExceptionally(error);
                cancel();
            }

            void cancel() {
                Flow.Subscription current = subscription;
                if (current != null) {
                    current.cancel();
                }
            }
        }
    }

    /** Builds {@link RetryAfterHttpClient}s; the model builders set the timeouts. */
    static final class Builder implements HttpClientBuilder {

        private Duration connectTimeout;
        private Duration readTimeout;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private LongSupplier nanoClock = System::nanoTime;

        /** The longest answer read; default {@link #DEFAULT_MAX_RESPONSE_BYTES}. */
        Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The clock of the deadline, in nanoseconds; tests drive it. */
        Builder nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return this;
        }

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
            return new RetryAfterHttpClient(connectTimeout, readTimeout, maxResponseBytes, nanoClock);
        }
    }
}
