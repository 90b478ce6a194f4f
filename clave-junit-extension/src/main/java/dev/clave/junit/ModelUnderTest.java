package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.TextInput;
import dev.clave.internal.Printable;
import dev.clave.internal.Texts;
import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The model whose answers a value test judges: a LangChain4j {@link ChatModel} behind a recording of its answers,
 * keyed by model id and prompt. In {@link AnswerMode#REPLAY} mode (the default) answers come from the recording
 * only, so CI re-evaluates recorded answers without calling the model and without an API key; in
 * {@link AnswerMode#RECORD} mode missing answers are fetched once and added to the recording; in
 * {@link AnswerMode#LIVE} mode every prompt goes to the model.
 *
 * <p>Declare it as a test parameter of a {@link ClaveTest} class (configured by {@link ClaveTest#model()},
 * {@link ClaveTest#answers()} and {@link ClaveTest#answerMode()}, or {@link Model @Model} on the parameter), or build
 * one for your own application's chat model:
 *
 * <pre>{@code
 * ModelUnderTest bot = ModelUnderTest.builder()
 *         .id("support-bot-v2")
 *         .chatModel(() -> SupportBot.chatModel())      // called only when an answer must be fetched
 *         .answers(Path.of("src/test/resources/answers/support-bot.jsonl"))
 *         .mode(AnswerMode.REPLAY)
 *         .build();
 * }</pre>
 *
 * <p>Immutable configuration, thread-safe: concurrent tests may share one. The chat model is created at the first
 * prompt that needs it, never in replay mode.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelUnderTest {

    private final String id;
    private final AnswerMode mode;
    private final @Nullable AnswerFile recording;
    private final @Nullable Supplier<? extends ChatModel> factory;
    private final String howToCall;
    private volatile @Nullable ChatModel chatModel;

    private ModelUnderTest(Builder builder) {
        this.id = notBlank(builder.id, "model id");
        this.mode = builder.mode == AnswerMode.DEFAULT ? AnswerMode.REPLAY : notNull(builder.mode, "mode");
        this.recording = builder.recording;
        this.factory = builder.factory;
        this.howToCall = builder.howToCall != null ? builder.howToCall
                : factory != null ? "the chat model given to the ModelUnderTest builder is called"
                : ChatModels.howToCall(id, ChatModels.DEFAULT_API_KEY_ENV);
        if (mode != AnswerMode.LIVE && recording == null) {
            throw new ClaveConfigurationException("Model '" + id + "' in answer mode " + mode.wire() + " needs a file of"
                    + " recorded answers; give one with answers(...) (on @ClaveTest: answers = \"answers/<name>.jsonl\"), or"
                    + " use answer mode live.");
        }
        if (mode == AnswerMode.RECORD && !recording.writable()) {
            throw new ClaveConfigurationException("Cannot record answers of model '" + id + "' into " + recording.description()
                    + ": it is not a file. Give the path of a file, e.g. src/test/resources/answers/<name>.jsonl.");
        }
        if (mode != AnswerMode.REPLAY && factory == null) {
            throw new ClaveConfigurationException("Model '" + id + "' in answer mode " + mode.wire() + " must be called, but"
                    + " no chat model is configured: " + howToCall + ".");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model id, the key of its recorded answers. */
    public String id() {
        return id;
    }

    /** The answer mode. */
    public AnswerMode mode() {
        return mode;
    }

    /** Where answers are recorded, e.g. the file's path; empty in live mode without a recording. */
    public Optional<String> recording() {
        return Optional.ofNullable(recording).map(AnswerFile::description);
    }

    /**
     * The model's answer to a prompt.
     *
     * @throws MissingAnswerException in replay mode, when the prompt has no recorded answer; the message says how to
     *                                record it
     */
    public String ask(String prompt) {
        return askAll(List.of(prompt)).get(0);
    }

    /**
     * The answers to several prompts, in order. In replay mode every missing answer is named in one
     * {@link MissingAnswerException}, so that one run tells what to record.
     */
    public List<String> askAll(List<String> prompts) {
        notNull(prompts, "prompts");
        prompts.forEach(p -> notBlank(p, "prompt"));
        if (mode == AnswerMode.REPLAY) {
            List<String> missing = prompts.stream().filter(p -> recording.get(id, p).isEmpty()).distinct().toList();
            if (!missing.isEmpty()) {
                throw new MissingAnswerException(id, missing, recording.description(), howToCall);
            }
        }
        List<String> answers = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            answers.add(answer(prompt));
        }
        return answers;
    }

    /**
     * The answers to the prompts as inputs for {@code ClaveEvaluator.evaluateAll}: each answer with its prompt as the
     * scenario.
     */
    public List<TextInput> answersTo(List<String> prompts) {
        List<String> answers = askAll(prompts);
        List<TextInput> inputs = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            inputs.add(new TextInput(answers.get(i), prompts.get(i)));
        }
        return inputs;
    }

    private String answer(String prompt) {
        if (mode != AnswerMode.LIVE) {
            Optional<String> recorded = recording.get(id, prompt);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        String answer = chatModel().chat(prompt);
        if (answer == null || !Texts.hasVisibleCharacter(answer)) {
            throw new ClaveConfigurationException("Model '" + id + "' gave an empty answer to the prompt \""
                    + Printable.escape(prompt) + "\"" + (answer == null || answer.isEmpty() ? "" : " (it holds "
                    + Texts.describeInvisible(answer) + ")"));
        }
        if (Texts.loneSurrogateIndex(answer) >= 0) {
            throw new ClaveConfigurationException("Model '" + id + "' gave an answer to the prompt \"" + Printable.escape(prompt)
                    + "\" that " + Texts.loneSurrogate("", answer, Texts.loneSurrogateIndex(answer)).strip()
                    + "; it cannot be recorded or evaluated");
        }
        return mode == AnswerMode.RECORD ? recording.record(id, prompt, answer) : answer;
    }

    private ChatModel chatModel() {
        ChatModel model = chatModel;
        if (model == null) {
            synchronized (this) {
                model = chatModel;
                if (model == null) {
                    model = notNull(factory.get(), "chat model");
                    chatModel = model;
                }
            }
        }
        return model;
    }

    @Override
    public String toString() {
        return "ModelUnderTest[" + id + ", " + mode.wire() + (recording == null ? "" : ", " + recording.description()) + "]";
    }

    /** Configures a {@link ModelUnderTest}. */
    public static final class Builder {
        private String id;
        private AnswerMode mode = AnswerMode.REPLAY;
        private AnswerFile recording;
        private Supplier<? extends ChatModel> factory;
        private String howToCall;

        private Builder() {
        }

        /** The model id: the key of its answers in the recording (required). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The chat model to call in record and live mode. */
        public Builder chatModel(ChatModel model) {
            notNull(model, "chat model");
            this.factory = () -> model;
            return this;
        }

        /** Creates the chat model at the first prompt that needs it; never called in replay mode. */
        public Builder chatModel(Supplier<? extends ChatModel> factory) {
            this.factory = notNull(factory, "chat model factory");
            return this;
        }

        /** The file of recorded answers; it is created when the first answer is recorded. */
        public Builder answers(Path file) {
            this.recording = AnswerFile.of(notNull(file, "answers file").toAbsolutePath().normalize());
            return this;
        }

        Builder answers(AnswerFile recording) {
            this.recording = recording;
            return this;
        }

        Builder howToCall(String howToCall) {
            this.howToCall = howToCall;
            return this;
        }

        /** The answer mode, default {@link AnswerMode#REPLAY}. */
        public Builder mode(AnswerMode mode) {
            this.mode = notNull(mode, "mode");
            return this;
        }

        public ModelUnderTest build() {
            return new ModelUnderTest(this);
        }
    }
}
