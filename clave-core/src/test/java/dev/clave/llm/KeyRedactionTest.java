package dev.clave.llm;

import dev.clave.ClaveException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.llm.FakeChatServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.clave.llm.TestSupport.KEY;
import static dev.clave.llm.TestSupport.SCHWARTZ;
import static dev.clave.llm.TestSupport.concepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The API key reaches the provider in its header, and nothing else: no cache file, log line or exception. */
class KeyRedactionTest {

    private final FakeChatServer server = FakeChatServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void keeps_the_key_out_of_cache_files_logs_and_exceptions(@TempDir Path cacheDir) throws IOException {
        // GIVEN the key in the environment, a server that answers once, then echoes the key in every error it sends
        server.enqueue(Reply.content(concepts("praises hard work", "achievement")));
        server.otherwise(r -> Reply.status(r.lastUserMessage().contains("refused") ? 401 : 500,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + " (header " + r.header("Authorization") + ")\"}}"));
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StringBuilder messages = new StringBuilder();
        try {
            ConceptExtractor extractor = new CachingConceptExtractor(LlmConceptExtractor.configured(
                    TestSupport.openAi(server, "max-retries", "1"), TestSupport.keyEnv()).sleeper(new TestSupport.RecordingSleeper()).build(),
                    ConceptCache.directory(cacheDir), CacheMode.READ_WRITE);

            // WHEN a text is extracted and cached, and two more fail (500 echoing the key, then 401 echoing it)
            extractor.extract(new TextInput("Hard work pays off.", "Any advice?", "ok"), SCHWARTZ);
            for (String text : List.of("This one fails with a server error.", "This one is refused.")) {
                ClaveException error = catchThrowableOfType(ClaveException.class,
                        () -> extractor.extract(new TextInput(text), SCHWARTZ));
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                messages.append(trace);
            }
            messages.append(extractor).append(extractor.toString());
        } finally {
            System.setErr(originalErr);
        }

        // THEN the server got the key in the Authorization header
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
        // AND the stack traces (messages and causes), the logs and the cache files hold no trace of it
        assertThat(messages.toString()).contains("Incorrect API key provided: [REDACTED]").doesNotContain(KEY)
                .doesNotContain(KEY.substring(3, 20));
        String log = logs.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("HTTP 500").doesNotContain(KEY).doesNotContain(KEY.substring(3, 20));
        try (Stream<Path> files = Files.walk(cacheDir)) {
            List<Path> entries = files.filter(Files::isRegularFile).toList();
            assertThat(entries).hasSize(1);
            for (Path entry : entries) {
                assertThat(Files.readString(entry)).contains("praises hard work").doesNotContain(KEY).doesNotContain(KEY.substring(3, 20));
            }
        }
    }

    @Test
    void masks_keys_and_bearer_tokens_in_any_text() {
        Redactor redactor = new Redactor(List.of("my-own-gateway-token-123"));

        assertThat(redactor.redact("token my-own-gateway-token-123 rejected")).isEqualTo("token [REDACTED] rejected");
        assertThat(redactor.redact("Authorization: Bearer abcdefghijkl")).isEqualTo("Authorization: [REDACTED]");
        assertThat(redactor.redact("sent Bearer abcdefghijkl")).isEqualTo("sent Bearer [REDACTED]");
        assertThat(redactor.redact("{\"x-api-key\": \"sk-ant-xyz0123456\"}")).doesNotContain("xyz0123456");
        assertThat(redactor.redact("Incorrect API key provided: sk-proj-AbC123xyz")).isEqualTo("Incorrect API key provided: [REDACTED]");
        assertThat(redactor.redact("asks the user to verify facts")).isEqualTo("asks the user to verify facts");
    }

    @Test
    void redacts_whole_exception_chains_keeping_classes_and_stack_traces() {
        IllegalStateException cause = new IllegalStateException("inner sk-abcdef123456");
        RuntimeException error = new RuntimeException("outer Bearer sk-abcdef123456", cause);

        RuntimeException redacted = new Redactor(List.of()).redact(error);

        assertThat(redacted.toString()).isEqualTo("java.lang.RuntimeException: outer Bearer [REDACTED]");
        assertThat(redacted.getCause().toString()).isEqualTo("java.lang.IllegalStateException: inner [REDACTED]");
        assertThat(redacted.getStackTrace()).isEqualTo(error.getStackTrace());
    }
}
