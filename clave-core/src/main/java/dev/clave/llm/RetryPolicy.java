package dev.clave.llm;

import org.apiguardian.api.API;

import java.time.Duration;

import static dev.clave.internal.Preconditions.notNull;

/**
 * How Clave retries a large-model request that failed for a reason that may pass: HTTP 429 (rate limited), 5xx
 * (server error), a timeout, or a connection failure. It waits as long as the server's {@code Retry-After} asks, or
 * else backs off exponentially ({@code initialBackoff}, doubling, at most {@code maxBackoff}, with up to 20 %
 * jitter), and gives up with a {@link dev.clave.ClaveTransientException} when {@code maxRetries} retries are spent
 * or when the next wait would take the time spent waiting for this request past {@code budget}. A server asking for
 * a longer wait than the budget has left is not waited for.
 *
 * <p>Other failures (a rejected key, an unknown model, a bad request) are not retried: waiting does not fix them.
 * LangChain4j's own retries are switched off for the models Clave builds, so that this policy is the only one
 * (nested retries would multiply the attempts, and LangChain4j's ignore {@code Retry-After}).
 *
 * @param maxRetries     the most retries of one request (0: none); default 4
 * @param initialBackoff the first wait when the server gives no {@code Retry-After}; default 1 s
 * @param maxBackoff     the longest wait between two attempts without {@code Retry-After}; default 30 s
 * @param budget         the most time one request may spend waiting between attempts; default 120 s
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration budget) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be at least 0, but is: " + maxRetries);
        }
        notNull(initialBackoff, "initialBackoff");
        notNull(maxBackoff, "maxBackoff");
        notNull(budget, "budget");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || budget.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative, but are: initialBackoff "
                    + initialBackoff + ", maxBackoff " + maxBackoff + ", budget " + budget);
        }
    }

    /** 4 retries, 1 s first backoff, at most 30 s between attempts, at most 120 s of waiting per request. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** No retries: the first transient failure is reported. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** This policy with another number of retries. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, initialBackoff, maxBackoff, budget);
    }

    /** This policy with another waiting budget per request. */
    public RetryPolicy withBudget(Duration newBudget) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, newBudget);
    }

    /** This policy with other backoff bounds. */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxRetries, initial, max, budget);
    }

    /** The wait before retry number {@code retry} (1 for the first) without jitter. */
    Duration backoff(int retry) {
        long initial = initialBackoff.toMillis();
        long wait = initial;
        for (int i = 1; i < retry && wait < maxBackoff.toMillis(); i++) {
            wait *= 2;
        }
        return Duration.ofMillis(Math.min(wait, maxBackoff.toMillis()));
    }
}
