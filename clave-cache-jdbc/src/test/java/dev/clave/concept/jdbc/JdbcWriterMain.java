package dev.clave.concept.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The second JVM of {@link JdbcConcurrencyTest}: waits for "go", then writes every key through its own store. */
public final class JdbcWriterMain {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int keys = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        try (JdbcConceptCache cache = JdbcConceptCache.of(TestDatabase.settings(url))) {
            JdbcConcurrencyTest.writeAll(cache, keys, threads, 7);
        }
        System.out.println("done");
        System.out.flush();
    }
}
