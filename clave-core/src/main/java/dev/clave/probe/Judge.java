package dev.clave.probe;

import dev.clave.ClaveConfigurationException;
import dev.clave.llm.LargeModelSettings;
import dev.clave.llm.LargeModels;
import dev.clave.model.AnswerMode;
import dev.clave.model.MissingAnswerException;
import dev.clave.model.ModelUnderTest;
import dev.clave.model.RecordedAnswers;
import dev.langchain4j.model.chat.ChatModel;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The large model that scores know-why explanations, configured like every large model of Clave under the role
 * {@value LargeModelSettings#JUDGE} ({@code clave.judge=openai:gpt-4o}, {@code clave.judge.base-url}, ...; the key from
 * the environment) and called through {@link LargeModels}. Its answers are recorded and replayed like a model under
 * test's ({@link RecordedAnswers}, keyed by the judge's id and the exact prompt), so a suite re-scores recorded
 * explanations offline and deterministically; an id that names no provider (e.g. {@code sample-judge}) is only
 * replayed.
 *
 * <pre>{@code
 * Judge judge = Judge.builder()
 *         .settings(LargeModelSettings.of(LargeModelSettings.JUDGE, "openai:gpt-4o"))
 *         .answers(Path.of("src/test/resources/answers/judge.jsonl"))
 *         .mode(AnswerMode.RECORD)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Judge {

    private final LargeModelSettings settings;
    private final ModelUnderTest model;

    private Judge(Builder builder) {
        LargeModelSettings configured = notNull(builder.settings, "judge settings");
        this.settings = configured.withRole(LargeModelSettings.JUDGE);
        if (settings.id().isBlank()) {
            throw new ClaveConfigurationException("No judge is configured: set " + LargeModelSettings.JUDGE
                    + " to a model id such as openai:gpt-4o (or a name whose recorded answers are replayed).");
        }
        ModelUnderTest.Builder model = ModelUnderTest.builder().id(settings.id()).mode(builder.mode);
        if (builder.chatModel != null) {
            model.chatModel(builder.chatModel);
        } else if (LargeModels.callable(settings.id())) {
            LargeModelSettings connect = settings;
            Function<String, String> environment = builder.environment;
            model.chatModel(() -> LargeModels.connect(connect, environment).asChatModel());
        }
        if (builder.answers != null) {
            model.answers(builder.answers);
        }
        try {
            this.model = model.build();
        } catch (ClaveConfigurationException e) {
            throw new ClaveConfigurationException("The judge '" + settings.id() + "' (" + LargeModelSettings.JUDGE + "): "
                    + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The judge's id, the key of its recorded answers, e.g. {@code openai:gpt-4o}. */
    public String id() {
        return settings.id();
    }

    /** Its settings, in the role {@value LargeModelSettings#JUDGE}. */
    public LargeModelSettings settings() {
        return settings;
    }

    /** Whether its answers are replayed, recorded or fetched live. */
    public AnswerMode mode() {
        return model.mode();
    }

    /**
     * The judge's answers to the prompts, in order.
     *
     * @throws ClaveConfigurationException in replay mode, when a prompt has no recorded answer; the message says how
     *                                     to record the judge
     */
    public List<String> askAll(List<String> prompts) {
        try {
            return model.askAll(prompts);
        } catch (MissingAnswerException e) {
            throw new ClaveConfigurationException("No recorded answer" + (e.prompts().size() == 1 ? "" : "s") + " of the judge '"
                    + id() + "' to " + e.prompts().size() + " scoring prompt" + (e.prompts().size() == 1 ? "" : "s") + " in "
                    + model.recording().orElse("its recording") + ". The answer mode is replay, which never calls the judge."
                    + " Record them: set " + LargeModelSettings.JUDGE + " to a model Clave can call (openai:<model name>,"
                    + " ollama:<model name> or anthropic:<model name>) and run once with answer mode record; then commit the"
                    + " recording. The first prompt without an answer:" + System.lineSeparator() + e.prompts().get(0), e);
        }
    }

    @Override
    public String toString() {
        return "Judge[" + id() + ", " + mode().wire() + model.recording().map(r -> ", " + r).orElse("") + "]";
    }

    /** Configures a {@link Judge}. */
    public static final class Builder {
        private LargeModelSettings settings;
        private RecordedAnswers answers;
        private AnswerMode mode = AnswerMode.REPLAY;
        private ChatModel chatModel;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /** The judge model (required): its id, base URL and options, read under any role and used as {@value LargeModelSettings#JUDGE}. */
        public Builder settings(LargeModelSettings settings) {
            this.settings = notNull(settings, "settings");
            return this;
        }

        /** The file of the judge's recorded answers; created when the first answer is recorded. */
        public Builder answers(Path file) {
            this.answers = RecordedAnswers.of(notNull(file, "answers file").toAbsolutePath().normalize());
            return this;
        }

        /** The judge's recorded answers. */
        public Builder answers(RecordedAnswers answers) {
            this.answers = notNull(answers, "answers");
            return this;
        }

        /** Replay (default), record or live. */
        public Builder mode(AnswerMode mode) {
            this.mode = notNull(mode, "mode");
            return this;
        }

        /** A chat model of your own to call in record and live mode, instead of the one the settings name. */
        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = notNull(chatModel, "chat model");
            return this;
        }

        /** Where API keys are read; default the process environment. */
        public Builder environment(Function<String, String> environment) {
            this.environment = notNull(environment, "environment");
            return this;
        }

        public Judge build() {
            return new Judge(this);
        }
    }
}
