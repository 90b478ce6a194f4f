package dev.clave.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Function;

/**
 * A chat server on 127.0.0.1 that speaks the OpenAI chat-completions protocol (and, through {@link Reply#json}, any
 * other JSON protocol) and replays scripted replies: the real LangChain4j clients talk to it over HTTP. Replies are
 * taken from the script in order; when the script is empty, the fallback responder answers. Requests are recorded.
 */
final class FakeChatServer implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One recorded request. */
    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
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
    interface Reply {
        void send(HttpExchange exchange, FakeChatServer server) throws IOException;

        /** 200 with an OpenAI chat completion whose message is {@code content} and finish reason "stop". */
        static Reply content(String content) {
            return completion(content, "stop");
        }

        /** 200 with a completion cut off at the token limit (finish reason "length"). */
        static Reply truncated(String content) {
            return completion(content, "length");
        }

        static Reply completion(String content, String finishReason) {
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
        static Reply status(int status, String body, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return (exchange, server) -> write(exchange, status, body, map);
        }

        /** 200 with a raw JSON body (for Ollama or Anthropic replies). */
        static Reply json(String body) {
            return status(200, body);
        }

        /** Holds the request unanswered until the server closes: the client's timeout has to end it. */
        static Reply hold() {
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
        static Reply whenInFlight(int count, Reply then) {
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
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Recorded, Reply> fallback = r -> Reply.status(500, "{\"error\":{\"message\":\"no scripted reply\"}}");

    private FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeChatServer start() {
        try {
            return new FakeChatServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return root() + "/v1";
    }

    /** {@code http://127.0.0.1:<port>}. */
    String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeChatServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    FakeChatServer otherwise(Function<Recorded, Reply> responder) {
        this.fallback = responder;
        return this;
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
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

    private static void write(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
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
