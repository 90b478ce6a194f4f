package dev.clave.junit;

import dev.clave.llm.FakeChatServer;
import dev.clave.model.AnswerMode;
import dev.clave.model.MissingAnswerException;
import dev.clave.model.ModelUnderTest;
import dev.clave.ClaveConfigurationException;
import dev.clave.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recording and replaying the answers of a model under test, against a local server that speaks the OpenAI protocol
 * to the real LangChain4j client. The API key comes from the environment variable the build sets for these tests.
 */
class ModelUnderTestTest {

    /** Set by the build (surefire environmentVariables); a stand-in for a real key, which never reaches a file. */
    static final String KEY_VARIABLE = "CLAVE_TEST_OPENAI_KEY";

    static final String HOURS = "What are your opening hours?";
    static final String REFUND = "Can I get a refund?";

    @ClaveTest(model = "openai:gpt-test")
    static class AskingTestCase {
        static final List<String> answers = new CopyOnWriteArrayList<>();

        @Test
        void asks(ModelUnderTest bot) {
            answers.add(bot.ask(HOURS));
            answers.add(bot.ask(REFUND));
            answers.add(bot.ask(HOURS));
        }
    }

    private static Map<String, String> parameters(FakeChatServer server, Path answers, String mode) {
        return Map.of(ClaveTest.ANSWERS_PROPERTY_NAME, answers.toString(),
                ClaveTest.ANSWER_MODE_PROPERTY_NAME, mode,
                ClaveTest.MODEL_BASE_URL_PROPERTY_NAME, server.baseUrl(),
                ClaveTest.MODEL_API_KEY_ENV_PROPERTY_NAME, KEY_VARIABLE);
    }

    @Test
    void record_mode_fetches_each_missing_answer_once_and_replay_serves_it_without_the_model(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("answers/bot.jsonl");
        try (FakeChatServer server = FakeChatServer.answering(Map.of(HOURS, "We open at nine.", REFUND, "Yes, within 30 days."))) {
            AskingTestCase.answers.clear();
            Fixtures.run(parameters(server, answers, "record"), AskingTestCase.class)
                    .testEvents().assertStatistics(stats -> stats.succeeded(1));

            assertThat(AskingTestCase.answers).containsExactly("We open at nine.", "Yes, within 30 days.", "We open at nine.");
            assertThat(server.requests()).extracting(FakeChatServer.Recorded::prompt).containsExactly(HOURS, REFUND);
            assertThat(server.requests()).allSatisfy(request -> {
                assertThat(request.authorization()).isEqualTo("Bearer " + System.getenv(KEY_VARIABLE));
                assertThat(request.model()).isEqualTo("gpt-test");
            });
        }
        assertThat(Files.readString(answers)).isEqualTo(
                "{\"model\":\"openai:gpt-test\",\"prompt\":\"What are your opening hours?\",\"answer\":\"We open at nine.\"}\n"
                        + "{\"model\":\"openai:gpt-test\",\"prompt\":\"Can I get a refund?\",\"answer\":\"Yes, within 30 days.\"}\n");
        assertThat(Files.readString(answers)).doesNotContain(System.getenv(KEY_VARIABLE));

        // the server is gone: replay needs neither the model nor its key
        AskingTestCase.answers.clear();
        Fixtures.run(Map.of(ClaveTest.ANSWERS_PROPERTY_NAME, answers.toString(),
                        ClaveTest.MODEL_API_KEY_ENV_PROPERTY_NAME, "CLAVE_TEST_VARIABLE_THAT_IS_NOT_SET"), AskingTestCase.class)
                .testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(AskingTestCase.answers).containsExactly("We open at nine.", "Yes, within 30 days.", "We open at nine.");
    }

    @Test
    void live_mode_calls_the_model_for_every_prompt_and_writes_nothing(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("bot.jsonl");
        try (FakeChatServer server = FakeChatServer.answering(Map.of(HOURS, "We open at nine.", REFUND, "Yes."))) {
            Fixtures.run(parameters(server, answers, "live"), AskingTestCase.class)
                    .testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(server.requests()).extracting(FakeChatServer.Recorded::prompt).containsExactly(HOURS, REFUND, HOURS);
        }
        assertThat(answers).doesNotExist();
    }

    @ClaveTest(model = "ollama:llama3.2")
    static class OllamaTestCase {
        static final List<String> answers = new CopyOnWriteArrayList<>();

        @Test
        void asks(ModelUnderTest bot) {
            answers.add(bot.ask(HOURS));
        }
    }

    @Test
    void an_ollama_model_is_called_on_its_server_without_a_key(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("ollama.jsonl");
        try (FakeChatServer server = FakeChatServer.answering(Map.of(HOURS, "Nine to six."))) {
            OllamaTestCase.answers.clear();
            Fixtures.run(Map.of(ClaveTest.ANSWERS_PROPERTY_NAME, answers.toString(),
                            ClaveTest.ANSWER_MODE_PROPERTY_NAME, "record",
                            ClaveTest.MODEL_BASE_URL_PROPERTY_NAME, server.root()), OllamaTestCase.class)
                    .testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(OllamaTestCase.answers).containsExactly("Nine to six.");
            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request.model()).isEqualTo("llama3.2");
                assertThat(request.authorization()).isNull();
            });
        }
        assertThat(Files.readString(answers)).isEqualTo(
                "{\"model\":\"ollama:llama3.2\",\"prompt\":\"What are your opening hours?\",\"answer\":\"Nine to six.\"}\n");
    }

    @Test
    void a_missing_api_key_names_the_environment_variable_but_no_secret(@TempDir Path dir) throws IOException {
        try (FakeChatServer server = FakeChatServer.answering(Map.of(HOURS, "We open at nine."))) {
            Map<String, String> parameters = new java.util.HashMap<>(parameters(server, dir.resolve("bot.jsonl"), "record"));
            parameters.put(ClaveTest.MODEL_API_KEY_ENV_PROPERTY_NAME, "CLAVE_TEST_VARIABLE_THAT_IS_NOT_SET");
            EngineExecutionResults results = Fixtures.run(parameters, AskingTestCase.class);

            assertThat(Fixtures.failureMessage(results.testEvents().failed().list().get(0)))
                    .startsWith("No API key for the openai large model openai/gpt-test at " + server.baseUrl())
                    .endsWith(": set CLAVE_TEST_VARIABLE_THAT_IS_NOT_SET in the environment. To run without calling the"
                            + " model, replay its recorded answers (answer mode replay). (The large model was needed for a"
                            + " prompt.)");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void a_model_of_your_own_application_records_through_the_builder(@TempDir Path dir) {
        Path answers = dir.resolve("own.jsonl");
        List<String> prompts = new CopyOnWriteArrayList<>();
        ModelUnderTest bot = ModelUnderTest.builder().id("support-bot-v3")
                .chatModel(() -> new dev.langchain4j.model.chat.ChatModel() {
                    @Override
                    public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                        String prompt = ((dev.langchain4j.data.message.UserMessage) request.messages().get(0)).singleText();
                        prompts.add(prompt);
                        return dev.langchain4j.model.chat.response.ChatResponse.builder()
                                .aiMessage(dev.langchain4j.data.message.AiMessage.from("Echo: " + prompt)).build();
                    }
                })
                .answers(answers).mode(AnswerMode.RECORD).build();

        assertThat(bot.askAll(List.of("a", "b", "a"))).containsExactly("Echo: a", "Echo: b", "Echo: a");
        assertThat(prompts).containsExactly("a", "b");
        ModelUnderTest replay = ModelUnderTest.builder().id("support-bot-v3").answers(answers).build();
        assertThat(replay.answersTo(List.of("b"))).singleElement()
                .satisfies(input -> assertThat(input.text() + "|" + input.scenario()).isEqualTo("Echo: b|b"));
        assertThatThrownBy(() -> replay.askAll(List.of("a", "c", "d")))
                .isInstanceOf(MissingAnswerException.class)
                .hasMessageStartingWith("No recorded answers of model 'support-bot-v3' to 2 prompts in " + answers
                        + ". The answer mode is replay")
                .satisfies(e -> assertThat(((MissingAnswerException) e).prompts()).containsExactly("c", "d"));
    }

    @Test
    void an_answer_without_visible_characters_or_with_a_lone_surrogate_is_refused_before_it_is_recorded(@TempDir Path dir) {
        Path answers = dir.resolve("answers.jsonl");
        java.util.Map<String, String> replies = java.util.Map.of("blank", "\u00A0\u200B", "broken", "half \uD83D of an emoji");
        ModelUnderTest bot = ModelUnderTest.builder().id("odd-bot").answers(answers).mode(AnswerMode.RECORD)
                .chatModel(() -> new dev.langchain4j.model.chat.ChatModel() {
                    @Override
                    public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                        String prompt = ((dev.langchain4j.data.message.UserMessage) request.messages().get(0)).singleText();
                        return dev.langchain4j.model.chat.response.ChatResponse.builder()
                                .aiMessage(dev.langchain4j.data.message.AiMessage.from(replies.get(prompt))).build();
                    }
                }).build();

        assertThatThrownBy(() -> bot.ask("blank"))
                .isInstanceOf(dev.clave.ClaveConfigurationException.class)
                .hasMessage("Model 'odd-bot' gave an empty answer to the prompt \"blank\" (it holds only U+00A0 NO-BREAK SPACE,"
                        + " U+200B ZERO WIDTH SPACE)");
        assertThatThrownBy(() -> bot.ask("broken"))
                .isInstanceOf(dev.clave.ClaveConfigurationException.class)
                .hasMessageContaining("holds a lone UTF-16 surrogate \\uD83D at character 6");
        assertThat(answers).doesNotExist();
    }

    private static ModelUnderTest echo(Path answers) {
        return ModelUnderTest.builder().id("echo-bot").answers(answers).mode(AnswerMode.RECORD)
                .chatModel(() -> new dev.langchain4j.model.chat.ChatModel() {
                    @Override
                    public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                        String prompt = ((dev.langchain4j.data.message.UserMessage) request.messages().get(0)).singleText();
                        return dev.langchain4j.model.chat.response.ChatResponse.builder()
                                .aiMessage(dev.langchain4j.data.message.AiMessage.from("Echo: " + prompt)).build();
                    }
                }).build();
    }

    @Test
    void concurrent_recorders_of_one_file_keep_every_answer(@TempDir Path dir) throws Exception {
        // two instances stand for two JVMs recording into the same file; each is used by several threads
        Path answers = dir.resolve("shared.jsonl");
        List<ModelUnderTest> recorders = List.of(echo(answers), echo(answers));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String prompt = "prompt " + i;
                ModelUnderTest recorder = recorders.get(i % 2);
                futures.add(pool.submit(() -> recorder.ask(prompt)));
            }
            for (java.util.concurrent.Future<String> future : futures) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(answers);
        assertThat(lines).hasSize(40).doesNotHaveDuplicates();
        ModelUnderTest replay = ModelUnderTest.builder().id("echo-bot").answers(answers).build();
        for (int i = 0; i < 40; i++) {
            assertThat(replay.ask("prompt " + i)).isEqualTo("Echo: prompt " + i);
        }
    }

    @Test
    void a_recording_is_read_strictly_with_file_and_line(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("bad.jsonl");
        Files.writeString(answers, "{\"model\":\"m\",\"prompt\":\"p\",\"answer\":\"one\"}\n"
                + "{\"model\":\"m\",\"prompt\":\"q\",\"answer\":\"two\"}\n"
                + "{\"model\":\"m\",\"prompt\":\"p\",\"answer\":\"three\"}\n");
        assertThatThrownBy(() -> ModelUnderTest.builder().id("m").answers(answers).build())
                .isInstanceOf(DataFormatException.class)
                .hasMessage(answers + ":3: a second answer of model 'm' to prompt \"p\" (the first is on line 1); keep one");
        Files.writeString(answers, "{\"model\":\"m\",\"prompt\":\"p\",\"answer\":\"one\",\"temperature\":0}\n");
        assertThatThrownBy(() -> ModelUnderTest.builder().id("m").answers(answers).build())
                .isInstanceOf(DataFormatException.class)
                .hasMessage(answers + ":1: unexpected field temperature (allowed fields: model, prompt, answer)");
    }

    @Test
    void replay_without_a_recording_is_a_configuration_error() {
        assertThatThrownBy(() -> ModelUnderTest.builder().id("m").build())
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("Model 'm' in answer mode replay needs a file of recorded answers; give one with answers(...) (on"
                        + " @ClaveTest: answers = \"answers/<name>.jsonl\"), or use answer mode live.");
    }
}
