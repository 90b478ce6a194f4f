package dev.clave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.llm.FakeChatServer;
import dev.clave.llm.LargeModelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI with a large model: flags, and the key from the environment only. */
class LargeModelCliTest {

    private static final String KEY = "sk-cli-test-SECRET-0123456789";
    private static final String WRONG_KEY = "sk-cli-wrong-SECRET-9876543210";

    private static Function<String, String> env(String key) {
        return Map.of("CLAVE_API_KEY", key)::get;
    }

    @Test
    void turns_the_extractor_flags_into_settings() {
        CommandLine cli = ClaveCli.commandLine();
        cli.parseArgs("evaluate", "--model", "m", "--in", "i", "--out", "o", "--extractor", "openai", "--model-name", "gpt-4o-mini",
                "--base-url", "http://localhost:8000/v1", "--timeout", "30s", "--concurrency", "16", "--max-retries", "2",
                "--retry-budget", "1m", "--response-format", "json");
        EvaluateCommand evaluate = cli.getSubcommands().get("evaluate").getCommand();

        LargeModelSettings settings = evaluate.extractorOptions.settings();

        assertThat(settings).isEqualTo(new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai", "gpt-4o-mini", "http://localhost:8000/v1", Map.of(
                "timeout", "30s", "concurrency", "16", "max-retries", "2", "retry-budget", "1m", "response-format", "json")));
    }

    @Test
    void lists_the_extractors_when_one_is_unknown(@TempDir Path dir) throws IOException {
        Path data = writeData(dir);

        CliRun outcome = CliRun.of(name -> null, "calibrate", "--value-system", data.resolveSibling("mini.json").toString(), "--data",
                data.toString(), "--out", dir.resolve("artifact").toString(), "--extractor", "gemini", "-q");

        assertThat(outcome.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(outcome.err()).contains("Unknown extractor 'gemini'. Valid extractors are: offline, openai, ollama, anthropic");
    }

    @Test
    void calibrates_with_a_large_model_and_keeps_its_key_out_of_every_file_and_message(@TempDir Path dir) throws IOException {
        // GIVEN a model server that accepts only KEY, and labelled data
        Path data = writeData(dir);
        try (FakeChatServer server = FakeChatServer.simulating(Duration.ZERO, KEY)) {
            String[] common = {"--extractor", "openai", "--base-url", server.baseUrl(), "--model-name", "sim-model",
                    "--cache", dir.resolve("cache").toString()};

            // WHEN calibrating with the key in the environment
            CliRun calibrated = CliRun.of(env(KEY), concat(new String[] {"calibrate", "--value-system",
                    dir.resolve("mini.json").toString(), "--data", data.toString(), "--out", dir.resolve("artifact").toString(),
                    "--folds", "0"}, common));

            // THEN the artifact records the large model, and the run reports what it cost
            assertThat(calibrated.exitCode()).as(calibrated.err()).isZero();
            JsonNode manifest = JsonMapper.builder().build().readTree(dir.resolve("artifact/manifest.json").toFile());
            assertThat(manifest.get("extractorId").asText()).isEqualTo("llm/openai/sim-model");
            assertThat(manifest.get("extractorVersion").asText()).matches("1\\.[0-9a-f]{8}");
            assertThat(calibrated.err()).contains("large model llm/openai/sim-model: 8 requests");

            // WHEN evaluating new texts with a wrong key (the server echoes it back in its 401)
            Path texts = dir.resolve("texts.jsonl");
            Files.writeString(texts, "{\"text\": \"I lied to my friend.\", \"id\": \"new-1\"}\n");
            CliRun refused = CliRun.of(env(WRONG_KEY), concat(new String[] {"evaluate", "--model", dir.resolve("artifact").toString(),
                    "--in", texts.toString(), "--out", dir.resolve("out.jsonl").toString()}, common));

            // THEN the run fails as a configuration error that names the text and the variable, never the key
            assertThat(refused.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
            assertThat(refused.err()).contains("unauthorised (HTTP 401").contains("text 'new-1'").contains("CLAVE_API_KEY")
                    .doesNotContain(WRONG_KEY).doesNotContain(KEY);

            // WHEN replaying the cache without any key THEN the calibration texts are served, a new text names the fix
            CliRun replay = CliRun.of(name -> null, concat(new String[] {"evaluate", "--model", dir.resolve("artifact").toString(),
                    "--in", texts.toString(), "--out", dir.resolve("out.jsonl").toString(), "--cache-mode", "replay"}, common));
            assertThat(replay.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
            assertThat(replay.err()).contains("No concepts recorded for text 'new-1'").contains("cache mode read-write");

            assertThat(calibrated.out() + calibrated.err()).doesNotContain(KEY);
        }
        // AND no file written (cache entries, artifact) holds the key
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(KEY).doesNotContain(WRONG_KEY);
            }
        }
    }

    private static Path writeData(Path dir) throws IOException {
        Files.writeString(dir.resolve("mini.json"), """
                {"id": "mini", "version": "1", "name": "Mini", "values": [
                  {"id": "kindness", "name": "Kindness", "definition": "Caring for others and helping them."},
                  {"id": "honesty", "name": "Honesty", "definition": "Telling the truth and admitting mistakes."}]}
                """);
        Path data = dir.resolve("labels.jsonl");
        List<String> lines = List.of(
                "{\"text\": \"I helped my neighbour carry her shopping.\", \"value\": \"kindness\", \"label\": \"supports\"}",
                "{\"text\": \"I laughed when he fell and walked away.\", \"value\": \"kindness\", \"label\": \"opposes\"}",
                "{\"text\": \"The train leaves at nine.\", \"value\": \"kindness\", \"label\": \"unrelated\"}",
                "{\"text\": \"She comforted the crying child.\", \"value\": \"kindness\", \"label\": \"supports\"}",
                "{\"text\": \"I told my boss I made the mistake.\", \"value\": \"honesty\", \"label\": \"supports\"}",
                "{\"text\": \"He lied about the broken vase.\", \"value\": \"honesty\", \"label\": \"opposes\"}",
                "{\"text\": \"It rained on Tuesday.\", \"value\": \"honesty\", \"label\": \"unrelated\"}",
                "{\"text\": \"They faked the test results.\", \"value\": \"honesty\", \"label\": \"opposes\"}");
        Files.write(data, lines);
        return data;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
