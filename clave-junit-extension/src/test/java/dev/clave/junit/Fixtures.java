package dev.clave.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes ({@code ...TestCase}, static nested, never discovered on their own) through the Jupiter engine. */
final class Fixtures {

    /** The configuration every fixture of these tests shares: one value system, one calibration, one recording. */
    static final String VALUE_SYSTEM = "clave/helpdesk-values.json";
    static final String CALIBRATION = "calibration/helpdesk.jsonl";
    static final String ANSWERS = "answers/helpdesk.jsonl";
    static final String CASES = "cases/helpdesk.jsonl";

    private Fixtures() {
    }

    static EngineExecutionResults run(Class<?>... fixtures) {
        return run(Map.of(), fixtures);
    }

    /** Fixtures keep the concept cache under target/ (a team using a large-model extractor commits it instead). */
    static final Map<String, String> DEFAULTS = Map.of(ClaveTest.CACHE_DIRECTORY_PROPERTY_NAME, "target/clave/concept-cache");

    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(DEFAULTS)
                .configurationParameters(parameters)
                .selectors(Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /** The message of the throwable a finished event failed with. */
    static String failureMessage(Event event) {
        return throwable(event).getMessage();
    }

    static Throwable throwable(Event event) {
        Optional<TestExecutionResult> result = event.getPayload(TestExecutionResult.class);
        return result.flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("event has no throwable: " + event));
    }

    /** The failure messages of the failed tests, by display name. */
    static Map<String, String> failures(Events tests) {
        return tests.failed().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(), Fixtures::failureMessage, (a, b) -> a, java.util.TreeMap::new));
    }

    /** The values published under {@code key} in report entries. */
    static List<String> reportEntries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow())
                .map(entry -> entry.getKeyValuePairs().get(key))
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
