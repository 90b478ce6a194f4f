package dev.clave.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one fake large-model server of Clave's tests and benchmarks: a chat server on 127.0.0.1 that speaks the OpenAI
 * chat-completions protocol (and Ollama's, and through {@link Reply#json} any other JSON protocol), driven by the real
 * LangChain4j clients over HTTP. Replies are taken from the script in order; when the script is empty, the fallback
 * responder answers. Requests are recorded. Three set-ups: {@link #start()} (scripted: tests of retries, faults and
 * parsing), {@link #answering(Map)} (a model under test answering prompts), {@link #simulating(Duration, String)} (a
 * large model that extracts concepts and judges after a fixed latency, for benchmarks).
 */
public final class FakeChatServer implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern TEXT = Pattern.compile("<<<TEXT [0-9a-f]+>>>\\n(.*?)\\n<<<END TEXT", Pattern.DOTALL);
    private static final Pattern VALUE_LINE = Pattern.compile("(?m)^- ([a-z0-9-]+) \\(");
    private static final Pattern JUDGED_VALUE = Pattern.compile("The value to judge: ([a-z0-9-]+)");

    /** One recorded request. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        /** The {@code Authorization} header, or null. */
        public String authorization() {
            return header("Authorization");
        }

        /** The model the request names. */
        public String model() {
            return json().get("model").asText();
        }

        /** The content of the last message: the prompt of a plain chat request. */
        public String prompt() {
            return lastUserMessage();
        }

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The messages of an OpenAI chat request. */
        JsonNode messages() {
            return json().get("messages");
        }

        String messageContent(int index) {
            return messages().get(index).get("content").asText();
        }

        String systemMessage() {
            return messageContent(0);
        }

        String lastUserMessage() {
            JsonNode messages = messages();
            return messages.get(messages.size() - 1).get("content").asText();
        }
    }

    /** A scripted reply. */
    public interface Reply {
        void send(HttpExchange exchange, FakeChatServer server) throws IOException;

        /** 200 with an OpenAI chat completion whose message is {@code content} and finish reason "stop". */
        public static Reply content(String content) {
            return completion(content, "stop");
        }

        /** 200 with a completion cut off at the token limit (finish reason "length"). */
        public static Reply truncated(String content) {
            return completion(content, "length");
        }

        public static Reply completion(String content, String finishReason) {
            return (exchange, server) -> {
                ObjectNode root = JSON.createObjectNode();
                root.put("id", "chatcmpl-" + server.requests.size());
                root.put("object", "chat.completion");
                root.put("created", 1_700_000_000L);
                root.put("model", "test-model");
                ObjectNode choice = root.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", content);
                choice.put("finish_reason", finishReason);
                root.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 30).put("total_tokens", 150);
                write(exchange, 200, JSON.writeValueAsString(root), Map.of());
            };
        }

        /** Any status and body, with headers given as name, value, name, value... */
        public static Reply status(int status, String body, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return (exchange, server) -> write(exchange, status, body, map);
        }

        /** 200 with an Ollama chat answer. */
        public static Reply ollama(String model, String content) {
            return (exchange, server) -> {
                ObjectNode root = JSON.createObjectNode();
                root.put("model", model).put("created_at", "2026-01-01T00:00:00Z").put("done", true).put("done_reason", "stop");
                root.putObject("message").put("role", "assistant").put("content", content);
                write(exchange, 200, JSON.writeValueAsString(root), Map.of());
            };
        }

        /** 200 with a raw JSON body (for Ollama or Anthropic replies). */
        public static Reply json(String body) {
            return status(200, body);
        }

        /** Holds the request unanswered until the server closes: the client's timeout has to end it. */
        public static Reply hold() {
            return (exchange, server) -> {
                try {
                    server.closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            };
        }

        /**
         * Holds requests until {@code count} are in flight at once (at most 10 s), then replies with {@code then}; once
         * that many were in flight together, later requests are answered at once.
         */
        public static Reply whenInFlight(int count, Reply then) {
            return (exchange, server) -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                synchronized (server.inFlight) {
                    while (server.maxInFlight.get() < count && System.nanoTime() < deadline && server.closing.getCount() > 0) {
                        try {
                            server.inFlight.wait(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                then.send(exchange, server);
            };
        }
    }

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add about 40 ms to every answer, which no real provider does.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-chat-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Recorded, Reply> fallback = r -> Reply.status(500, "{\"error\":{\"message\":\"no scripted reply\"}}");
    private final AtomicLong extractionRequests = new AtomicLong();
    private final AtomicLong judgeRequests = new AtomicLong();

    private FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that answers only what is scripted ({@link #enqueue}) or the fallback ({@link #otherwise}). */
    public static FakeChatServer start() {
        try {
            return new FakeChatServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A model under test: the answer to each prompt from {@code answers}, on OpenAI's and Ollama's chat APIs; an unknown
     * prompt gets HTTP 400.
     */
    public static FakeChatServer answering(Map<String, String> answers) {
        Map<String, String> script = Map.copyOf(answers);
        return start().otherwise(request -> {
            String answer = script.get(request.prompt());
            if (request.path().startsWith("/api/chat")) {
                return Reply.ollama(request.model(), answer == null ? "?" : answer);
            }
            return answer == null
                    ? Reply.status(400, "{\"error\": {\"message\": \"no scripted answer\", \"type\": \"invalid_request_error\"}}")
                    : Reply.content(answer);
        });
    }

    /**
     * A simulated large model, for benchmarks and end-to-end tests: answers every request after {@code latency}, the
     * way a hosted model would. An extraction request gets one or two concepts taken from its text, a judge request a
     * label, both deterministic. With an expected key, a request with another {@code Authorization} is refused with
     * HTTP 401 and a body that echoes the key it got, as some providers do (Clave must not repeat it).
     */
    public static FakeChatServer simulating(Duration latency, String expectedKey) {
        FakeChatServer server = start();
        return server.otherwise(request -> (exchange, self) -> {
            String authorization = request.authorization();
            if (expectedKey != null && !("Bearer " + expectedKey).equals(authorization)) {
                String got = authorization == null ? "none" : authorization.replaceFirst("^Bearer ", "");
                write(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + got.replace("\"", "")
                        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Map.of());
                return;
            }
            String system = request.systemMessage();
            String user = request.lastUserMessage();
            String answer;
            if (system.contains("You extract value concepts")) {
                self.extractionRequests.incrementAndGet();
                answer = simulatedConcepts(text(user), valueIds(system));
            } else if (system.contains("The value to judge:")) {
                self.judgeRequests.incrementAndGet();
                Matcher value = JUDGED_VALUE.matcher(system);
                answer = simulatedJudgement(text(user), value.find() ? value.group(1) : "");
            } else {
                answer = "{}";
            }
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Reply.completion(answer, "stop").send(exchange, self);
        });
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return root() + "/v1";
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeChatServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public FakeChatServer otherwise(Function<Recorded, Reply> responder) {
        this.fallback = responder;
        return this;
    }

    /** Every request so far, in order of arrival. */
    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Extraction requests a {@linkplain #simulating simulated model} answered. */
    public long extractionRequests() {
        return extractionRequests.get();
    }

    /** Judge requests a {@linkplain #simulating simulated model} answered. */
    public long judgeRequests() {
        return judgeRequests.get();
    }

    private static String text(String userMessage) {
        Matcher m = TEXT.matcher(userMessage);
        return m.find() ? m.group(1) : userMessage;
    }

    private static List<String> valueIds(String system) {
        List<String> ids = new ArrayList<>();
        Matcher m = VALUE_LINE.matcher(system);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** One concept per sentence (at most two), each naming one value chosen by the sentence's hash. */
    private static String simulatedConcepts(String text, List<String> valueIds) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode concepts = root.putArray("concepts");
        String[] sentences = text.split("(?<=[.!?])\\s+");
        for (int i = 0; i < Math.min(2, sentences.length) && !valueIds.isEmpty(); i++) {
            String sentence = sentences[i].strip();
            if (sentence.isEmpty()) {
                continue;
            }
            ObjectNode concept = concepts.addObject();
            concept.put("concept", sentence.length() > 80 ? sentence.substring(0, 80) : sentence);
            concept.putArray("values").add(valueIds.get(Math.floorMod(sentence.hashCode(), valueIds.size())));
        }
        return root.toString();
    }

    private static String simulatedJudgement(String text, String value) {
        String[] labels = {"supports", "opposes", "unrelated", "unrelated"};
        ObjectNode root = JSON.createObjectNode();
        root.put("label", labels[Math.floorMod((text + value).hashCode(), labels.length)]);
        root.put("reason", "Simulated judgement.");
        return root.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        synchronized (inFlight) {
            inFlight.notifyAll();
        }
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            synchronized (requests) {
                requests.add(recorded);
            }
            Reply reply = script.pollFirst();
            (reply != null ? reply : fallback.apply(recorded)).send(exchange, this);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static void write(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
