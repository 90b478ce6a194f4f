package dev.clave.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.ClaveConfigurationException;
import dev.clave.data.DataFormatException;
import dev.clave.data.JsonlReader;
import dev.clave.data.Samples;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Hashing;
import dev.clave.internal.Resources;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recorded answers of models under test, one JSON object a line, keyed by model id and prompt:
 * {@code {"model": "support-bot-v2", "prompt": "...", "answer": "..."}}. One file may hold the answers of several
 * models to the same prompts, which is what a regression gate compares.
 *
 * <p>Reading is strict (unknown fields, missing fields and a second answer of a model to the same prompt fail with
 * file and line). Recording keeps the existing lines in their order, appends new ones, and rewrites the file
 * atomically under a file lock, so parallel tests and forked JVMs may record into one file. Thread-safe.
 *
 * <p>Get one with {@link #of(Path)} or {@link #find(String, ClassLoader)} and give it to
 * {@link ModelUnderTest.Builder#answers(RecordedAnswers)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RecordedAnswers {

    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("model", "prompt", "answer"));

    @JsonPropertyOrder({"model", "prompt", "answer"})
    record Line(String model, String prompt, String answer) {
    }

    private record Key(String model, String prompt) {
    }

    private final String description;
    private final @Nullable Path file;
    private final String whereLooked;
    private final Map<Key, String> answers = new LinkedHashMap<>();

    private RecordedAnswers(String description, @Nullable Path file, String whereLooked) {
        this.description = description;
        this.file = file;
        this.whereLooked = whereLooked;
    }

    /**
     * The answers a configuration names: a class path resource (traced back to its source file under
     * {@code src/test/resources}, so that recordings land where they are committed) or a file; when neither exists,
     * the file where recordings will be written.
     */
    public static RecordedAnswers find(String resourceOrPath, ClassLoader loader) {
        return Resources.find(resourceOrPath, loader).map(RecordedAnswers::load)
                .orElseGet(() -> new RecordedAnswers(Resources.newFile(resourceOrPath).toString(),
                        Resources.newFile(resourceOrPath), "'" + resourceOrPath + "' was found " + Resources.searched(resourceOrPath)));
    }

    /** The answers of a found resource or file; recordable when it is a file. */
    static RecordedAnswers load(Resources.Located located) {
        RecordedAnswers answers = new RecordedAnswers(located.description(), located.file(), "");
        try (InputStream in = located.open()) {
            answers.read(in);
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read recorded answers " + located.description() + ": " + e, e);
        }
        return answers;
    }

    /** The answers in a file, which need not exist yet: it is created when the first answer is recorded. */
    public static RecordedAnswers of(Path file) {
        RecordedAnswers answers = new RecordedAnswers(file.toString(), file, "there is no file at "
                + file.toAbsolutePath().normalize());
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                answers.read(in);
            } catch (IOException e) {
                throw new ClaveConfigurationException("Cannot read recorded answers " + file + ": " + e, e);
            }
        }
        return answers;
    }

    /** How messages name the recording: its file path, or the resource's URL. */
    public String description() {
        return description;
    }

    /** Whether there is a recording yet: the file or resource exists (a missing file is created by recording). */
    public synchronized boolean exists() {
        return !answers.isEmpty() || file == null || Files.isRegularFile(file);
    }

    /** The ids of the models with recorded answers, in the order of their first line. */
    public synchronized List<String> models() {
        return answers.keySet().stream().map(Key::model).distinct().toList();
    }

    /** Where a recording that does not exist was looked for, for messages; empty when it exists. */
    String whereLooked() {
        return exists() ? "" : whereLooked.isEmpty() ? "there is no file at " + description : whereLooked;
    }

    /** Whether new answers can be written (it is a file, not a resource inside a jar). */
    public boolean writable() {
        return file != null;
    }

    /** The recorded answer of a model to a prompt. */
    public synchronized Optional<String> get(String model, String prompt) {
        return Optional.ofNullable(answers.get(new Key(model, prompt)));
    }

    /**
     * Adds an answer and writes the file. An answer to the same prompt recorded meanwhile by another process wins, so
     * that every run sees one answer per prompt.
     *
     * @return the answer now recorded
     */
    synchronized String record(String model, String prompt, String answer) {
        if (file == null) {
            throw new IllegalStateException("Recorded answers " + description + " are read-only");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // the lock file lives outside the project and is never deleted, so that every process locks the same file
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"))
                    .resolve("clave-answers-" + Hashing.sha256(file.toAbsolutePath().toString()).substring(0, 16) + ".lock");
            // file locks are held per JVM: other instances of this JVM wait on the lock object first
            Object jvmLock = JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
            synchronized (jvmLock) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        return rewrite(model, prompt, answer);
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("the recorded answer into", file, e, "the answers file ("
                    + "clave.model.answers) must be in a writable directory");
        }
    }

    private String rewrite(String model, String prompt, String answer) throws IOException {
        answers.clear();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                read(in);
            }
        }
        answers.putIfAbsent(new Key(model, prompt), answer);
        StringBuilder out = new StringBuilder();
        answers.forEach((key, text) -> out.append(Samples.toJsonLine(new Line(key.model(), key.prompt(), text))).append('\n'));
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        return answers.get(new Key(model, prompt));
    }

    private void read(InputStream in) {
        Map<Key, Long> lines = new LinkedHashMap<>();
        try (JsonlReader<Line> reader = JsonlReader.open(in, description, line -> {
            line.onlyFields(FIELDS);
            return new Line(line.requiredText("model"), line.requiredText("prompt"), line.requiredText("answer"));
        })) {
            while (reader.hasNext()) {
                Line line = reader.next();
                Key key = new Key(line.model(), line.prompt());
                Long first = lines.putIfAbsent(key, reader.lineNumber());
                if (first != null) {
                    throw new DataFormatException(description, reader.lineNumber(), "a second answer of model '" + line.model()
                            + "' to prompt \"" + line.prompt() + "\" (the first is on line " + first + "); keep one");
                }
                answers.put(key, line.answer());
            }
        }
    }

    @Override
    public String toString() {
        return "recorded answers " + description;
    }
}
