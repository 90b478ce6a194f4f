package dev.clave.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat server on 127.0.0.1 that speaks the OpenAI protocol (and Ollama's), so that the real LangChain4j clients can
 * be driven in tests: it answers each prompt from a script and remembers every request.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One request as received. */
    record Request(String authorization, String model, String prompt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> answers;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeOpenAiServer(Map<String, String> answers) throws IOException {
        this.answers = Map.copyOf(answers);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/api/chat", this::ollamaChat);
        server.start();
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        JsonNode messages = body.get("messages");
        String prompt = messages.get(messages.size() - 1).get("content").asText();
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body.get("model").asText(), prompt));
        String answer = answers.get(prompt);
        if (answer == null) {
            respond(exchange, 400, "{\"error\": {\"message\": \"no scripted answer\", \"type\": \"invalid_request_error\"}}");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", body.get("model").asText());
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        response.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
        respond(exchange, 200, JSON.writeValueAsString(response));
    }

    /** The same script behind Ollama's native chat API. */
    private void ollamaChat(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        JsonNode messages = body.get("messages");
        String prompt = messages.get(messages.size() - 1).get("content").asText();
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body.get("model").asText(), prompt));
        ObjectNode response = JSON.createObjectNode();
        response.put("model", body.get("model").asText()).put("created_at", "2026-01-01T00:00:00Z").put("done", true)
                .put("done_reason", "stop");
        response.putObject("message").put("role", "assistant").put("content", answers.getOrDefault(prompt, "?"));
        respond(exchange, 200, JSON.writeValueAsString(response));
    }

    /** The server's root URL, for Ollama: {@code http://127.0.0.1:40123}. */
    String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
