package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveTransientException;
import dev.clave.concept.Concept;
import dev.clave.data.TextInput;
import dev.clave.llm.TestSupport.RecordingSleeper;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.clave.llm.TestSupport.SCHWARTZ;
import static dev.clave.llm.TestSupport.concepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The large-model HTTP path against a server that misbehaves the way a flaky network, a wrong base URL or a broken
 * proxy does, through the real LangChain4j OpenAI client and Clave's HTTP client: every exchange ends at its deadline
 * or its size limit, and the message names the real cause.
 */
class LargeModelFaultTest {

    private static final String ANSWER = concepts("praises hard work", "achievement");
    private static final long CAP = 64L * 1024 * 1024;
    private static final AtomicInteger CASES_RUN = new AtomicInteger();

    /** One misbehaviour and what the caller must see. */
    record Case(String name, String timeout, FaultServer.Fault fault, Class<? extends RuntimeException> type,
                List<String> fragments, Consumer<FaultServer> serverCheck) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> faults() {
        return Stream.of(
                new Case("headers, ten bytes of body, then nothing", "300ms", (socket, server) -> {
                    byte[] body = FaultServer.completion(ANSWER);
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(200, "application/json", "Content-Length: " + body.length));
                    server.body(out, body, 0, 10);
                    if (server.stall()) {
                        server.body(out, body, 10, body.length - 10);
                    }
                }, ClaveTransientException.class, List.of("no complete answer within 0.3 s", "gave up after 2 attempts"),
                        server -> assertThat(server.connections).hasValue(2)),
                new Case("the request read, then no headers", "300ms", (socket, server) -> {
                    byte[] body = FaultServer.completion(ANSWER);
                    if (server.stall()) {
                        OutputStream out = socket.getOutputStream();
                        out.write(FaultServer.head(200, "application/json", "Content-Length: " + body.length));
                        server.body(out, body, 0, body.length);
                    }
                }, ClaveTransientException.class, List.of("no complete answer within 0.3 s"),
                        server -> assertThat(server.connections).hasValue(2)),
                new Case("an endless chunked body", "60s", (socket, server) -> {
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(200, "application/json", "Transfer-Encoding: chunked"));
                    endless(out, server, true);
                }, ClaveConfigurationException.class, List.of("larger than 8 MiB", "it was not read", "base URL"),
                        server -> assertThat(server.bodyBytesSent.get()).isLessThan(CAP)),
                new Case("a Content-Length of 10 GiB", "60s", (socket, server) -> {
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(200, "application/json", "Content-Length: " + 10L * 1024 * 1024 * 1024));
                    endless(out, server, false);
                }, ClaveConfigurationException.class, List.of("larger than 8 MiB (Content-Length 10737418240 bytes)"),
                        server -> assertThat(server.bodyBytesSent.get()).isLessThan(CAP)),
                new Case("an HTTP 500 with an endless body", "60s", (socket, server) -> {
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(500, "text/plain", "Transfer-Encoding: chunked"));
                    endless(out, server, true);
                }, ClaveTransientException.class, List.of("HTTP 500 (server error: xxxx", "gave up after 2 attempts"),
                        server -> assertThat(server.bodyBytesSent.get()).isLessThan(CAP)),
                new Case("HTTP 200 with a web page", "300ms", (socket, server) -> {
                    byte[] page = "<!doctype html><html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(200, "text/html; charset=utf-8", "Content-Length: " + page.length));
                    server.body(out, page, 0, page.length);
                }, ClaveConfigurationException.class, List.of("HTTP 200 and a body that is not JSON",
                        "(Content-Type text/html; charset=utf-8)", "Welcome to nginx!", "check the base URL"),
                        server -> assertThat(server.connections).hasValue(1)),
                new Case("HTTP 200 with JSON cut short", "300ms", (socket, server) -> {
                    byte[] body = FaultServer.completion(ANSWER);
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(200, "application/json", "Content-Length: " + (body.length / 2)));
                    server.body(out, body, 0, body.length / 2);
                }, ClaveConfigurationException.class, List.of("not JSON", "{\"id\":\"chatcmpl-1\""),
                        server -> assertThat(server.connections).hasValue(1)),
                new Case("the connection reset after the request", "300ms", (socket, server) -> socket.setSoLinger(true, 0),
                        ClaveTransientException.class, List.of("the connection broke before the answer was complete"),
                        server -> assertThat(server.connections).hasValue(2)),
                new Case("the connection closed before the headers", "300ms", (socket, server) -> socket.shutdownOutput(),
                        ClaveTransientException.class, List.of("the connection broke before the answer was complete"),
                        server -> assertThat(server.connections).hasValue(2)),
                new Case("an error body with terminal escape codes", "300ms", (socket, server) -> {
                    byte[] body = "{\"error\":\"\u001B]0;owned\u0007\u001B[31mred\u009B2J\"}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(FaultServer.head(400, "application/json", "Content-Length: " + body.length));
                    server.body(out, body, 0, body.length);
                }, ClaveConfigurationException.class, List.of("\\u001B]0;owned\\u0007\\u001B[31mred\\u009B2J"),
                        server -> assertThat(server.connections).hasValue(1)));
    }

    /** Chunks of 'x' until the client hangs up (or, if it never does, 64 MiB and the end of the body). */
    private static void endless(OutputStream out, FaultServer server, boolean chunked) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (server.bodyBytesSent.get() < CAP) {
            if (chunked) {
                out.write(size);
            }
            server.body(out, chunk, 0, chunk.length);
            if (chunked) {
                out.write(crlf);
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void every_exchange_ends_with_its_real_cause(Case fault) throws IOException {
        try (FaultServer server = new FaultServer(fault.fault())) {
            // GIVEN an extractor with a deadline (0.3 s, or 60 s where the size limit is tested) and one retry, waits
            // recorded instead of slept
            RecordingSleeper sleeper = new RecordingSleeper();
            LlmConceptExtractor extractor = LlmConceptExtractor.configured(new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai", "test-model",
                    server.baseUrl(), Map.of("timeout", fault.timeout(), "max-retries", "1")), TestSupport.keyEnv())
                    .sleeper(sleeper).build();

            // WHEN a text is extracted
            Throwable thrown = catchThrowable(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ));

            // THEN it fails with the cause the server gave, in words, without raw control characters
            assertThat(thrown).isInstanceOf(fault.type());
            for (String fragment : fault.fragments()) {
                assertThat(thrown.getMessage()).contains(fragment);
            }
            // the server was reachable every time: nothing here is a connection failure
            assertThat(thrown.getMessage()).doesNotContain("\u001B").doesNotContain("\u0007").doesNotContain("cannot connect");
            fault.serverCheck().accept(server);
            assertThat(server.stallRanOut).as("the client waited out the server's stall").isFalse();
            CASES_RUN.incrementAndGet();
        }
    }

    @Test
    void a_body_that_trickles_in_is_cut_at_the_deadline_however_steadily_it_comes() throws IOException {
        // GIVEN a server that sends the headers, then one byte of a valid answer per second of a clock the test drives
        AtomicLong clock = new AtomicLong(System.nanoTime());
        try (FaultServer server = new FaultServer((socket, s) -> {
            byte[] body = FaultServer.completion(ANSWER);
            OutputStream out = socket.getOutputStream();
            out.write(FaultServer.head(200, "application/json", "Content-Length: " + body.length));
            out.flush();
            for (int i = 0; i < body.length; i++) {
                clock.addAndGet(Duration.ofSeconds(1).toNanos());
                s.body(out, body, i, 1);
            }
        })) {
            OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("test-model")
                    .timeout(Duration.ofSeconds(10)).maxRetries(0)
                    .httpClientBuilder(RetryAfterHttpClient.builder().nanoClock(clock::get)).build();
            LlmConceptExtractor extractor = LlmConceptExtractor.builder().chatModel(model).modelId("openai/test-model")
                    .retryPolicy(RetryPolicy.none()).sleeper(new RecordingSleeper()).build();

            // WHEN a text is extracted: each byte is progress, but the answer needs more than 10 s of that clock
            Throwable thrown = catchThrowable(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ));

            // THEN the request ends at the 10 s deadline as a timeout, before the whole answer came
            assertThat(thrown).isInstanceOf(ClaveTransientException.class)
                    .hasMessageContaining("no complete answer within 10.0 s");
            assertThat(extractor.usage().timeouts()).isEqualTo(1);
            CASES_RUN.incrementAndGet();
        }
    }

    @Test
    void the_same_client_reads_a_well_behaved_answer() throws IOException {
        try (FaultServer server = new FaultServer((socket, s) -> {
            byte[] body = FaultServer.completion(ANSWER);
            OutputStream out = socket.getOutputStream();
            out.write(FaultServer.head(200, "application/json", "Content-Length: " + body.length));
            s.body(out, body, 0, body.length);
        })) {
            LlmConceptExtractor extractor = LlmConceptExtractor.configured(new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai", "test-model",
                    server.baseUrl(), Map.of("timeout", "5s")), TestSupport.keyEnv()).sleeper(new RecordingSleeper()).build();

            List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

            assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        }
    }

    @Test
    void a_model_that_hangs_outside_the_http_client_is_abandoned_at_the_call_timeout() {
        // GIVEN a chat model that never returns (as one with an unbounded HTTP client would), and a call timeout
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        dev.langchain4j.model.chat.ChatModel hanging = new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("interrupted");
            }
        };
        LlmConceptExtractor extractor = LlmConceptExtractor.builder().chatModel(hanging).modelId("openai/test-model")
                .retryPolicy(RetryPolicy.none()).timeout(Duration.ofMillis(200)).sleeper(new RecordingSleeper()).build();

        // WHEN a text is extracted
        Throwable thrown = catchThrowable(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ));

        // THEN the call was abandoned and reported as a timeout
        assertThat(thrown).isInstanceOf(ClaveTransientException.class).hasMessageContaining("no complete answer within 0.2 s");
        never.countDown();
    }

    @AfterAll
    static void report() {
        System.out.println("LargeModelFaultTest: " + CASES_RUN.get() + " fault cases ran, each ended by its deadline or limit");
    }
}
