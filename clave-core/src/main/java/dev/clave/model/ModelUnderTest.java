package dev.clave.model;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.TextInput;
import dev.clave.internal.Printable;
import dev.clave.internal.Texts;
import dev.clave.llm.LargeModel;
import dev.clave.llm.LargeModelSettings;
import dev.clave.llm.LargeModels;
import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * <p>In a JUnit test, declare it as a parameter of a {@code @ClaveTest} class (configured by its {@code model},
 * {@code answers} and {@code answerMode}, or {@code @Model} on the parameter). A model id of the form
 * {@code provider:model} ({@code openai:gpt-4o-mini}, {@code ollama:llama3.1}, {@code anthropic:...}) is called
 * through {@link LargeModels}, configured under {@value LargeModelSettings#MODEL} like every large model of Clave;
 * any other id is only replayed. Or build one for your own application's chat model:
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

    /** Configuration key of the model id (a {@code provider:model} id is called; any other id is replayed). */
    public static final String MODEL_PROPERTY_NAME = LargeModelSettings.MODEL;
    /** Configuration key of the recorded answers. */
    public static final String ANSWERS_PROPERTY_NAME = "clave.model.answers";
    /** Configuration key of the answer mode: {@code replay}, {@code record} or {@code live}. */
    public static final String ANSWER_MODE_PROPERTY_NAME = "clave.model.answer-mode";

    private final String id;
    private final AnswerMode mode;
    private final @Nullable RecordedAnswers recording;
    private final @Nullable Supplier<? extends ChatModel> factory;
    private final String howToCall;
    private final Connection connection;
    private final Consumer<Answer> observer;

    /**
     * One answer the model gave (recorded or fresh), as seen by an {@linkplain #observedBy(Consumer) observer}.
     *
     * @param model  the model id
     * @param prompt the prompt
     * @param answer the answer
     */
    public record Answer(String model, String prompt, String answer) {
    }

    /** The chat model, created at most once and shared by all views of one model under test. */
    private static final class Connection {
        private final @Nullable Supplier<? extends ChatModel> factory;
        private volatile @Nullable ChatModel chatModel;

        Connection(@Nullable Supplier<? extends ChatModel> factory) {
            this.factory = factory;
        }

        ChatModel get() {
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
    }

    private ModelUnderTest(ModelUnderTest shared, Consumer<Answer> observer) {
        this.id = shared.id;
        this.mode = shared.mode;
        this.recording = shared.recording;
        this.factory = shared.factory;
        this.howToCall = shared.howToCall;
        this.connection = shared.connection;
        this.observer = observer;
    }

    private ModelUnderTest(Builder builder) {
        this.observer = answer -> { };
        this.id = notBlank(builder.id, "model id");
        this.mode = builder.mode == AnswerMode.DEFAULT ? AnswerMode.REPLAY : notNull(builder.mode, "mode");
        this.recording = builder.recording;
        this.factory = builder.factory != null ? builder.factory : builder.configuredModel();
        this.connection = new Connection(factory);
        this.howToCall = builder.factory != null ? "the chat model given to the ModelUnderTest builder is called"
                : LargeModels.howToCall(builder.settings().withRole(LargeModelSettings.MODEL));
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

    /**
     * A view of this model under test that also hands every answer it gives to {@code observer}, e.g. to tell a report
     * which model wrote a text. It shares the recording and the chat model.
     */
    public ModelUnderTest observedBy(Consumer<Answer> observer) {
        notNull(observer, "observer");
        return new ModelUnderTest(this, this.observer.andThen(observer));
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
        return Optional.ofNullable(recording).map(RecordedAnswers::description);
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
                throw new MissingAnswerException(id, missing, recording, howToCall);
            }
        }
        List<String> answers = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            String answer = answer(prompt);
            observer.accept(new Answer(id, prompt, answer));
            answers.add(answer);
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
        String answer = connection.get().chat(prompt);
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

    @Override
    public String toString() {
        return "ModelUnderTest[" + id + ", " + mode.wire() + (recording == null ? "" : ", " + recording.description()) + "]";
    }

    /** Configures a {@link ModelUnderTest}. */
    public static final class Builder {
        private String id;
        private AnswerMode mode = AnswerMode.REPLAY;
        private RecordedAnswers recording;
        private Supplier<? extends ChatModel> factory;
        private LargeModelSettings settings;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /**
         * The model id: the key of its answers in the recording (required). An id of the form {@code provider:model}
         * is called through {@link LargeModels} when an answer must be fetched, unless a chat model is given.
         */
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
            this.recording = RecordedAnswers.of(notNull(file, "answers file").toAbsolutePath().normalize());
            return this;
        }

        /** The recorded answers, e.g. {@link RecordedAnswers#find(String, ClassLoader)} of a class path resource. */
        public Builder answers(RecordedAnswers recording) {
            this.recording = notNull(recording, "recorded answers");
            return this;
        }

        /**
         * How a {@code provider:model} id is called: base URL, timeout, retries, {@code api-key-env}, ... under the
         * prefix {@value LargeModelSettings#MODEL} (see {@link LargeModelSettings}). Its id is replaced by
         * {@link #id(String)}. Default: the provider's defaults.
         */
        public Builder largeModel(LargeModelSettings settings) {
            this.settings = notNull(settings, "settings");
            return this;
        }

        /** Where API keys are read; default the process environment. */
        public Builder environment(Function<String, String> environment) {
            this.environment = notNull(environment, "environment");
            return this;
        }

        private LargeModelSettings settings() {
            LargeModelSettings base = settings != null ? settings : LargeModelSettings.of(LargeModelSettings.MODEL, id);
            return new LargeModelSettings(LargeModelSettings.MODEL, id, base.modelName(), base.baseUrl(), base.options());
        }

        private @Nullable Supplier<? extends ChatModel> configuredModel() {
            if (id == null || !LargeModels.callable(id)) {
                return null;
            }
            LargeModelSettings configured = settings();
            Function<String, String> env = environment;
            return () -> LargeModels.connect(configured, env).asChatModel();
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
