package dev.clave.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A misbehaving server on 127.0.0.1 that speaks HTTP/1.1 over a raw socket, so that it can do what a well-behaved
 * server library would not: stall after the headers, trickle a body, send more than it should, reset the connection.
 * Every connection gets the same {@link Fault}. It records how many body bytes it sent and whether the client hung up
 * before the server was done, which is how a test sees that the client cut the exchange off.
 *
 * <p>Nothing here sleeps: a stall waits on a latch that {@link #close()} releases. A stall gives up after 30 s and then
 * completes a valid answer, so that a client that failed to cut it off gets an answer and its test fails instead of
 * hanging.
 */
final class FaultServer implements AutoCloseable {

    /** What the server does with each connection once it has read the request. */
    @FunctionalInterface
    interface Fault {
        void answer(Socket socket, FaultServer server) throws IOException;
    }

    static final long STALL_SECONDS = 30;

    private final ServerSocket socket;
    private final Fault fault;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-server");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    final AtomicLong bodyBytesSent = new AtomicLong();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicBoolean clientHungUp = new AtomicBoolean();
    final AtomicBoolean stallRanOut = new AtomicBoolean();

    FaultServer(Fault fault) throws IOException {
        this.fault = fault;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    /** {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            executor.execute(() -> {
                try (client) {
                    client.setTcpNoDelay(true);
                    readRequest(client.getInputStream());
                    fault.answer(client, this);
                } catch (IOException e) {
                    clientHungUp.set(true);
                }
            });
        }
    }

    /** Reads the request line, the headers and a body of Content-Length bytes. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        in.readNBytes((int) length);
    }

    /** Waits until the server closes, at most {@value #STALL_SECONDS} s; true when it ran out of patience. */
    boolean stall() {
        try {
            boolean released = closing.await(STALL_SECONDS, TimeUnit.SECONDS);
            if (!released) {
                stallRanOut.set(true);
            }
            return !released;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static byte[] head(int status, String contentType, String... headers) {
        StringBuilder out = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Error").append("\r\n");
        out.append("Content-Type: ").append(contentType).append("\r\n");
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete, valid OpenAI chat completion whose message is {@code content}. */
    static byte[] completion(String content) {
        String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + quote(content) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Writes body bytes, counting them; a write the client no longer reads marks that it hung up. */
    void body(OutputStream out, byte[] bytes, int from, int length) throws IOException {
        try {
            out.write(bytes, from, length);
            out.flush();
            bodyBytesSent.addAndGet(length);
        } catch (IOException e) {
            clientHungUp.set(true);
            throw e;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
    }
}
