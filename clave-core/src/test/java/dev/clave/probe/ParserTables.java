package dev.clave.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.provider.Arguments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the parser tables under {@code src/test/resources/dev/clave/probe}: one {@code {"answer", "expected"}} a line. */
final class ParserTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParserTables() {
    }

    static Stream<Arguments> read(String name) {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = ParserTables.class.getResourceAsStream(name);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    rows.add(Arguments.of(row.get("answer").asText(), row.get("expected").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.stream();
    }
}
