package dev.clave.llm;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterHttpClientTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> retryAfter(String... pairs) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return RetryAfterHttpClient.retryAfter(HttpHeaders.of(map, (a, b) -> true), NOW);
    }

    @Test
    void reads_retry_after_as_seconds_as_an_http_date_or_in_milliseconds() {
        assertThat(retryAfter("Retry-After", "7")).contains(Duration.ofSeconds(7));
        assertThat(retryAfter("retry-after", "1.5")).contains(Duration.ofMillis(1500));
        assertThat(retryAfter("Retry-After", "Sat, 01 Mar 2025 12:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(retryAfter("Retry-After", "Sat, 01 Mar 2025 11:00:00 GMT")).contains(Duration.ZERO);
        assertThat(retryAfter("retry-after-ms", "250", "Retry-After", "9")).contains(Duration.ofMillis(250));
        assertThat(retryAfter("Retry-After", "soon")).isEmpty();
        assertThat(retryAfter()).isEmpty();
    }

    @Test
    void shows_urls_without_credentials_or_query() {
        assertThat(RetryAfterHttpClient.withoutQuery("https://user:pw@gw.example.com/v1?api-key=abc"))
                .isEqualTo("https://gw.example.com/v1");
    }

    @Test
    void retry_policy_doubles_its_backoff_up_to_the_maximum() {
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
    }
}
