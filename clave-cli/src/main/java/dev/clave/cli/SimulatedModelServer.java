package dev.clave.cli;

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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated large model for benchmarks: an OpenAI-compatible chat-completions server on 127.0.0.1 that answers
 * every request after a fixed latency, the way a hosted model would, so that the real LangChain4j client, Clave's
 * concurrency and its cache are measured without a hosted model's cost or noise. Answers are deterministic: an
 * extraction request gets one or two concepts taken from its text, a judge request gets a label. It counts
 * requests of each kind.
 *
 * <p>With an expected key, a request with another {@code Authorization} is refused with HTTP 401 and a body that
 * echoes the key it got, as some providers do; Clave must not repeat it.
 */
final class SimulatedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern TEXT = Pattern.compile("<<<TEXT [0-9a-f]+>>>\\n(.*?)\\n<<<END TEXT", Pattern.DOTALL);
    private static final Pattern VALUE_LINE = Pattern.compile("(?m)^- ([a-z0-9-]+) \\(");
    private static final Pattern JUDGED_VALUE = Pattern.compile("The value to judge: ([a-z0-9-]+)");

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add about 40 ms to every answer, which no real provider does.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "simulated-model");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration latency;
    private final String expectedKey;
    private final AtomicLong extractionRequests = new AtomicLong();
    private final AtomicLong judgeRequests = new AtomicLong();
    private final AtomicLong otherRequests = new AtomicLong();

    SimulatedModelServer(Duration latency, String expectedKey) {
        this.latency = latency;
        this.expectedKey = expectedKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the simulated model server on 127.0.0.1", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    long extractionRequests() {
        return extractionRequests.get();
    }

    long judgeRequests() {
        return judgeRequests.get();
    }

    long requests() {
        return extractionRequests.get() + judgeRequests.get() + otherRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (expectedKey != null && !("Bearer " + expectedKey).equals(authorization)) {
                otherRequests.incrementAndGet();
                String got = authorization == null ? "none" : authorization.replaceFirst("^Bearer ", "");
                write(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + got.replace("\"", "") + "\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
                return;
            }
            JsonNode request = JSON.readTree(body);
            String system = request.at("/messages/0/content").asText("");
            JsonNode messages = request.get("messages");
            String user = messages == null || messages.isEmpty() ? "" : messages.get(messages.size() - 1).get("content").asText("");
            String answer;
            if (system.contains("You extract value concepts")) {
                extractionRequests.incrementAndGet();
                answer = concepts(text(user), valueIds(system));
            } else if (system.contains("The value to judge:")) {
                judgeRequests.incrementAndGet();
                Matcher value = JUDGED_VALUE.matcher(system);
                answer = judgement(text(user), value.find() ? value.group(1) : "");
            } else {
                otherRequests.incrementAndGet();
                answer = "{}";
            }
            pause();
            write(exchange, 200, completion(answer, (system.length() + user.length()) / 4, answer.length() / 4));
        }
    }

    private void pause() {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
    private static String concepts(String text, List<String> valueIds) {
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

    private static String judgement(String text, String value) {
        String[] labels = {"supports", "opposes", "unrelated", "unrelated"};
        String label = labels[Math.floorMod((text + value).hashCode(), labels.length)];
        ObjectNode root = JSON.createObjectNode();
        root.put("label", label);
        root.put("reason", "Simulated judgement.");
        return root.toString();
    }

    private static String completion(String content, int promptTokens, int completionTokens) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-simulated");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "simulated");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return JSON.writeValueAsString(root);
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
