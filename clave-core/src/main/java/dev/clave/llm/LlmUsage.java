package dev.clave.llm;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptExtractor;
import dev.langchain4j.model.output.TokenUsage;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a large model cost: requests sent and why, and the tokens the provider reported. A run's figures come from
 * {@link LlmConceptExtractor#usage()} or {@link DirectJudgeEvaluator#usage()}; {@link #since(LlmUsage)} gives the
 * figures of one phase. Immutable.
 *
 * @param requests           chat requests sent, every attempt included
 * @param answers            requests that got an answer (usable or not)
 * @param retries            requests that retried a transient failure
 * @param repairs            requests that asked again after an unusable answer (malformed, truncated, wrong schema)
 * @param rateLimited        answers with HTTP 429
 * @param serverErrors       answers with HTTP 5xx
 * @param timeouts           requests that timed out
 * @param connectionFailures requests that could not reach the server
 * @param failures           texts (or text-value pairs) that failed for good
 * @param inputTokens        input tokens the provider reported (0 when it reports none)
 * @param outputTokens       output tokens the provider reported
 * @param retryWaitMillis    time spent waiting before retries, summed over all requests
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"requests", "answers", "retries", "repairs", "rateLimited", "serverErrors", "timeouts",
        "connectionFailures", "failures", "inputTokens", "outputTokens", "retryWaitMillis"})
public record LlmUsage(long requests, long answers, long retries, long repairs, long rateLimited, long serverErrors,
                       long timeouts, long connectionFailures, long failures, long inputTokens, long outputTokens,
                       long retryWaitMillis) {

    /** Nothing used. */
    public static final LlmUsage NONE = new LlmUsage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The figures since an earlier reading of the same counter: this minus {@code earlier}. */
    public LlmUsage since(LlmUsage earlier) {
        return new LlmUsage(requests - earlier.requests, answers - earlier.answers, retries - earlier.retries,
                repairs - earlier.repairs, rateLimited - earlier.rateLimited, serverErrors - earlier.serverErrors,
                timeouts - earlier.timeouts, connectionFailures - earlier.connectionFailures, failures - earlier.failures,
                inputTokens - earlier.inputTokens, outputTokens - earlier.outputTokens,
                retryWaitMillis - earlier.retryWaitMillis);
    }

    /** The sum of two usages. */
    public LlmUsage plus(LlmUsage other) {
        return new LlmUsage(requests + other.requests, answers + other.answers, retries + other.retries,
                repairs + other.repairs, rateLimited + other.rateLimited, serverErrors + other.serverErrors,
                timeouts + other.timeouts, connectionFailures + other.connectionFailures, failures + other.failures,
                inputTokens + other.inputTokens, outputTokens + other.outputTokens, retryWaitMillis + other.retryWaitMillis);
    }

    /** The usage of an extractor's large model, looking through a {@link CachingConceptExtractor}; empty for others. */
    public static Optional<LlmUsage> of(ConceptExtractor extractor) {
        ConceptExtractor inner = extractor instanceof CachingConceptExtractor caching ? caching.delegate() : extractor;
        return inner instanceof LlmConceptExtractor llm ? Optional.of(llm.usage()) : Optional.empty();
    }

    /** One line for logs and terminals, e.g. "12 requests (1 retry, 0 repairs), 5,210 input + 830 output tokens". */
    public String summary() {
        return String.format(Locale.ROOT, "%,d requests (%,d %s, %,d %s), %,d input + %,d output tokens", requests, retries,
                retries == 1 ? "retry" : "retries", repairs, repairs == 1 ? "repair" : "repairs", inputTokens, outputTokens)
                + (failures > 0 ? String.format(Locale.ROOT, ", %,d failed", failures) : "");
    }

    /** Thread-safe counters behind an {@link LlmUsage}. */
    static final class Recorder {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong answers = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong repairs = new AtomicLong();
        final AtomicLong rateLimited = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong connectionFailures = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong inputTokens = new AtomicLong();
        final AtomicLong outputTokens = new AtomicLong();
        final AtomicLong retryWaitMillis = new AtomicLong();

        void answered(TokenUsage usage) {
            answers.incrementAndGet();
            if (usage != null) {
                inputTokens.addAndGet(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount());
                outputTokens.addAndGet(usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
            }
        }

        void waited(Duration wait) {
            retryWaitMillis.addAndGet(wait.toMillis());
        }

        LlmUsage snapshot() {
            return new LlmUsage(requests.get(), answers.get(), retries.get(), repairs.get(), rateLimited.get(),
                    serverErrors.get(), timeouts.get(), connectionFailures.get(), failures.get(), inputTokens.get(),
                    outputTokens.get(), retryWaitMillis.get());
        }
    }
}
