package dev.clave.llm;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptCacheMissException;
import dev.clave.concept.ConceptExtractor;
import dev.clave.setup.ConceptExtractors;

import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.llm.FakeChatServer.Reply;
import dev.clave.value.UnknownValueException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.clave.llm.TestSupport.KEY;
import static dev.clave.llm.TestSupport.SCHWARTZ;
import static dev.clave.llm.TestSupport.concepts;
import static dev.clave.llm.TestSupport.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings to extractors: the providers, their keys, and the errors of a wrong configuration. */
class ProvidersTest {

    private final FakeChatServer server = FakeChatServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void knows_the_offline_extractor_and_three_providers() {
        assertThat(ConceptExtractors.names()).containsExactly("offline", "openai", "ollama", "anthropic");
        assertThat(ConceptExtractors.create(LargeModelSettings.offline())).isInstanceOf(SentenceConceptExtractor.class);
        assertThatThrownBy(() -> ConceptExtractors.create(LargeModelSettings.of("gemini")))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown extractor 'gemini'. Valid extractors are: offline, openai, ollama, anthropic");
    }

    @Test
    void reads_every_option_from_properties() {
        Map<String, String> properties = Map.of("clave.extractor", "openai", "clave.extractor.model-name", "m",
                "clave.extractor.base-url", "http://localhost:8000/v1", "clave.extractor.timeout", "30s",
                "clave.extractor.concurrency", "16", "clave.extractor.max-retries", "2", "clave.extractor.retry-budget", "1m",
                "clave.extractor.response-format", "json", "clave.extractor.temperature", "0.2",
                "clave.extractor.max-output-tokens", "512");

        LargeModelSettings settings = LargeModelSettings.fromProperties(LargeModelSettings.EXTRACTOR, properties::get);
        LlmConceptExtractor extractor = LlmConceptExtractor.fromSettings(settings, env());

        assertThat(settings.options()).containsEntry("concurrency", "16").hasSize(7);
        assertThat(extractor.id()).isEqualTo("llm/openai/m");
        assertThat(extractor.concurrency()).isEqualTo(16);
        assertThat(extractor.structuredOutput()).isEqualTo(StructuredOutput.JSON);
        LargeModel connection = LargeModels.connect(settings, env());
        assertThat(connection.retryPolicy()).isEqualTo(RetryPolicy.defaults().withMaxRetries(2).withBudget(java.time.Duration.ofMinutes(1)));
        assertThat(connection.temperature()).isEqualTo(0.2);
        assertThat(connection.maxOutputTokens()).isEqualTo(512);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "timeout|soon|clave.extractor.timeout must be a duration such as 60s, 500ms, 2m or PT1M, but is: 'soon'",
            "timeout|0s|clave.extractor.timeout must be greater than 0, but is: PT0S",
            "concurrency|0|clave.extractor.concurrency must be at least 1, but is: 0",
            "concurrency|many|clave.extractor.concurrency must be a whole number, but is: 'many'",
            "max-retries|-1|clave.extractor.max-retries must be at least 0, but is: -1",
            "temperature|hot|clave.extractor.temperature must be a number between 0 and 2, or 'default' for the provider's default, but is: 'hot'",
            "response-format|xml|Unknown response format 'xml'. Valid response formats are: json-schema, json, auto",
            "colour|blue|Unknown extractor option 'clave.extractor.colour'. Valid extractor options are: clave.extractor.timeout, clave.extractor.concurrency"})
    void explains_a_wrong_option(String option, String value, String message) {
        LargeModelSettings settings = TestSupport.openAi(server).withOption(option, value);

        assertThatThrownBy(() -> ConceptExtractors.create(settings, env()))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void explains_a_base_url_that_is_no_url_without_showing_credentials() {
        assertThatThrownBy(() -> ConceptExtractors.create(new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai", null, "localhost:8000?key=abc", Map.of()), env()))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("clave.extractor.base-url must be an http or https URL such as http://localhost:8000/v1, but is: 'localhost:8000'");
    }

    @Test
    void defaults_to_the_provider_s_model_and_prefers_clave_api_key() {
        LlmConceptExtractor openai = LlmConceptExtractor.fromSettings(LargeModelSettings.of("openai"), env("OPENAI_API_KEY", "a-key-1234"));
        LlmConceptExtractor ollama = LlmConceptExtractor.fromSettings(LargeModelSettings.of("ollama"), env());

        assertThat(openai.id()).isEqualTo("llm/openai/gpt-4o-mini");
        assertThat(ollama.id()).isEqualTo("llm/ollama/llama3.1");
        assertThat(LargeModels.connect(LargeModelSettings.of("openai"), env("CLAVE_API_KEY", "clave-1234", "OPENAI_API_KEY", "openai-1234"))
                .secrets()).containsExactly("clave-1234");
    }

    @Test
    void talks_to_a_local_openai_compatible_server_without_a_key() {
        server.enqueue(Reply.content(concepts("praises hard work", "achievement")));

        List<Concept> concepts = ConceptExtractors.create(TestSupport.openAi(server), env())
                .extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).hasSize(1);
        assertThat(server.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void fails_at_once_without_a_key_naming_the_variables_and_the_text() {
        // GIVEN the hosted OpenAI endpoint and no key in the environment
        ConceptExtractor extractor = ConceptExtractors.create(LargeModelSettings.of("openai"), env());

        // WHEN a text is extracted THEN the message says which variable to set and names the text
        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off.", null, "t-3"), SCHWARTZ))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("No API key for the openai large model openai/gpt-4o-mini at https://api.openai.com/v1")
                .hasMessageContaining("set CLAVE_API_KEY or OPENAI_API_KEY in the environment")
                .hasMessageContaining("cache mode replay")
                .hasMessageContaining("text 't-3'")
                .hasCauseInstanceOf(ClaveConfigurationException.class);
    }

    @Test
    void replays_recorded_concepts_without_a_key_and_names_a_missing_text_and_how_to_record_it() {
        // GIVEN a cache recorded with the key
        ConceptCache cache = ConceptCache.inMemory();
        server.enqueue(Reply.content(concepts("praises hard work", "achievement")));
        LargeModelSettings settings = TestSupport.openAi(server);
        new CachingConceptExtractor(LlmConceptExtractor.fromSettings(settings, TestSupport.keyEnv()), cache, CacheMode.READ_WRITE)
                .extract(new TextInput("Hard work pays off."), SCHWARTZ);

        // WHEN replaying without a key
        ConceptExtractor replay = new CachingConceptExtractor(LlmConceptExtractor.fromSettings(settings, env()), cache, CacheMode.REPLAY);

        // THEN the recorded text is served without a request, and a new one fails naming the text and the fix
        assertThat(replay.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .containsExactly(new Concept("praises hard work", List.of("achievement")));
        assertThatThrownBy(() -> replay.extract(new TextInput("A text nobody recorded.", null, "new-1"), SCHWARTZ))
                .isInstanceOf(ConceptCacheMissException.class)
                .hasMessageContaining("'new-1' \"A text nobody recorded.\"")
                .hasMessageContaining("llm/openai/test-model")
                .hasMessageContaining("Record it by running once with cache mode read-write");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void talks_to_ollama_with_a_json_schema_format() {
        server.enqueue(Reply.json("{\"model\":\"llama3.1\",\"created_at\":\"2024-05-01T10:00:00.000000Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":" + FakeChatServer.JSON.valueToTree(concepts("praises hard work", "achievement"))
                + "},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":80,\"eval_count\":12}"));
        LlmConceptExtractor extractor = LlmConceptExtractor.fromSettings(
                new LargeModelSettings(LargeModelSettings.EXTRACTOR, "ollama", "llama3.1", server.root(), Map.of()), env());

        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        FakeChatServer.Recorded request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.json().at("/format/properties/concepts/type").asText()).isEqualTo("array");
        assertThat(request.json().get("model").asText()).isEqualTo("llama3.1");
        assertThat(extractor.usage().inputTokens()).isEqualTo(80);
        assertThat(extractor.usage().outputTokens()).isEqualTo(12);
    }

    @Test
    void talks_to_anthropic_with_the_key_in_its_header() {
        server.enqueue(Reply.json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\","
                + "\"content\":[{\"type\":\"text\",\"text\":" + FakeChatServer.JSON.valueToTree(concepts("praises hard work", "achievement"))
                + "}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":90,\"output_tokens\":15}}"));
        LlmConceptExtractor extractor = LlmConceptExtractor.fromSettings(
                new LargeModelSettings(LargeModelSettings.EXTRACTOR, "anthropic", "claude-test", server.baseUrl() + "/", Map.of()), env("ANTHROPIC_API_KEY", KEY));

        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        FakeChatServer.Recorded request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.json().get("system").toString()).contains("You extract value concepts");
        assertThat(extractor.id()).isEqualTo("llm/anthropic/claude-test");
        assertThat(extractor.usage().inputTokens()).isEqualTo(90);
    }

    @Test
    void asks_anthropic_users_for_their_key() {
        ConceptExtractor extractor = ConceptExtractors.create(LargeModelSettings.of("anthropic"), env());

        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("set CLAVE_API_KEY or ANTHROPIC_API_KEY in the environment");
    }
}
