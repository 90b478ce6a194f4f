package dev.clave.cli;

import dev.clave.concept.jdbc.TestDatabase;
import dev.clave.llm.FakeChatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ./clave} command of the README runs, as written and in the README's order, on small data: the files it
 * names are made in a temporary directory (labelled samples of the sample suites' support bot, for splitting each text
 * twice so that {@code --per-value 100} leaves a test set), every concept cache it uses is kept there, a command with a hosted
 * model ({@code --extractor openai}) talks to a simulated OpenAI-compatible server on 127.0.0.1 with a key in its
 * environment, and a command with a shared concept cache ({@code --cache-jdbc-url}) talks to a real PostgreSQL server
 * that the test starts (one database for all such commands, so an import is seen by the commands after it).
 */
class ReadmeCommandsTest {

    private static final Path README = Path.of("../README.md");
    private static final Path SAMPLES = Path.of("../sample-suites/src/test/resources");
    private static final Path LABELLED = SAMPLES.resolve("calibration/support-bot.jsonl");
    /** The README's file names of the sample suites' probe and profile files. */
    private static final Map<String, String> SAMPLE_FILES = Map.of(
            "assistant-values-en.jsonl", "calibration/assistant-values-en.jsonl",
            "assistant-values-zh.jsonl", "calibration/assistant-values-zh.jsonl",
            "chinese-assistant.jsonl", "calibration/chinese-assistant.jsonl",
            "profile-answers.jsonl", "answers/assistant-profiles.jsonl",
            "vum-items.jsonl", "probes/vum-items.jsonl",
            "vum-answers.jsonl", "answers/assistant-vum.jsonl",
            "judge-answers.jsonl", "answers/judge-vum.jsonl",
            "cvalues.jsonl", "probes/cvalues-en.jsonl",
            "cvalues-answers.jsonl", "answers/assistant-cvalues.jsonl");
    private static final Pattern BASH = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FILE = Pattern.compile("([\\w./-]+\\.jsonl?|target/[\\w./-]+)");
    private static final String KEY = "sk-readme-test-0123456789";
    private static final Set<String> DIRECTORY_OPTIONS = Set.of("--from", "--to");

    private String database;

    @TempDir
    Path dir;

    /** The {@code ./clave} commands of the README's bash blocks, continuation lines joined, comments removed. */
    static List<List<String>> commands() throws IOException {
        List<List<String>> commands = new ArrayList<>();
        Matcher block = BASH.matcher(Files.readString(README));
        while (block.find()) {
            String joined = block.group(1).replace("\\\n", " ");
            for (String line : joined.lines().toList()) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (command.startsWith("./clave ")) {
                    commands.add(List.of(command.substring("./clave ".length()).split("\\s+")));
                }
            }
        }
        return commands;
    }

    @Test
    void every_clave_command_of_the_readme_runs() throws IOException, SQLException {
        List<List<String>> commands = commands();
        assertThat(commands).extracting(c -> c.get(0)).contains("value-systems", "split", "calibrate", "evaluate", "bench", "probe",
                "profile", "compare-profiles", "cache");
        writeInputs();

        try (FakeChatServer server = FakeChatServer.simulating(Duration.ZERO, KEY)) {
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>();
                for (String arg : command) {
                    String previous = args.isEmpty() ? "" : args.get(args.size() - 1);
                    if (arg.startsWith("jdbc:postgresql:")) {
                        args.add(database());
                    } else if (previous.equals("--cache-jdbc-user")) {
                        args.add("postgres");
                    } else if (DIRECTORY_OPTIONS.contains(previous)) {
                        args.add(dir.resolve(arg).toString());
                    } else {
                        args.add(inDir(arg));
                    }
                }
                if (List.of("calibrate", "evaluate", "bench", "profile").contains(command.get(0))) {
                    args.addAll(List.of("--cache", dir.resolve("clave-cache").toString(), "--quiet"));
                }
                if (command.get(0).equals("calibrate") && String.join(" ", command).contains("assistant-values-")) {
                    args.addAll(List.of("--folds", "0")); // the profiles' evaluators: 990 samples, no cross-validation here
                }
                if (command.contains("--extractor")) {
                    args.addAll(List.of("--base-url", server.baseUrl()));
                }
                long start = System.nanoTime();
                CliRun run = CliRun.of(Map.of("CLAVE_API_KEY", KEY)::get, args.toArray(String[]::new));
                assertThat(run.exitCode()).as("./clave %s%n%s", String.join(" ", command), run.err()).isZero();
                System.out.printf(Locale.ROOT, "%5.1f s  ./clave %s%n", (System.nanoTime() - start) / 1e9, String.join(" ", command));
            }
        }

        assertThat(Files.readAllLines(dir.resolve("verdicts.jsonl"))).hasSize(3);
        assertThat(dir.resolve("target/bench.json")).isNotEmptyFile();
        assertThat(dir.resolve("bench.json")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("target/evaluator/manifest.json"))).contains("llm/openai/gpt-4o-mini");
        assertThat(dir.resolve("target/know-why.json")).isNotEmptyFile();
        assertThat(dir.resolve("target/profiles/assistant-v2.zh.profile.json")).isNotEmptyFile();
        assertThat(dir.resolve("target/cmp.json")).isNotEmptyFile();
        // the shared cache was seeded from the directory cache by the README's import
        assertThat(database).as("a README command with --cache-jdbc-url").isNotNull();
        try (Connection connection = DriverManager.getConnection(database);
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM clave_concept_cache")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isPositive();
        }
    }

    /** The shared concept cache of the README's jdbc commands: a database on a PostgreSQL server started for the test. */
    private String database() {
        if (database == null) {
            database = TestDatabase.newDatabase();
        }
        return database;
    }

    /** A file argument (or the file of a {@code key=file} argument) in the test's directory; others unchanged. */
    private String inDir(String arg) {
        if (arg.startsWith("-")) {
            return arg;
        }
        int equals = arg.indexOf('=');
        String file = arg.substring(equals + 1);
        return FILE.matcher(file).matches() ? arg.substring(0, equals + 1) + dir.resolve(file) : arg;
    }

    /** The files the README's commands read: labelled samples, texts, and the sample suites' probe and profile files. */
    private void writeInputs() throws IOException {
        for (Map.Entry<String, String> file : SAMPLE_FILES.entrySet()) {
            Files.copy(SAMPLES.resolve(file.getValue()), dir.resolve(file.getKey()));
        }
        List<String> labelled = new ArrayList<>();
        for (String line : Files.readAllLines(LABELLED)) {
            labelled.add(line);
            labelled.add(line.replaceFirst("\"text\": \"", "\"text\": \"Thanks for asking. ").replaceFirst("\"id\": \"", "\"id\": \"again-"));
        }
        for (String name : List.of("labelled.jsonl", "fulcra-dev.jsonl")) {
            Files.write(dir.resolve(name), labelled);
        }
        // calibrated with a (simulated) large model: the support bot's labels alone, to keep the test short
        Files.copy(LABELLED, dir.resolve("labels.jsonl"));
        Files.writeString(dir.resolve("texts.jsonl"), String.join("\n",
                "{\"text\": \"I can't help with hurting an animal. Please talk to your neighbour.\", \"id\": \"1\"}",
                "{\"text\": \"Sure, chocolate is a fine treat for dogs.\", \"scenario\": \"Can my dog eat chocolate?\", \"id\": \"2\"}",
                "{\"text\": \"Our shop opens at nine.\", \"id\": \"3\"}", ""));
    }


    @Test
    void reads_the_commands_with_their_continuation_lines_and_without_comments() throws IOException {
        assertThat(commands()).contains(
                List.of("value-systems"),
                List.of(("calibrate --value-system schwartz --data labels.jsonl --out target/evaluator --extractor openai"
                        + " --model-name gpt-4o-mini").split(" ")));
    }
}
