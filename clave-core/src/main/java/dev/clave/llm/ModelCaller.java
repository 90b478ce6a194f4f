package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveTransientException;
import dev.clave.internal.Printable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sends chat requests to one large model the way every Clave component does: at most {@code concurrency} requests
 * in flight and, under a requests-per-minute budget, requests spread evenly over the minute, transient failures
 * retried under a {@link RetryPolicy} that honours {@code Retry-After} (and holds every request back while a server
 * asks to wait), an unusable answer repaired once, every request and token
 * counted, and every message redacted, with the control characters of answers and error bodies escaped. With a call
 * timeout, a call that runs past it is abandoned and counts as a timeout. Thread-safe.
 */
final class ModelCaller {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCaller.class);
    private static final int EXCERPT = 200;
    private static final AtomicLong CALL_THREADS = new AtomicLong();
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "clave-llm-call-" + CALL_THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Waits; tests replace it so that nothing sleeps. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    /** Reads a model's answer, or says why it cannot be used. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(String answer) throws UnusableAnswer;
    }

    /** Why an answer cannot be used, in words for the repair request and for the error. */
    static final class UnusableAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableAnswer(String problem) {
            super(problem, null, false, false);
        }
    }

    /** The batch this request belongs to has failed; the request was not (or no longer) made. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned", null, false, false);
        }
    }

    private final ChatModel model;
    private final String modelId;
    private final @Nullable String endpoint;
    private final RetryPolicy retry;
    private final int concurrency;
    private final Semaphore permits;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final @Nullable Double temperature;
    private final @Nullable Integer maxOutputTokens;
    private final String role;
    private final LlmUsage.Recorder usage = new LlmUsage.Recorder();
    private final AtomicLong pausedUntilNanos;
    private final @Nullable Duration callTimeout;
    private final long slotNanos;
    private final AtomicLong nextSlotNanos;
    private final LongSupplier nanoClock;

    ModelCaller(ChatModel model, String modelId, @Nullable String endpoint, RetryPolicy retry, int concurrency,
                Sleeper sleeper, Redactor redactor, @Nullable Double temperature, @Nullable Integer maxOutputTokens,
                String role, @Nullable Duration callTimeout, int requestsPerMinute, LongSupplier nanoClock) {
        this.role = role;
        this.callTimeout = callTimeout;
        this.model = model;
        this.modelId = modelId;
        this.endpoint = endpoint;
        this.retry = retry;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency, true);
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.temperature = temperature;
        this.maxOutputTokens = maxOutputTokens;
        this.nanoClock = nanoClock;
        this.pausedUntilNanos = new AtomicLong(nanoClock.getAsLong());
        this.slotNanos = requestsPerMinute <= 0 ? 0 : 60_000_000_000L / requestsPerMinute;
        this.nextSlotNanos = new AtomicLong(nanoClock.getAsLong());
    }

    ChatModel model() {
        return model;
    }

    String modelId() {
        return modelId;
    }

    int concurrency() {
        return concurrency;
    }

    LlmUsage usage() {
        return usage.snapshot();
    }

    Redactor redactor() {
        return redactor;
    }

    /** "openai/gpt-4o-mini at http://host/v1", for messages. */
    String describeModel() {
        return modelId + (endpoint == null ? "" : " at " + endpoint);
    }

    /**
     * Asks the model and reads its answer; an unusable answer (or one cut off at the token limit) is followed by one
     * repair request that shows the model its answer and what was wrong with it.
     *
     * @param subject   names what is asked about in messages, e.g. {@code text 'a-1' [sha256 0f3c...]}
     * @param abandoned true once the batch has failed, so that no further request is made
     * @throws ClaveTransientException when the retry policy is spent
     * @throws ClaveConfigurationException when the provider refuses the request (key, model, parameters)
     * @throws LlmAnswerException when the repaired answer is still unusable
     */
    <T> T ask(List<ChatMessage> messages, ResponseFormat format, AnswerReader<T> reader, String subject,
              BooleanSupplier abandoned) {
        ChatResponse response = send(messages, format, subject, abandoned);
        String answer = text(response);
        String problem;
        try {
            return read(response, answer, reader);
        } catch (UnusableAnswer unusable) {
            problem = Printable.escape(unusable.getMessage());
        }
        usage.repairs.incrementAndGet();
        LOG.debug("Unusable answer from {} for {}: {}; asking once more", modelId, subject, problem);
        List<ChatMessage> repair = new ArrayList<>(messages);
        if (!answer.isBlank()) {
            repair.add(AiMessage.from(answer));
        }
        repair.add(UserMessage.from(Prompts.repair(problem, response.finishReason() == FinishReason.LENGTH)));
        ChatResponse second = send(repair, format, subject, abandoned);
        String secondAnswer = text(second);
        try {
            return read(second, secondAnswer, reader);
        } catch (UnusableAnswer unusable) {
            usage.failures.incrementAndGet();
            throw new LlmAnswerException(redactor.redact("The large model " + describeModel() + " gave no usable answer for "
                    + subject + ", even after one repair request: its first answer " + problem + ", and its second "
                    + Printable.escape(unusable.getMessage()) + ". The second answer began: \"" + excerpt(secondAnswer) + "\". Try again, "
                    + "use a more capable model, or structured output (" + role + ".response-format=json-schema) "
                    + "where the server supports it."));
        }
    }

    private static <T> T read(ChatResponse response, String answer, AnswerReader<T> reader) throws UnusableAnswer {
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new UnusableAnswer("was cut off at the output token limit (truncated JSON)");
        }
        return reader.read(answer);
    }

    private static String text(ChatResponse response) {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return text == null ? "" : text;
    }

    /** Sends one request, retrying transient failures under the policy. */
    ChatResponse send(List<ChatMessage> messages, ResponseFormat format, String subject, BooleanSupplier abandoned) {
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages).responseFormat(format);
        if (temperature != null) {
            builder.temperature(temperature);
        }
        if (maxOutputTokens != null) {
            builder.maxOutputTokens(maxOutputTokens);
        }
        ChatRequest request = builder.build();
        Duration waited = Duration.ZERO;
        boolean waitedForServer = false;
        for (int attempt = 0; ; attempt++) {
            if (abandoned.getAsBoolean()) {
                throw new Abandoned();
            }
            if (!waitedForServer) {
                holdWhilePaused();
            }
            waitForSlot();
            Failure failure;
            acquire();
            try {
                usage.requests.incrementAndGet();
                if (attempt > 0) {
                    usage.retries.incrementAndGet();
                }
                ChatResponse response = chat(request);
                usage.answered(response.tokenUsage());
                return response;
            } catch (ClaveConfigurationException e) {
                usage.failures.incrementAndGet();
                throw new ClaveConfigurationException(redactor.redact(e.getMessage() + " (The large model was needed for "
                        + subject + ".)"), e);
            } catch (ClaveException e) {
                usage.failures.incrementAndGet();
                throw e;
            } catch (RuntimeException e) {
                failure = classify(e);
            } finally {
                permits.release();
            }
            if (!failure.isTransient()) {
                usage.failures.incrementAndGet();
                throw permanent(failure, subject);
            }
            int retryNumber = attempt + 1;
            Duration wait = failure.retryAfter().orElseGet(() -> jitter(retry.backoff(retryNumber)));
            if (attempt >= retry.maxRetries() || waited.plus(wait).compareTo(retry.budget()) > 0) {
                usage.failures.incrementAndGet();
                throw giveUp(failure, attempt + 1, waited, wait, subject);
            }
            if (failure.retryAfter().isPresent()) {
                pauseAll(wait);
            }
            LOG.info("{} for {} from {}; retry {} of {} in {} ms", failure.summary(), subject, describeModel(), attempt + 1,
                    retry.maxRetries(), wait.toMillis());
            pause(wait);
            waitedForServer = failure.retryAfter().isPresent();
            usage.waited(wait);
            waited = waited.plus(wait);
        }
    }

    /**
     * One call of the model, abandoned (interrupted, and counted as a timeout) when it runs past the call timeout: a
     * backstop for models whose HTTP client does not bound the whole exchange. Clave's own HTTP client ends a request
     * at its deadline before this does.
     */
    private ChatResponse chat(ChatRequest request) {
        if (callTimeout == null) {
            return model.chat(request);
        }
        Future<ChatResponse> call = CALLS.submit(() -> model.chat(request));
        try {
            return call.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            throw new CallTimeoutException(callTimeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ClaveException("Interrupted while waiting for the large model " + describeModel(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ClaveException("The large model " + describeModel() + " failed: " + cause, cause);
        }
    }

    /** A call ran past the caller's call timeout. */
    static final class CallTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Duration timeout;

        CallTimeoutException(Duration timeout) {
            super("no complete answer within " + RetryAfterHttpClient.seconds(timeout), null, false, false);
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClaveException("Interrupted while waiting to call the large model " + describeModel(), e);
        }
    }

    private void pause(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClaveException("Interrupted while waiting to retry the large model " + describeModel(), e);
        }
    }

    /**
     * Under a requests-per-minute budget, each request takes the next free slot (slots are 60 s / budget apart) and
     * waits until it comes; without a budget it goes at once.
     */
    private void waitForSlot() {
        if (slotNanos == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        long slot = nextSlotNanos.getAndAccumulate(now, (next, current) -> Math.max(next, current) + slotNanos);
        long start = Math.max(slot, now);
        if (start - now > 0) {
            pause(Duration.ofNanos(start - now));
        }
    }

    /** After a server asked to wait, no request of this caller starts before that time. */
    private void pauseAll(Duration wait) {
        long until = nanoClock.getAsLong() + wait.toNanos();
        pausedUntilNanos.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
    }

    private void holdWhilePaused() {
        long remaining = pausedUntilNanos.get() - nanoClock.getAsLong();
        if (remaining > 0) {
            pause(Duration.ofNanos(remaining));
        }
    }

    private static Duration jitter(Duration wait) {
        long millis = wait.toMillis();
        return millis <= 0 ? wait : Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    private ClaveTransientException giveUp(Failure failure, int attempts, Duration waited, Duration nextWait, String subject) {
        String why;
        if (attempts > retry.maxRetries()) {
            why = "after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " (max retries " + retry.maxRetries() + ")";
        } else {
            why = "after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": the next wait of " + seconds(nextWait)
                    + (failure.retryAfter().isPresent() ? " that the server asked for" : "") + " would exceed the retry budget of "
                    + seconds(retry.budget()) + " (" + seconds(waited) + " already spent)";
        }
        return new ClaveTransientException(redactor.redact("The large model " + describeModel() + " failed for " + subject
                + ": " + failure.summary() + "; gave up " + why + ". Try again later, lower the concurrency "
                + "(" + role + ".concurrency, now " + concurrency + "), or raise " + role + ".retry-budget / "
                + role + ".max-retries."), redactor.redact(failure.error()));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private Failure classify(RuntimeException e) {
        Optional<Duration> retryAfter = find(e, RetryAfterHttpClient.RetryAfterHttpException.class)
                .flatMap(RetryAfterHttpClient.RetryAfterHttpException::retryAfter);
        int status = find(e, HttpException.class).map(HttpException::statusCode).orElse(0);
        String body = find(e, HttpException.class).map(h -> excerpt(h.getMessage())).orElse(excerpt(rootMessage(e)));
        Optional<RetryAfterHttpClient.NotJsonException> notJson = find(e, RetryAfterHttpClient.NotJsonException.class);
        if (notJson.isPresent()) {
            RetryAfterHttpClient.NotJsonException answer = notJson.get();
            return permanentFailure(e, subject -> "The large model server " + (endpoint == null ? "" : endpoint + " ")
                    + "answered the request for " + subject + " with HTTP " + answer.statusCode() + " and a body that is not JSON"
                    + (answer.contentType() == null ? "" : " (Content-Type " + answer.contentType() + ")") + ", which began: \""
                    + excerpt(answer.body()) + "\". This is not a chat API answer: check the base URL (--base-url / "
                    + role + ".base-url; OpenAI-compatible servers usually end in /v1) and any proxy in between.");
        }
        Optional<RetryAfterHttpClient.ResponseTooLargeException> tooLarge = find(e, RetryAfterHttpClient.ResponseTooLargeException.class);
        if (tooLarge.isPresent()) {
            return permanentFailure(e, subject -> "The large model server " + (endpoint == null ? "" : endpoint + " ")
                    + "sent an answer for " + subject + " that is larger than " + RetryAfterHttpClient.size(tooLarge.get().limit())
                    + (tooLarge.get().declared() > 0 ? " (Content-Length " + tooLarge.get().declared() + " bytes)" : "")
                    + "; it was not read. No chat answer is that long: check the base URL (--base-url / " + role + ".base-url).");
        }
        if (e instanceof RateLimitException || status == 429) {
            usage.rateLimited.incrementAndGet();
            return transientFailure("HTTP 429 (rate limited)" + (retryAfter.isPresent() ? ", Retry-After " + seconds(retryAfter.get()) : ""),
                    retryAfter, e);
        }
        if (e instanceof InternalServerException || status >= 500) {
            usage.serverErrors.incrementAndGet();
            return transientFailure((status > 0 ? "HTTP " + status : "server error") + " (server error: " + body + ")",
                    retryAfter, e);
        }
        Optional<Duration> deadline = find(e, RetryAfterHttpClient.DeadlineException.class)
                .map(RetryAfterHttpClient.DeadlineException::timeout)
                .or(() -> find(e, CallTimeoutException.class).map(CallTimeoutException::timeout));
        if (e instanceof TimeoutException || deadline.isPresent() || find(e, HttpTimeoutException.class).isPresent()
                || find(e, java.util.concurrent.TimeoutException.class).isPresent()) {
            usage.timeouts.incrementAndGet();
            return transientFailure("no complete answer within " + deadline.map(ModelCaller::seconds).orElse("the timeout")
                    + " (the request timeout, " + role + ".timeout)", Optional.empty(), e);
        }
        if (e instanceof UnresolvedModelServerException || find(e, UnresolvedAddressException.class).isPresent()
                || find(e, ConnectException.class).isPresent() || find(e, UnknownHostException.class).isPresent()
                || find(e, NoRouteToHostException.class).isPresent()) {
            usage.connectionFailures.incrementAndGet();
            return transientFailure("cannot connect (" + rootMessage(e) + "); is the server running at that address?",
                    Optional.empty(), e);
        }
        if (status == 0 && find(e, IOException.class).isPresent()) {
            usage.connectionFailures.incrementAndGet();
            return transientFailure("the connection broke before the answer was complete (" + rootMessage(e) + ")",
                    Optional.empty(), e);
        }
        if (e instanceof AuthenticationException || status == 401 || status == 403) {
            return permanentFailure(e, subject -> "The large model " + describeModel() + " rejected the request for " + subject
                    + " as unauthorised (HTTP " + status + ": " + body + "). Check the API key in CLAVE_API_KEY or the "
                    + "provider's variable (e.g. OPENAI_API_KEY), and that it may use model " + modelId + ".");
        }
        if (e instanceof ModelNotFoundException || status == 404) {
            return permanentFailure(e, subject -> "The large model server " + (endpoint == null ? "" : endpoint + " ")
                    + "has no model or endpoint for " + modelId + " (HTTP 404: " + body + "). Give an existing model with "
                    + "--model-name / " + role + ".model-name (for Ollama: ollama pull <model>), and check the base URL "
                    + "(OpenAI-compatible servers usually end in /v1).");
        }
        if (e instanceof InvalidRequestException || e instanceof UnsupportedFeatureException || (status >= 400 && status < 500)) {
            return permanentFailure(e, subject -> "The large model " + describeModel() + " refused the request for " + subject
                    + (status > 0 ? " (HTTP " + status + ": " : " (") + body + "). If the server does not support JSON-schema "
                    + "output, set " + role + ".response-format=json (--response-format json).");
        }
        if (e instanceof ContentFilteredException) {
            return permanentFailure(e, subject -> "The large model " + describeModel() + " refused to read " + subject
                    + " (content filter: " + body + "). Evaluate it with another model or the offline extractor.");
        }
        return permanentFailure(e, subject -> "The large model " + describeModel() + " failed for " + subject + ": "
                + e.getClass().getSimpleName() + ": " + body);
    }

    /** What went wrong with one attempt: transient (retry) or permanent (report at once). */
    private record Failure(boolean isTransient, String summary, Optional<Duration> retryAfter, RuntimeException error,
                           Function<String, String> permanentMessage) {
    }

    private Failure transientFailure(String summary, Optional<Duration> retryAfter, RuntimeException error) {
        String shown = redactor.redact(Printable.escape(summary));
        return new Failure(true, shown, retryAfter, error, subject -> shown);
    }

    private Failure permanentFailure(RuntimeException error, Function<String, String> message) {
        return new Failure(false, "", Optional.empty(), error, message);
    }

    private ClaveException permanent(Failure failure, String subject) {
        return new ClaveConfigurationException(redactor.redact(failure.permanentMessage().apply(subject)),
                redactor.redact(failure.error()));
    }

    private static <X extends Throwable> Optional<X> find(Throwable error, Class<X> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return Printable.escape(flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 3) + "...");
    }
}
