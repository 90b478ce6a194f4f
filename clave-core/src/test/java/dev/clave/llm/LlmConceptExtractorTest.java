package dev.clave.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveTransientException;
import dev.clave.concept.Concept;
import dev.clave.data.TextInput;
import dev.clave.llm.FakeChatServer.Reply;
import dev.clave.llm.TestSupport.RecordingSleeper;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.clave.llm.TestSupport.KEY;
import static dev.clave.llm.TestSupport.SCHWARTZ;
import static dev.clave.llm.TestSupport.concepts;
import static dev.clave.llm.TestSupport.extractor;
import static dev.clave.llm.TestSupport.keyEnv;
import static dev.clave.llm.TestSupport.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LlmConceptExtractorTest {

    private final FakeChatServer server = FakeChatServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void extracts_the_concepts_of_all_values_in_one_request() {
        // GIVEN a model that answers with two concepts naming Schwartz values
        server.enqueue(Reply.content("{\"concepts\": [{\"concept\": \"urges the user to verify facts before acting\", "
                + "\"values\": [\"security\", \"self-direction\"]}, {\"concept\": \"mocks a colleague\", \"values\": [\"benevolence\"]}]}"));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        // WHEN a text is extracted
        List<Concept> concepts = extractor.extract(new TextInput("Check the source first. Your colleague is an idiot.",
                "Is this news true?", "t-1"), SCHWARTZ);

        // THEN one request carried the schema, the model name, temperature 0, and the key; the concepts name values
        assertThat(concepts).containsExactly(
                new Concept("urges the user to verify facts before acting", List.of("security", "self-direction")),
                new Concept("mocks a colleague", List.of("benevolence")));
        assertThat(server.requests()).hasSize(1);
        FakeChatServer.Recorded request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = request.json();
        assertThat(body.get("model").asText()).isEqualTo("test-model");
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("value_concepts");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        JsonNode valueEnum = body.at("/response_format/json_schema/schema/properties/concepts/items/properties/values/items/enum");
        List<String> enumValues = new ArrayList<>();
        valueEnum.forEach(v -> enumValues.add(v.asText()));
        assertThat(enumValues).isEqualTo(SCHWARTZ.valueIds());
        assertThat(request.systemMessage()).contains("benevolence (Benevolence): " + SCHWARTZ.value("benevolence").definition())
                .contains("Example 1");
        assertThat(extractor.usage()).isEqualTo(new LlmUsage(1, 1, 0, 0, 0, 0, 0, 0, 0, 120, 30, 0));
    }

    @Test
    void spreads_requests_evenly_under_a_requests_per_minute_budget() {
        // GIVEN a budget of 30 requests a minute (one every 2 s) and a clock that only the sleeper advances
        long[] now = {0};
        List<Duration> waits = new ArrayList<>();
        ModelCaller.Sleeper advancing = duration -> {
            waits.add(duration);
            now[0] += duration.toNanos();
        };
        for (int i = 0; i < 3; i++) {
            server.enqueue(Reply.content(concepts("values hard work", "achievement")));
        }
        LlmConceptExtractor extractor = LlmConceptExtractor.configured(openAi(server, "requests-per-minute", "30"), keyEnv())
                .sleeper(advancing).nanoClock(() -> now[0]).build();

        // WHEN three texts are extracted one after the other
        for (int i = 0; i < 3; i++) {
            extractor.extract(new TextInput("Hard work pays off, " + i + "."), SCHWARTZ);
        }

        // THEN the first went at once and each later one waited for its slot, 2 s after the one before
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void rejects_a_negative_requests_per_minute_budget() {
        assertThatThrownBy(() -> LlmConceptExtractor.configured(openAi(server, "requests-per-minute", "-1"), keyEnv()).build())
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("clave.extractor.requests-per-minute must be at least 0, but is: -1");
    }

    @Test
    void is_identified_by_provider_and_model_and_versioned_by_its_prompt() {
        LlmConceptExtractor extractor = extractor(server, sleeper);
        LlmConceptExtractor withExamples = LlmConceptExtractor.builder().chatModel(new LargeModels.MissingApiKeyChatModel(
                LargeModelSettings.of("openai"), "openai/test-model", "x", List.of())).modelId("openai/test-model")
                .examples(List.of(new ExtractionExample(null, "Be kind.", List.of(new Concept("urges kindness", List.of("benevolence"))))))
                .build();

        assertThat(extractor.id()).isEqualTo("llm/openai/test-model");
        assertThat(extractor.version()).matches(Prompts.EXTRACTION_VERSION + "\\.[0-9a-f]{8}");
        assertThat(withExamples.version()).isNotEqualTo(extractor.version());
        assertThat(extractor(server, sleeper, "max-retries", "0").version()).isEqualTo(extractor.version());
    }

    @Test
    void asks_for_json_mode_when_configured_so() {
        server.enqueue(Reply.content(concepts("praises hard work", "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper, "response-format", "json");

        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        assertThat(server.requests().get(0).json().at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(extractor.structuredOutput()).isEqualTo(StructuredOutput.JSON);
    }

    @Test
    void returns_no_concepts_when_the_model_finds_none() {
        server.enqueue(Reply.content("{\"concepts\": []}"));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        assertThat(extractor.extract(new TextInput("The capital of Australia is Canberra."), SCHWARTZ)).isEmpty();
        assertThat(extractor.usage().requests()).isEqualTo(1);
        assertThat(extractor.usage().repairs()).isZero();
    }

    @Test
    void accepts_json_in_a_markdown_code_block_and_merges_duplicate_concepts() {
        server.enqueue(Reply.content("```json\n{\"concepts\": [{\"concept\": \"Praises  hard work\", \"values\": [\"Achievement\"]},"
                + " {\"concept\": \"praises hard work\", \"values\": [\"power\"]}]}\n```"));

        List<Concept> concepts = extractor(server, sleeper).extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("Praises hard work", List.of("achievement", "power")));
    }

    @Test
    void waits_as_long_as_retry_after_asks_after_a_429() {
        // GIVEN a rate limit with Retry-After: 7, then an answer
        server.enqueue(Reply.status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "7"),
                Reply.content(concepts("praises hard work", "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        // WHEN extracting
        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        // THEN the extractor waited exactly 7 s (through the sleeper) and then got the answer
        assertThat(concepts).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        LlmUsage usage = extractor.usage();
        assertThat(usage.requests()).isEqualTo(2);
        assertThat(usage.retries()).isEqualTo(1);
        assertThat(usage.rateLimited()).isEqualTo(1);
        assertThat(usage.retryWaitMillis()).isEqualTo(7000);
    }

    @Test
    void backs_off_exponentially_after_server_errors_without_retry_after() {
        server.enqueue(Reply.status(500, "{\"error\":{\"message\":\"boom\"}}"), Reply.status(502, "bad gateway"),
                Reply.content(concepts("praises hard work", "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        assertThat(extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ)).hasSize(1);

        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1200));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2400));
        assertThat(extractor.usage().serverErrors()).isEqualTo(2);
    }

    @Test
    void gives_up_with_a_transient_exception_naming_the_text_when_the_retries_are_spent() {
        server.otherwise(r -> Reply.status(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        LlmConceptExtractor extractor = extractor(server, sleeper, "max-retries", "2");

        ClaveTransientException error = catchThrowableOfType(ClaveTransientException.class,
                () -> extractor.extract(new TextInput("Hard work pays off.", null, "text-42"), SCHWARTZ));

        assertThat(error.getMessage()).contains("openai/test-model at " + server.baseUrl()).contains("text 'text-42' [sha256 ")
                .contains("HTTP 503").contains("3 attempts").contains("clave.extractor.retry-budget");
        assertThat(error.getCause()).isNotNull();
        assertThat(server.requests()).hasSize(3);
        assertThat(extractor.usage().failures()).isEqualTo(1);
    }

    @Test
    void does_not_wait_longer_than_the_retry_budget_allows() {
        server.enqueue(Reply.status(429, "{}", "Retry-After", "600"));
        LlmConceptExtractor extractor = extractor(server, sleeper, "retry-budget", "60s");

        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveTransientException.class)
                .hasMessageContaining("600.0 s that the server asked for would exceed the retry budget of 60.0 s");
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retries_a_request_that_got_no_answer_within_the_timeout() {
        // GIVEN a server that holds the first request until the client gives up, then answers
        server.enqueue(Reply.hold(), Reply.content(concepts("praises hard work", "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper, "timeout", "300ms");

        // WHEN extracting
        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        // THEN the timed-out request was retried and the answer used
        assertThat(concepts).hasSize(1);
        assertThat(extractor.usage().timeouts()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void reports_a_timeout_that_outlasts_the_retries_as_transient() {
        server.otherwise(r -> Reply.hold());
        LlmConceptExtractor extractor = extractor(server, sleeper, "timeout", "200ms", "max-retries", "0");

        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveTransientException.class)
                .hasMessageContaining("no complete answer within 0.2 s (the request timeout, clave.extractor.timeout)")
                .hasCauseInstanceOf(RuntimeException.class);
    }

    @Test
    void repairs_malformed_json_once_showing_the_model_its_answer() {
        server.enqueue(Reply.content("{concepts: [\"praises hard work\""), Reply.content(concepts("praises hard work", "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        List<Concept> concepts = extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        FakeChatServer.Recorded repair = server.requests().get(1);
        JsonNode messages = repair.messages();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("{concepts: [\"praises hard work\"");
        assertThat(repair.lastUserMessage()).contains("is not valid JSON");
        assertThat(extractor.usage().repairs()).isEqualTo(1);
    }

    @Test
    void repairs_an_answer_cut_off_at_the_token_limit() {
        server.enqueue(Reply.truncated("{\"concepts\": [{\"concept\": \"praises hard w"),
                Reply.content(concepts("praises hard work", "achievement")));

        List<Concept> concepts = extractor(server, sleeper).extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).hasSize(1);
        assertThat(server.requests().get(1).lastUserMessage()).contains("cut off").contains("Keep it short");
    }

    @Test
    void repairs_truncated_json_even_without_a_length_finish_reason() {
        server.enqueue(Reply.content("{\"concepts\": [{\"concept\": \"praises hard work\", \"values\": [\"achie"),
                Reply.content(concepts("praises hard work", "achievement")));

        extractor(server, sleeper).extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(server.requests().get(1).lastUserMessage()).contains("truncated JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"values\": {\"achievement\": \"supports\"}}",
            "{\"concepts\": \"praises hard work\"}",
            "{\"concepts\": [{\"text\": \"praises hard work\", \"values\": [\"achievement\"]}]}",
            "{\"concepts\": [{\"concept\": \"praises hard work\", \"values\": []}]}",
            "{\"concepts\": [{\"concept\": \"praises hard work\", \"values\": [\"ambition\"]}]}",
            "[{\"concept\": \"praises hard work\", \"values\": [\"achievement\"]}]"})
    void repairs_an_answer_of_the_wrong_shape(String wrong) {
        server.enqueue(Reply.content(wrong), Reply.content(concepts("praises hard work", "achievement")));

        List<Concept> concepts = extractor(server, sleeper).extract(new TextInput("Hard work pays off."), SCHWARTZ);

        assertThat(concepts).containsExactly(new Concept("praises hard work", List.of("achievement")));
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).lastUserMessage()).startsWith("Your answer could not be used");
    }

    @Test
    void names_the_valid_value_ids_when_the_model_invents_one() {
        server.enqueue(Reply.content(concepts("praises hard work", "ambition")), Reply.content(concepts("praises hard work", "ambition")));

        assertThatThrownBy(() -> extractor(server, sleeper).extract(new TextInput("Hard work pays off.", null, "t-7"), SCHWARTZ))
                .isInstanceOf(LlmAnswerException.class)
                .hasMessageContaining("unknown value 'ambition'")
                .hasMessageContaining("valid ids: achievement, benevolence");
        assertThat(server.requests().get(1).lastUserMessage()).contains("unknown value 'ambition'");
    }

    @Test
    void reports_an_answer_still_unusable_after_the_repair_naming_the_text_id_and_hash() {
        server.enqueue(Reply.content("not json at all"), Reply.content("{\"concepts\": [{\"concept\": \"praises"));
        LlmConceptExtractor extractor = extractor(server, sleeper);
        TextInput text = new TextInput("Hard work pays off.", null, "sample-9");

        LlmAnswerException error = catchThrowableOfType(LlmAnswerException.class, () -> extractor.extract(text, SCHWARTZ));

        assertThat(error.getMessage()).contains("text 'sample-9' [sha256 " + dev.clave.concept.CacheKey.contentHash(text).substring(0, 12) + "]")
                .contains("first answer is not valid JSON").contains("second is truncated JSON")
                .contains("began: \"{\"concepts\": [{\"concept\": \"praises\"");
        assertThat(server.requests()).hasSize(2);
        assertThat(extractor.usage().failures()).isEqualTo(1);
    }

    @Test
    void names_a_text_without_id_by_its_start_and_hash() {
        assertThat(LlmConceptExtractor.subject(new TextInput("  A   text\nwith spaces " + "x".repeat(100))))
                .startsWith("text \"A text with spaces xxx").contains("...\" [sha256 ");
    }

    @Test
    void runs_a_batch_with_at_most_the_configured_number_of_requests_in_flight() {
        // GIVEN a server that holds each request until four are in flight, and answers with the text's own number
        server.otherwise(r -> Reply.whenInFlight(4, Reply.content(concepts("concept of " + number(r), "achievement"))));
        LlmConceptExtractor extractor = extractor(server, sleeper, "concurrency", "4");
        List<TextInput> texts = IntStream.range(0, 24).mapToObj(i -> new TextInput("Text number " + i + ".")).toList();

        // WHEN the batch is extracted
        List<List<Concept>> concepts = extractor.extractAll(texts, SCHWARTZ);

        // THEN four requests ran at once, never more, and every text got its own answer, in order
        assertThat(server.maxInFlight()).isEqualTo(4);
        assertThat(server.requests()).hasSize(24);
        for (int i = 0; i < 24; i++) {
            assertThat(concepts.get(i)).containsExactly(new Concept("concept of " + i, List.of("achievement")));
        }
    }

    @Test
    void extracts_identical_texts_of_a_batch_once() {
        server.otherwise(r -> Reply.content(concepts("concept of " + number(r), "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper);
        TextInput one = new TextInput("Text number 1.", null, "a");
        TextInput same = new TextInput("Text number 1.", null, "b");

        List<List<Concept>> concepts = extractor.extractAll(List.of(one, new TextInput("Text number 2."), same), SCHWARTZ);

        assertThat(server.requests()).hasSize(2);
        assertThat(concepts.get(2)).isEqualTo(concepts.get(0));
    }

    @Test
    void stops_a_failing_batch_and_hands_over_what_was_extracted_before() {
        // GIVEN texts 0 and 1 succeed, text 2 is refused (HTTP 400), texts 3 and 4 would succeed
        server.otherwise(r -> number(r) == 2 ? Reply.status(400, "{\"error\":{\"message\":\"bad text\"}}")
                : Reply.content(concepts("concept of " + number(r), "achievement")));
        LlmConceptExtractor extractor = extractor(server, sleeper, "concurrency", "1");
        List<TextInput> texts = IntStream.range(0, 5).mapToObj(i -> new TextInput("Text number " + i + ".")).toList();
        List<String> handedOver = Collections.synchronizedList(new ArrayList<>());

        // WHEN the batch is extracted
        assertThatThrownBy(() -> extractor.extractAll(texts, SCHWARTZ, (text, concepts) -> handedOver.add(text.text())))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("bad text");

        // THEN the two texts before the failure were handed over, and nothing after it was requested
        assertThat(handedOver).containsExactly("Text number 0.", "Text number 1.");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void explains_a_rejected_key_without_retrying() {
        server.enqueue(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        LlmConceptExtractor extractor = extractor(server, sleeper);

        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("unauthorised (HTTP 401")
                .hasMessageContaining("CLAVE_API_KEY")
                .hasMessageNotContaining(KEY);
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void explains_an_unknown_model() {
        server.enqueue(Reply.status(404, "{\"error\":{\"message\":\"The model `test-model` does not exist\"}}"));

        assertThatThrownBy(() -> extractor(server, sleeper).extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("has no model or endpoint for openai/test-model (HTTP 404")
                .hasMessageContaining("--model-name");
    }

    @Test
    void reports_a_server_that_cannot_be_reached_as_transient() {
        String deadUrl = server.baseUrl();
        server.close();
        LlmConceptExtractor extractor = LlmConceptExtractor.configured(new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai",
                "test-model", deadUrl, Map.of("max-retries", "1")), TestSupport.keyEnv()).sleeper(sleeper).build();

        assertThatThrownBy(() -> extractor.extract(new TextInput("Hard work pays off."), SCHWARTZ))
                .isInstanceOf(ClaveTransientException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("is the server running");
        assertThat(extractor.usage().connectionFailures()).isEqualTo(2);
    }

    @Test
    void refuses_examples_that_name_values_the_value_system_lacks() {
        ValueSystem custom = new ValueSystem("support-bot", "Support bot", "1", "", List.of(new Value("honesty", "Honesty", "Tells the truth.")));
        LlmConceptExtractor extractor = extractor(server, sleeper);
        LlmConceptExtractor withSchwartzExamples = LlmConceptExtractor.builder().chatModel(extractorModel(extractor))
                .examples(List.of(new ExtractionExample(null, "Be kind.", List.of(new Concept("urges kindness", List.of("benevolence"))))))
                .build();

        assertThatThrownBy(() -> withSchwartzExamples.extract(new TextInput("I never lie."), custom))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("name values that value system 'support-bot@1' does not have (its values: honesty)");
    }

    @Test
    void uses_no_built_in_examples_for_a_value_system_of_ones_own() {
        ValueSystem custom = new ValueSystem("support-bot", "Support bot", "1", "", List.of(new Value("honesty", "Honesty",
                "Tells the truth.", List.of("admits a mistake"))));
        server.enqueue(Reply.content(concepts("admits not knowing", "honesty")));

        List<Concept> concepts = extractor(server, sleeper).extract(new TextInput("I don't know."), custom);

        assertThat(concepts).containsExactly(new Concept("admits not knowing", List.of("honesty")));
        assertThat(server.requests().get(0).systemMessage()).doesNotContain("Example 1")
                .contains("honesty (Honesty): Tells the truth. Example phrases: \"admits a mistake\".");
    }

    private static dev.langchain4j.model.chat.ChatModel extractorModel(LlmConceptExtractor extractor) {
        try {
            java.lang.reflect.Field field = LlmConceptExtractor.class.getDeclaredField("caller");
            field.setAccessible(true);
            return ((ModelCaller) field.get(extractor)).model();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number in "Text number N." of a request's user message. */
    static int number(FakeChatServer.Recorded request) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Text number (\\d+)\\.").matcher(request.lastUserMessage());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
