package dev.clave.llm;


import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Shared set-up of the large-model tests. */
final class TestSupport {

    /** A key only these tests use; it must never appear anywhere but in the Authorization header. */
    static final String KEY = "sk-test-0123456789-SECRET-abcdef";
    static final ValueSystem SCHWARTZ = ValueSystems.builtIn("schwartz");

    private TestSupport() {
    }

    /** Records the waits asked for instead of sleeping. */
    static final class RecordingSleeper implements ModelCaller.Sleeper {
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static Function<String, String> env(String... pairs) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }

    static Function<String, String> keyEnv() {
        return env("CLAVE_API_KEY", KEY);
    }

    /** OpenAI-compatible settings for the fake server, model "test-model". */
    static LargeModelSettings openAi(FakeChatServer server, String... options) {
        LargeModelSettings settings = new LargeModelSettings(LargeModelSettings.EXTRACTOR, "openai", "test-model", server.baseUrl(), Map.of());
        for (int i = 0; i + 1 < options.length; i += 2) {
            settings = settings.withOption(options[i], options[i + 1]);
        }
        return settings;
    }

    /** An extractor on the fake server that records waits instead of sleeping. */
    static LlmConceptExtractor extractor(FakeChatServer server, RecordingSleeper sleeper, String... options) {
        return LlmConceptExtractor.configured(openAi(server, options), keyEnv()).sleeper(sleeper).build();
    }

    static String concepts(String concept, String... values) {
        return "{\"concepts\": [{\"concept\": \"" + concept + "\", \"values\": [\"" + String.join("\", \"", values) + "\"]}]}";
    }
}
