package dev.clave.junit;

import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.DriftEvent;
import dev.clave.event.ProfileEvent;
import dev.clave.event.ProfileMapEvent;
import dev.clave.model.ModelUnderTest;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileComparator;
import dev.clave.profile.Profiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The injected {@link Profiler}: configured by {@link ValueProfiles}, its profiles and maps reported with their test. */
class ProfilerExtensionTest {

    static final String BATTERY = "batteries/helpdesk.jsonl";

    static final class Recorder implements ClaveListener {
        final List<ProfileEvent> profiles = new CopyOnWriteArrayList<>();
        final List<ProfileMapEvent> maps = new CopyOnWriteArrayList<>();
        final List<DriftEvent> drifts = new CopyOnWriteArrayList<>();

        @Override
        public void profiled(ProfileEvent event) {
            profiles.add(event);
        }

        @Override
        public void profilesMapped(ProfileMapEvent event) {
            maps.add(event);
        }

        @Override
        public void driftChecked(DriftEvent event) {
            drifts.add(event);
        }
    }

    private final Recorder recorder = new Recorder();
    private ClaveEvents.Registration registration;

    @BeforeEach
    void listen() {
        registration = ClaveEvents.register(recorder);
    }

    @AfterEach
    void stop() {
        registration.close();
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, answers = Fixtures.ANSWERS)
    @ValueProfiles(battery = BATTERY)
    static class ProfilingTestCase {
        @Test
        void profiles_two_versions(Profiler profiler, @Model("helpdesk-bot-v1") ModelUnderTest v1,
                                   @Model("helpdesk-bot-v2") ModelUnderTest v2) {
            ModelProfile baseline = profiler.profile(v1, "en");
            ModelProfile candidate = profiler.profile(v2, "en");
            profiler.map(baseline, candidate);
            assertThat(candidate).hasAnswers(24).hasNotDriftedFrom(baseline)
                    .using(ProfileComparator.builder().permutations(99).build()).beyond(1.0);
        }
    }

    @Test
    void the_injected_profiler_reports_each_profile_and_map_with_its_test() {
        EngineExecutionResults results = Fixtures.run(ProfilingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(recorder.profiles).hasSize(2).allSatisfy(event -> {
            assertThat(event.test()).contains("[method:profiles_two_versions(");
            assertThat(event.profile().battery()).isEqualTo("helpdesk.jsonl");
            assertThat(event.profile().valueSystem()).isEqualTo("helpdesk@1");
            assertThat(event.profile().encoder()).isEqualTo("all-minilm-l6-v2-q");
        });
        assertThat(recorder.profiles).extracting(e -> e.profile().model()).containsExactly("helpdesk-bot-v1", "helpdesk-bot-v2");
        assertThat(recorder.maps).singleElement().satisfies(event -> {
            assertThat(event.map().profiles()).containsExactly("helpdesk-bot-v1 [en]", "helpdesk-bot-v2 [en]");
            assertThat(event.map().points()).hasSize(48);
            assertThat(event.test()).contains("[method:profiles_two_versions(");
        });
        assertThat(recorder.drifts).singleElement().satisfies(event -> {
            assertThat(event.expectation()).isEqualTo(DriftEvent.Expectation.NO_DRIFT);
            assertThat(event.held()).isTrue();
        });
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, answers = Fixtures.ANSWERS)
    @ValueProfiles(battery = BATTERY, calibrations = "en=" + Fixtures.CALIBRATION)
    static class PerLanguageCalibrationTestCase {
        @Test
        void profiles(Profiler profiler, @Model("helpdesk-bot-v1") ModelUnderTest v1) {
            assertThat(profiler.profile(v1, "en")).hasAnswers(24);
        }
    }

    @Test
    void a_language_can_have_its_own_calibration_without_a_class_calibration() {
        Fixtures.run(PerLanguageCalibrationTestCase.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, answers = Fixtures.ANSWERS)
    @ValueProfiles(battery = BATTERY, calibrations = "fr=" + Fixtures.CALIBRATION)
    static class WrongLanguageTestCase {
        @Test
        void profiles(Profiler profiler) {
        }
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, answers = Fixtures.ANSWERS)
    @ValueProfiles(battery = BATTERY, calibrations = Fixtures.CALIBRATION)
    static class NoLanguageTestCase {
        @Test
        void profiles(Profiler profiler) {
        }
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, answers = Fixtures.ANSWERS)
    static class NoCalibrationTestCase {
        @Test
        void profiles(Profiler profiler) {
        }
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION)
    @ValueProfiles(battery = "batteries/missing.jsonl")
    static class MissingBatteryTestCase {
        @Test
        void profiles(Profiler profiler) {
        }
    }

    @Test
    void a_misconfigured_profiler_says_what_to_fix() {
        assertThat(onlyFailure(WrongLanguageTestCase.class))
                .startsWith("Cannot resolve parameter [Profiler profiler] of method profiles(Profiler) in"
                        + " ProfilerExtensionTest$WrongLanguageTestCase: ")
                .contains("is for language 'fr', but the battery helpdesk.jsonl is written in en");
        assertThat(onlyFailure(NoLanguageTestCase.class))
                .contains("must name its language: language=calibration, e.g. \"zh=calibration/assistant-zh.jsonl\"")
                .contains("@ValueProfiles(calibrations) on ProfilerExtensionTest$NoLanguageTestCase");
        assertThat(onlyFailure(NoCalibrationTestCase.class))
                .contains("No calibration is configured for the Profiler of ProfilerExtensionTest$NoCalibrationTestCase")
                .contains("@ValueProfiles(calibrations = {");
        assertThat(onlyFailure(MissingBatteryTestCase.class))
                .contains("The battery 'batteries/missing.jsonl' was found neither on the test class path nor as a file")
                .contains("(set by @ValueProfiles(battery = \"batteries/missing.jsonl\") on ProfilerExtensionTest$MissingBatteryTestCase)");
    }

    private static String onlyFailure(Class<?> fixture) {
        return Fixtures.failureMessage(Fixtures.run(fixture).testEvents().failed().list().get(0));
    }
}
