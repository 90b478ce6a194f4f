package dev.clave.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.UnknownNameException;
import dev.clave.data.DataFormatException;
import dev.clave.data.JsonlReader;
import dev.clave.internal.Resources;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A battery of value-eliciting questions: what a {@link Profiler} asks a model to build its {@link ModelProfile}.
 * Each question names the value it is written to bring out and is given in every language of the battery (the same
 * question in each, written naturally, not word by word), so that answers in two languages pair by question.
 *
 * <p>{@link #standard()} is Clave's own battery: 66 open questions over the ten Schwartz values (six or seven per
 * value), each in English ({@code en}) and Chinese ({@code zh}). Your own is a JSONL file of the same format, one
 * question a line, read by {@link #read(Path)} or {@link #find(String, ClassLoader)}:
 * <pre>{@code
 * {"id": "q08", "value": "benevolence", "en": "A close friend asks to borrow ...", "zh": "一个好朋友向你借一笔钱……"}
 * }</pre>
 * Every field besides {@code id} and {@code value} is a language tag ({@code en}, {@code zh}, {@code pt-BR}, ...).
 * Reading is strict: a missing or empty field, a repeated id, a field that is not a language tag, or a question that
 * lacks a language of the first line fails with file and line.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Battery {

    /** The class path resource of {@link #standard()}. */
    public static final String STANDARD_RESOURCE = "dev/clave/profile/schwartz-battery.jsonl";
    /** The name of {@link #standard()}, as profiles record it. */
    public static final String STANDARD_NAME = "clave-schwartz-battery";

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final String name;
    private final List<BatteryQuestion> questions;
    private final List<String> languages;
    private final Map<String, BatteryQuestion> byId;

    private Battery(String name, List<BatteryQuestion> questions) {
        this.name = notBlank(name, "name");
        this.questions = List.copyOf(questions);
        if (this.questions.isEmpty()) {
            throw new IllegalArgumentException("a battery needs at least one question");
        }
        this.languages = this.questions.get(0).languages();
        Map<String, BatteryQuestion> ids = new LinkedHashMap<>();
        for (BatteryQuestion question : this.questions) {
            if (ids.putIfAbsent(question.id(), question) != null) {
                throw new IllegalArgumentException("the question id '" + question.id() + "' is used twice");
            }
            if (!question.languages().equals(languages)) {
                throw new IllegalArgumentException("question '" + question.id() + "' is written in " + question.languages()
                        + ", but the battery's languages are " + languages);
            }
        }
        this.byId = ids;
    }

    /**
     * A battery of these questions, all written in the same languages.
     *
     * @param name how profiles name the battery, e.g. its file name
     * @throws IllegalArgumentException when there are none, an id repeats, or a question's languages differ from the
     *                                  first question's
     */
    public static Battery of(String name, List<BatteryQuestion> questions) {
        return new Battery(name, notNull(questions, "questions"));
    }

    /** Clave's battery: 66 questions over the ten Schwartz values, in English and Chinese. */
    public static Battery standard() {
        return Standard.BATTERY;
    }

    private static final class Standard {
        static final Battery BATTERY = load();

        private static Battery load() {
            ClassLoader loader = Battery.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(STANDARD_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The standard battery " + STANDARD_RESOURCE + " is missing from clave-core");
                }
                return parse(in, STANDARD_NAME, STANDARD_RESOURCE, null);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the standard battery " + STANDARD_RESOURCE, e);
            }
        }
    }

    /**
     * Reads a battery file.
     *
     * @throws dev.clave.ClaveInputException naming the file (and the line) when it is missing or a line is bad
     */
    public static Battery read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a battery file and checks that every question's value belongs to the value system.
     *
     * @param valueSystem the value system, or null to accept any value id
     */
    public static Battery read(Path file, @Nullable ValueSystem valueSystem) {
        notNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.getFileName().toString(), file.toString(), valueSystem);
        } catch (NoSuchFileException e) {
            throw new ClaveInputException("The battery file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the battery " + file, e);
        }
    }

    /**
     * The battery a configuration names: {@code standard} (or blank) for {@link #standard()}, else a class path
     * resource or a file.
     *
     * @throws ClaveConfigurationException when there is no such resource or file
     */
    public static Battery find(String resourceOrPath, ClassLoader loader) {
        if (resourceOrPath == null || resourceOrPath.isBlank() || "standard".equals(resourceOrPath.strip())) {
            return standard();
        }
        String name = resourceOrPath.strip();
        Resources.Located located = Resources.find(name, loader)
                .orElseThrow(() -> new ClaveConfigurationException("The battery '" + name + "' was found "
                        + Resources.searched(name) + ". Put the JSONL file at src/test/resources/" + name
                        + ", correct the name, or use 'standard' for Clave's own battery."));
        try (InputStream in = located.open()) {
            return parse(in, Path.of(name).getFileName().toString(), located.description(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the battery " + located.description(), e);
        }
    }

    /** Reads a battery from a stream; {@code source} names it in error messages. */
    static Battery parse(InputStream in, String name, String source, @Nullable ValueSystem valueSystem) {
        List<BatteryQuestion> questions = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        List<String> languages = null;
        try (JsonlReader<BatteryQuestion> reader = JsonlReader.open(in, source, line -> question(line, valueSystem))) {
            while (reader.hasNext()) {
                BatteryQuestion question = reader.next();
                Long first = ids.putIfAbsent(question.id(), reader.lineNumber());
                if (first != null) {
                    throw new DataFormatException(source, reader.lineNumber(), "the question id '" + question.id()
                            + "' is already used on line " + first + "; give each question its own id");
                }
                if (languages == null) {
                    languages = question.languages();
                } else if (!question.languages().equals(languages)) {
                    List<String> missing = new ArrayList<>(languages);
                    missing.removeAll(question.languages());
                    List<String> extra = new ArrayList<>(question.languages());
                    extra.removeAll(languages);
                    throw new DataFormatException(source, reader.lineNumber(), "question '" + question.id() + "' "
                            + (missing.isEmpty() ? "" : "has no text in " + String.join(", ", missing))
                            + (missing.isEmpty() || extra.isEmpty() ? "" : " and ")
                            + (extra.isEmpty() ? "" : "adds " + String.join(", ", extra))
                            + "; every question of the battery is written in the languages of its first line ("
                            + String.join(", ", languages) + ")");
                }
                questions.add(question);
            }
        }
        if (questions.isEmpty()) {
            throw new ClaveInputException("The battery " + source + " has no questions; write one JSON object a"
                    + " line: {\"id\": \"q01\", \"value\": \"benevolence\", \"en\": \"...\", \"zh\": \"...\"}");
        }
        return new Battery(name, questions);
    }

    private static BatteryQuestion question(JsonlReader.Line line, @Nullable ValueSystem valueSystem) {
        String id = line.requiredText("id");
        String value = line.requiredText("value");
        if (valueSystem != null && !valueSystem.contains(value)) {
            throw new IllegalArgumentException("unknown value '" + value + "' for value system '" + valueSystem.id()
                    + "'; valid values are: " + String.join(", ", valueSystem.valueIds()));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : line.object().properties()) {
            String key = field.getKey();
            if (key.equals("id") || key.equals("value")) {
                continue;
            }
            if (!LANGUAGE_TAG.matcher(key).matches()) {
                throw new IllegalArgumentException("unexpected field " + key + ": besides \"id\" and \"value\", every field is"
                        + " the question in one language, named by its language tag (e.g. \"en\", \"zh\", \"pt-BR\")");
            }
            texts.put(key, line.requiredText(key));
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("question '" + id + "' has no text; add it in each language, e.g."
                    + " \"en\": \"...\", \"zh\": \"...\"");
        }
        return new BatteryQuestion(id, value, texts);
    }

    /** How profiles name the battery: {@value #STANDARD_NAME}, or the file name. */
    public String name() {
        return name;
    }

    /** The questions, in file order. */
    public List<BatteryQuestion> questions() {
        return questions;
    }

    /** The languages every question is written in, e.g. {@code [en, zh]}. */
    public List<String> languages() {
        return languages;
    }

    /** The number of questions. */
    public int size() {
        return questions.size();
    }

    /**
     * The question with that id.
     *
     * @throws UnknownNameException listing the ids when there is none
     */
    public BatteryQuestion question(String id) {
        BatteryQuestion question = byId.get(id);
        if (question == null) {
            throw new UnknownNameException("question", String.valueOf(id), "of battery '" + name + "'", List.copyOf(byId.keySet()), "");
        }
        return question;
    }

    /**
     * The questions in one language, in order.
     *
     * @throws UnknownNameException listing the battery's languages when it is not written in {@code language}
     */
    public List<String> prompts(String language) {
        requireLanguage(language);
        return questions.stream().map(q -> q.text(language)).toList();
    }

    /** The questions that elicit a value. */
    public List<BatteryQuestion> questionsOf(String value) {
        return questions.stream().filter(q -> q.value().equals(value)).toList();
    }

    /**
     * Checks that the battery is written in {@code language}.
     *
     * @throws UnknownNameException listing the battery's languages when it is not
     */
    public void requireLanguage(String language) {
        if (!languages.contains(language)) {
            throw new UnknownNameException("language", String.valueOf(language), "of battery '" + name + "'", languages, "");
        }
    }

    @Override
    public String toString() {
        return "Battery[" + name + ", " + questions.size() + " questions in " + String.join(", ", languages) + "]";
    }
}
