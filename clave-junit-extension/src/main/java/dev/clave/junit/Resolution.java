package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.calibration.CalibrationFloor;
import dev.clave.concept.CacheSettings;
import dev.clave.data.JsonlReader;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.UsageEvent;
import dev.clave.internal.Resources;
import dev.clave.llm.LargeModelSettings;
import dev.clave.model.AnswerMode;
import dev.clave.model.ModelUnderTest;
import dev.clave.model.RecordedAnswers;
import dev.clave.profile.Battery;
import dev.clave.profile.Profiler;
import dev.clave.probe.Judge;
import dev.clave.setup.ClaveSetup;
import dev.clave.setup.SmallModelSettings;
import dev.clave.value.UnknownValueException;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a test's configuration into the objects Clave injects, through the one wiring of core ({@link ClaveSetup}).
 * Calibrated evaluators and models under test are kept in the root store, keyed by their immutable configuration, so
 * each is built once per run and shared by every test.
 */
final class Resolution {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClaveExtension.class);

    /** What identifies a calibrated evaluator: the store key. */
    record EvaluatorKey(String valueSystem, String calibration, LargeModelSettings extractor, CacheSettings cache,
                        Path calibrationDirectory, CalibrationFloor floor, SmallModelSettings smallModel) {
    }

    /**
     * The shared evaluator in the root store: the calibrated one, which the store closes at the end of the run, and the
     * view tests get, which reports every evaluation with the test that made it.
     */
    record SharedEvaluator(ClaveEvaluator calibrated, ClaveEvaluator observed) implements AutoCloseable {
        @Override
        public void close() {
            try {
                ClaveEvents.publish(ClaveListener::usageReported, UsageEvent.of(calibrated.extractor(), calibrated.valueSystem().qualifiedId()));
            } finally {
                calibrated.close();
            }
        }
    }

    /** What identifies a model under test: the store key. */
    record ModelKey(LargeModelSettings settings, @Nullable String answers, AnswerMode mode) {
    }

    private Resolution() {
    }

    /** The configured value system. */
    static ValueSystem valueSystem(ExtensionContext context) {
        Settings settings = Settings.of(context);
        return valueSystem(settings, requiredValueSystem(settings), loader(context));
    }

    /**
     * The calibrated evaluator of the configuration, calibrated (or loaded) at the first request of the run, as tests
     * get it: its evaluations reach the listeners with the test that made them.
     */
    static ClaveEvaluator evaluator(ExtensionContext context) {
        return shared(context).observed();
    }

    /** The shared evaluator of the configuration: the calibrated one and the view that reports. */
    static SharedEvaluator shared(ExtensionContext context) {
        Settings settings = Settings.of(context);
        Settings.Setting calibration = settings.get("calibration", ClaveTest::calibration, ClaveTest.CALIBRATION_PROPERTY_NAME)
                .orElseThrow(() -> new ClaveConfigurationException("No calibration is configured for " + settings.subject()
                        + ", so no ClaveEvaluator can be calibrated. Set @ClaveTest(calibration = \"calibration/<name>.jsonl\")"
                        + " (a labelled JSONL file under src/test/resources) or the configuration parameter "
                        + ClaveTest.CALIBRATION_PROPERTY_NAME + "."));
        return shared(context, calibration);
    }

    /** The shared evaluator calibrated from {@code calibration} with the rest of the class's configuration. */
    static SharedEvaluator shared(ExtensionContext context, Settings.Setting calibration) {
        Settings settings = Settings.of(context);
        Settings.Setting system = requiredValueSystem(settings);
        ClassLoader loader = loader(context);
        Resources.Located data = Resources.find(calibration.value(), loader)
                .orElseThrow(() -> new ClaveConfigurationException("The calibration '" + calibration.value() + "' (set by "
                        + calibration.origin() + ") was found " + Resources.searched(calibration.value()) + ". Put the labelled"
                        + " JSONL file at src/test/resources/" + calibration.value() + ", or correct the name."));
        Optional<Settings.Setting> extractorName = settings.get("extractor", ClaveTest::extractor, ClaveTest.EXTRACTOR_PROPERTY_NAME);
        LargeModelSettings extractor = LargeModelSettings.fromProperties(LargeModelSettings.EXTRACTOR,
                key -> LargeModelSettings.EXTRACTOR.equals(key) ? extractorName.map(Settings.Setting::value).orElse(null)
                        : settings.lookup(key));
        Optional<Settings.Setting> cacheDirectory = settings.get("cacheDirectory", ClaveTest::cacheDirectory,
                ClaveTest.CACHE_DIRECTORY_PROPERTY_NAME);
        Optional<Settings.Setting> cacheMode = settings.getEnum("cacheMode", ClaveTest::cacheMode,
                ClaveTest.CACHE_MODE_PROPERTY_NAME, m -> m.mode().wire());
        Optional<Settings.Setting> cacheStore = settings.fromParameterOrEnvironment(CacheSettings.STORE);
        Function<String, String> cacheLookup = key -> switch (key) {
            case CacheSettings.DIRECTORY -> cacheDirectory.map(Settings.Setting::value).orElse(null);
            case CacheSettings.MODE -> cacheMode.map(Settings.Setting::value).orElse(null);
            case CacheSettings.STORE -> cacheStore.map(Settings.Setting::value).orElse(null);
            default -> settings.lookup(key);
        };
        CacheSettings cache;
        try {
            cache = CacheSettings.fromProperties(cacheLookup, Resources.workingDirectory());
        } catch (UnknownNameException e) {
            Optional<Settings.Setting> culprit = e.unknown().equals(cacheMode.map(Settings.Setting::value).orElse(null))
                    ? cacheMode : cacheStore;
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + culprit.map(Settings.Setting::origin)
                    .orElse("the configuration") + ")", e);
        }
        Path calibrationDirectory = path(settings.fromParameterOrEnvironment(ClaveTest.CALIBRATION_DIRECTORY_PROPERTY_NAME)
                .map(Settings.Setting::value).orElse(ClaveTest.DEFAULT_CALIBRATION_DIRECTORY));
        CalibrationFloor floor;
        try {
            floor = CalibrationFloor.fromProperties(settings::lookup);
        } catch (ClaveConfigurationException e) {
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + settings.fromParameterOrEnvironment(
                    CalibrationFloor.MINIMUM_KAPPA).or(() -> settings.fromParameterOrEnvironment(CalibrationFloor.BEAT_BASELINE))
                    .map(Settings.Setting::origin).orElse("the configuration") + ")", e);
        }
        SmallModelSettings smallModel;
        try {
            smallModel = SmallModelSettings.fromProperties(settings::lookup);
        } catch (ClaveConfigurationException e) {
            // the key whose value is named in the message (an unknown name, or the key=value that does not fit)
            String origin = SmallModelSettings.keys().stream().map(settings::fromParameterOrEnvironment).flatMap(Optional::stream)
                    .filter(s -> e instanceof UnknownNameException unknown ? unknown.unknown().equals(s.value())
                            : e.getMessage().contains(s.value()))
                    .map(Settings.Setting::origin).findFirst().orElse("the configuration");
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + origin + ")", e);
        }
        EvaluatorKey key = new EvaluatorKey(system.value(), data.description(), extractor, cache, calibrationDirectory, floor,
                smallModel);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key,
                k -> share(calibrate(context, settings, system, extractorName, data, k)), SharedEvaluator.class);
    }

    private static SharedEvaluator share(ClaveEvaluator calibrated) {
        String extractor = calibrated.extractor().id();
        return new SharedEvaluator(calibrated, calibrated.observedBy(evaluations -> TestScope.evaluated(evaluations, extractor)));
    }

    private static ClaveEvaluator calibrate(ExtensionContext context, Settings settings, Settings.Setting system,
                                            Optional<Settings.Setting> extractorName, Resources.Located data, EvaluatorKey key) {
        ValueSystem valueSystem = valueSystem(settings, system, loader(context));
        List<LabelledSample> samples = new ArrayList<>();
        try (InputStream in = data.open(); JsonlReader<LabelledSample> reader = Samples.open(in, data.description(), valueSystem)) {
            reader.forEachRemaining(samples::add);
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read the calibration " + data.description() + ": " + e, e);
        }
        ClaveSetup setup = ClaveSetup.builder().valueSystem(valueSystem).extractor(key.extractor()).cache(key.cache())
                .floor(key.floor()).smallModel(key.smallModel()).build();
        try {
            setup.extractor();
        } catch (UnknownNameException e) {
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + extractorName.map(Settings.Setting::origin)
                    .orElse("the configuration") + ")", e);
        }
        long start = System.nanoTime();
        ClaveEvaluator evaluator = setup.calibrateInto(samples, data.description(), key.calibrationDirectory());
        double seconds = (System.nanoTime() - start) / 1e9;
        context.publishReportEntry(Map.of("clave.calibration", String.format(Locale.ROOT,
                "%s from %s (%d samples) in %s, ready in %.1f s", evaluator.calibrationId(), data.description(), samples.size(),
                evaluator.artifactDirectory(), seconds)));
        return evaluator;
    }

    /**
     * The model under test: {@code modelId} and {@code answers} when given (from {@link Model} or
     * {@link ClaveCaseSource}), else the class's configuration. Built once per run and configuration.
     *
     * @param element what asked for it, e.g. a parameter, for messages
     */
    static ModelUnderTest model(ExtensionContext context, @Nullable String modelId, @Nullable String answers, String element) {
        Settings settings = Settings.of(context);
        Settings.Setting id = modelId != null && !modelId.isBlank()
                ? new Settings.Setting(modelId.strip(), element)
                : settings.get("model", ClaveTest::model, ClaveTest.MODEL_PROPERTY_NAME)
                .orElseThrow(() -> new ClaveConfigurationException("No model under test is configured for " + settings.subject()
                        + ". Set @ClaveTest(model = \"<model id>\", answers = \"answers/<name>.jsonl\"), the configuration"
                        + " parameter " + ClaveTest.MODEL_PROPERTY_NAME + ", or @Model(\"<model id>\") on the parameter."));
        Optional<Settings.Setting> recording = answers != null && !answers.isBlank()
                ? Optional.of(new Settings.Setting(answers.strip(), element))
                : settings.get("answers", ClaveTest::answers, ClaveTest.ANSWERS_PROPERTY_NAME);
        AnswerMode mode = answerMode(settings);
        LargeModelSettings model = LargeModelSettings.fromProperties(LargeModelSettings.MODEL,
                key -> LargeModelSettings.MODEL.equals(key) ? id.value() : settings.lookup(key));
        ModelKey key = new ModelKey(model, recording.map(Settings.Setting::value).orElse(null), mode);
        ClassLoader loader = loader(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> build(k, loader), ModelUnderTest.class);
    }

    /**
     * The profiler of the configuration: the battery of {@link ValueProfiles}, an evaluator per language of its
     * calibrations, and the class's evaluator for the other languages. Its evaluators are the shared calibrated ones
     * (their evaluations are reported as profiles, not one by one); its profiles and maps reach the listeners with the
     * test that made them.
     */
    static Profiler profiler(ExtensionContext context) {
        Settings settings = Settings.of(context);
        ClassLoader loader = loader(context);
        List<ValueProfilesFound> found = valueProfiles(context);
        Optional<Settings.Setting> batterySetting = found.stream()
                .filter(f -> !f.annotation().battery().isBlank()).findFirst()
                .map(f -> new Settings.Setting(f.annotation().battery().strip(), "@ValueProfiles(battery = \""
                        + f.annotation().battery().strip() + "\") on " + Settings.className(f.on())))
                .or(() -> settings.fromParameterOrEnvironment(ValueProfiles.BATTERY_PROPERTY_NAME));
        Battery battery;
        try {
            battery = batterySetting.map(b -> Battery.find(b.value(), loader)).orElseGet(Battery::standard);
        } catch (ClaveConfigurationException e) {
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + batterySetting.get().origin() + ")", e);
        }
        List<Settings.Setting> calibrations = new ArrayList<>();
        Optional<ValueProfilesFound> withCalibrations = found.stream().filter(f -> f.annotation().calibrations().length > 0)
                .findFirst();
        if (withCalibrations.isPresent()) {
            ValueProfilesFound f = withCalibrations.get();
            for (String entry : f.annotation().calibrations()) {
                calibrations.add(new Settings.Setting(entry.strip(), "@ValueProfiles(calibrations) on " + Settings.className(f.on())));
            }
        } else {
            settings.fromParameterOrEnvironment(ValueProfiles.CALIBRATIONS_PROPERTY_NAME).ifPresent(list -> {
                for (String entry : list.value().split(",")) {
                    if (!entry.isBlank()) {
                        calibrations.add(new Settings.Setting(entry.strip(), list.origin()));
                    }
                }
            });
        }
        Profiler.Builder builder = Profiler.builder().battery(battery);
        for (Settings.Setting entry : calibrations) {
            int equals = entry.value().indexOf('=');
            if (equals <= 0 || equals == entry.value().length() - 1) {
                throw new ClaveConfigurationException("The calibration '" + entry.value() + "' (set by " + entry.origin()
                        + ") must name its language: language=calibration, e.g. \"zh=calibration/assistant-zh.jsonl\".");
            }
            String language = entry.value().substring(0, equals).strip();
            String calibration = entry.value().substring(equals + 1).strip();
            if (!battery.languages().contains(language)) {
                throw new ClaveConfigurationException("The calibration '" + entry.value() + "' (set by " + entry.origin()
                        + ") is for language '" + language + "', but the battery " + battery.name() + " is written in "
                        + String.join(", ", battery.languages()) + ".");
            }
            builder.evaluator(language, shared(context, new Settings.Setting(calibration, entry.origin())).calibrated());
        }
        boolean classCalibration = settings.get("calibration", ClaveTest::calibration, ClaveTest.CALIBRATION_PROPERTY_NAME)
                .isPresent();
        if (classCalibration) {
            builder.evaluator(shared(context).calibrated());
        } else if (calibrations.isEmpty()) {
            throw new ClaveConfigurationException("No calibration is configured for the Profiler of " + settings.subject()
                    + ", so no answer can be judged. Set @ValueProfiles(calibrations = {\"en=calibration/<name>-en.jsonl\","
                    + " \"zh=calibration/<name>-zh.jsonl\"}) for an evaluator per language, or @ClaveTest(calibration = ...)"
                    + " for one evaluator of every language.");
        }
        return builder.build().observedBy(TestScope.PROFILE_OBSERVER);
    }

    /** A {@link ValueProfiles} and the class it is on. */
    record ValueProfilesFound(ValueProfiles annotation, Class<?> on) {
    }

    /** The {@link ValueProfiles} annotations that apply in a context, nearest first. */
    private static List<ValueProfilesFound> valueProfiles(ExtensionContext context) {
        List<ValueProfilesFound> found = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getElement().isPresent() && c.getElement().get() instanceof Class<?> type) {
                AnnotationSupport.findAnnotation(type, ValueProfiles.class).ifPresent(a -> {
                    if (found.stream().noneMatch(f -> f.annotation() == a)) {
                        found.add(new ValueProfilesFound(a, type));
                    }
                });
            }
        }
        return found;
    }

    /** The configured answer mode of models under test and judges; replay when none is configured. */
    private static AnswerMode answerMode(Settings settings) {
        return settings.getEnum("answerMode", ClaveTest::answerMode, ClaveTest.ANSWER_MODE_PROPERTY_NAME, AnswerMode::wire)
                .map(s -> parse(s, AnswerMode::fromWire)).orElse(AnswerMode.REPLAY);
    }

    /**
     * The judge of probes ({@code judge}, {@code judgeAnswers}, the answer mode and the {@code clave.judge.*} options),
     * when one is configured. Built once per run and configuration.
     */
    static Optional<Judge> judge(ExtensionContext context) {
        Settings settings = Settings.of(context);
        Optional<Settings.Setting> id = settings.get("judge", ClaveTest::judge, ClaveTest.JUDGE_PROPERTY_NAME);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Settings.Setting> answers = settings.get("judgeAnswers", ClaveTest::judgeAnswers,
                ClaveTest.JUDGE_ANSWERS_PROPERTY_NAME);
        LargeModelSettings judge = LargeModelSettings.fromProperties(LargeModelSettings.JUDGE,
                key -> LargeModelSettings.JUDGE.equals(key) ? id.get().value() : settings.lookup(key));
        JudgeKey key = new JudgeKey(judge, answers.map(Settings.Setting::value).orElse(null), answerMode(settings));
        ClassLoader loader = loader(context);
        return Optional.of(context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
            Judge.Builder builder = Judge.builder().settings(k.settings()).mode(k.mode());
            if (k.answers() != null) {
                builder.answers(RecordedAnswers.find(k.answers(), loader));
            }
            try {
                return builder.build();
            } catch (ClaveConfigurationException e) {
                throw new ClaveConfigurationException(e.getMessage() + " (set by " + id.get().origin() + ")", e);
            }
        }, Judge.class));
    }

    /** What identifies a judge: the store key. */
    record JudgeKey(LargeModelSettings settings, @Nullable String answers, AnswerMode mode) {
    }

    /** The value system when one is configured, for checks that are optional without it. */
    static Optional<ValueSystem> optionalValueSystem(ExtensionContext context) {
        Settings settings = Settings.of(context);
        return settings.get("valueSystem", ClaveTest::valueSystem, ClaveTest.VALUE_SYSTEM_PROPERTY_NAME)
                .map(system -> valueSystem(settings, system, loader(context)));
    }

    private static ModelUnderTest build(ModelKey key, ClassLoader loader) {
        ModelUnderTest.Builder builder = ModelUnderTest.builder().id(key.settings().id()).mode(key.mode())
                .largeModel(key.settings());
        if (key.answers() != null) {
            builder.answers(RecordedAnswers.find(key.answers(), loader));
        }
        return builder.build().observedBy(TestScope::answered);
    }

    private static Settings.Setting requiredValueSystem(Settings settings) {
        return settings.get("valueSystem", ClaveTest::valueSystem, ClaveTest.VALUE_SYSTEM_PROPERTY_NAME)
                .orElseThrow(() -> new ClaveConfigurationException("No value system is configured for " + settings.subject()
                        + ". Set @ClaveTest(valueSystem = \"schwartz\") or the configuration parameter "
                        + ClaveTest.VALUE_SYSTEM_PROPERTY_NAME + " to a built-in id (" + String.join(", ", ValueSystems.BUILT_IN)
                        + ") or the path of a value-system JSON file."));
    }

    private static ValueSystem valueSystem(Settings settings, Settings.Setting system, ClassLoader loader) {
        if (ValueSystems.BUILT_IN.contains(system.value())) {
            return ValueSystems.builtIn(system.value());
        }
        Optional<Resources.Located> file = Resources.find(system.value(), loader);
        if (file.isEmpty()) {
            if (system.value().endsWith(".json") || system.value().contains("/")) {
                throw new ClaveConfigurationException("The value system file '" + system.value() + "' (set by " + system.origin()
                        + ") was found " + Resources.searched(system.value()) + ". Put the JSON file at"
                        + " src/test/resources/" + system.value() + " or correct the path, or use a built-in value system: "
                        + String.join(", ", ValueSystems.BUILT_IN) + ".");
            }
            throw new UnknownValueException("value system", system.value(), ValueSystems.BUILT_IN,
                    ", or the path of a value-system JSON file (set by " + system.origin() + "; there is no such file on the"
                            + " test class path or at " + Resources.fileFor(system.value()) + ")");
        }
        try (InputStream in = file.get().open()) {
            return ValueSystems.parse(in, file.get().description());
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read the value system " + file.get().description() + ": " + e, e);
        }
    }

    private static <T> T parse(Settings.Setting setting, Function<String, T> parser) {
        try {
            return parser.apply(setting.value());
        } catch (UnknownNameException e) {
            throw new ClaveConfigurationException(e.getMessage() + " (set by " + setting.origin() + ")", e);
        }
    }

    private static Path path(String value) {
        Path path = Path.of(value);
        return (path.isAbsolute() ? path : Resources.workingDirectory().resolve(path)).normalize();
    }

    static ClassLoader loader(ExtensionContext context) {
        return context.getTestClass().map(Class::getClassLoader)
                .orElseGet(() -> Thread.currentThread().getContextClassLoader());
    }
}
