package dev.clave.setup;

import dev.clave.Progress;
import dev.clave.calibration.CalibratedModel;
import dev.clave.calibration.CalibrationFloor;
import dev.clave.calibration.CalibrationReport;
import dev.clave.calibration.Calibrator;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCaches;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.LabelledSample;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.llm.LargeModelSettings;
import dev.clave.recognizer.HeadConfig;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The one wiring of Clave's parts: settings, then the concept extractor behind the configured cache store, then the
 * calibrator, then the calibrated evaluator. The command line and the JUnit extension both fill one in from their
 * configuration, so a setting means the same everywhere.
 *
 * <pre>{@code
 * ClaveSetup setup = ClaveSetup.builder()
 *         .valueSystem(ValueSystems.builtIn("schwartz"))
 *         .extractor(LargeModelSettings.of("openai:gpt-4o-mini"))
 *         .cache(CacheSettings.directory(Path.of("clave-cache")))
 *         .build();
 * try (ClaveEvaluator clave = setup.calibrateInto(samples, "labels.jsonl", Path.of("target/clave/calibrations"))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Every evaluator made ready here is announced to the {@link ClaveListener}s ({@link CalibrationEvent}), and the
 * first time a calibration is made ready in this JVM one line through SLF4J (logger {@code dev.clave.setup.ClaveSetup})
 * names it with its cross-validated accuracy, macro-F1 and kappa next to the majority baseline's: at INFO, or at WARN
 * when it is no better than the baseline. Then the configured {@link CalibrationFloor} is checked: a calibration below
 * it fails with {@link dev.clave.calibration.WeakCalibrationException}, naming the weak values and how to fix them.
 * Thread-safe; the extractor (and its cache store) is created once, at first use.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ClaveSetup.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final @Nullable ValueSystem valueSystem;
    private final LargeModelSettings extractorSettings;
    private final CacheSettings cacheSettings;
    private final @Nullable Encoder encoder;
    private final HeadConfig head;
    private final long seed;
    private final int folds;
    private final Progress progress;
    private final Function<String, String> environment;
    private final CalibrationFloor floor;
    private volatile @Nullable CachingConceptExtractor extractor;

    private ClaveSetup(Builder builder) {
        this.valueSystem = builder.valueSystem;
        this.extractorSettings = builder.extractor;
        this.cacheSettings = builder.cache;
        this.encoder = builder.encoder;
        this.head = builder.head;
        this.seed = builder.seed;
        this.folds = builder.folds;
        this.progress = builder.progress;
        this.environment = builder.environment;
        this.floor = builder.floor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value system to calibrate for; empty when the setup only loads artifacts (which name their own). */
    public java.util.Optional<ValueSystem> valueSystem() {
        return java.util.Optional.ofNullable(valueSystem);
    }

    /** The extractor settings. */
    public LargeModelSettings extractorSettings() {
        return extractorSettings;
    }

    /** The cache settings. */
    public CacheSettings cacheSettings() {
        return cacheSettings;
    }

    /**
     * The configured extractor behind the configured cache store, created at the first call.
     *
     * @throws dev.clave.UnknownNameException for an unknown extractor or store, listing the valid ones
     */
    public CachingConceptExtractor extractor() {
        CachingConceptExtractor current = extractor;
        if (current == null) {
            synchronized (this) {
                current = extractor;
                if (current == null) {
                    current = ConceptCaches.cached(ConceptExtractors.create(extractorSettings, environment), cacheSettings,
                            environment);
                    extractor = current;
                }
            }
        }
        return current;
    }

    /** The calibrator of this setup; it needs the value system. */
    public Calibrator calibrator() {
        Calibrator.Builder builder = Calibrator.builder().valueSystem(notNull(valueSystem, "valueSystem")).extractor(extractor()).head(head)
                .seed(seed).folds(folds).progress(progress);
        if (encoder != null) {
            builder.encoder(encoder);
        }
        return builder.build();
    }

    /**
     * Calibrates into {@code artifactDirectory}, or loads the artifact already there when it is this calibration.
     *
     * @param source where the samples came from, for reports (e.g. the file's path)
     */
    public ClaveEvaluator calibrate(List<LabelledSample> samples, String source, Path artifactDirectory) {
        Calibrator calibrator = calibrator();
        boolean reused = calibrator.calibrationId(samples).equals(CalibratedModel.readCalibrationId(artifactDirectory));
        return ready(calibrator.calibrate(samples, artifactDirectory), source, reused);
    }

    /** Calibrates into {@code root/<calibration id>}, reusing that artifact when it exists. */
    public ClaveEvaluator calibrateInto(List<LabelledSample> samples, String source, Path root) {
        Calibrator calibrator = calibrator();
        String id = calibrator.calibrationId(samples);
        boolean reused = id.equals(CalibratedModel.readCalibrationId(root.resolve(id)));
        return ready(calibrator.calibrateInto(samples, root), source, reused);
    }

    /** Loads a calibrated evaluator from its artifact directory, with this setup's extractor. */
    public ClaveEvaluator load(Path artifactDirectory) {
        return ready(CalibratedModel.load(artifactDirectory), artifactDirectory.toString(), true);
    }

    /** The quality floor calibrations are checked against. */
    public CalibrationFloor floor() {
        return floor;
    }

    private ClaveEvaluator ready(CalibratedModel model, String source, boolean reused) {
        ClaveEvaluator evaluator;
        try {
            evaluator = ClaveEvaluator.of(model, extractor());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        announce(model.report(), source, reused);
        ClaveEvents.publish(ClaveListener::calibrationReady, new CalibrationEvent(model.report(), source, model.directory(),
                reused, extractor().id(), model.valueSystem()));
        try {
            floor.check(model.report(), source);
        } catch (RuntimeException e) {
            evaluator.close();
            throw e;
        }
        return evaluator;
    }

    /** Logs the calibration's quality the first time it is made ready in this JVM. */
    private static void announce(CalibrationReport report, String source, boolean reused) {
        if (!ANNOUNCED.add(report.calibrationId() + " " + source)) {
            return;
        }
        String line = "Clave " + report.line() + " from " + source + (reused ? " (loaded)" : String.format(java.util.Locale.ROOT,
                " (calibrated in %.1f s)", report.seconds()));
        if (report.folds() > 1 && !report.beatsBaseline()) {
            LOG.warn("{}: no better than the majority baseline, so its verdicts are little more than the label distribution;"
                    + " label more, and more varied, samples of each value", line);
        } else {
            LOG.info(line);
        }
    }

    @Override
    public String toString() {
        return "ClaveSetup[" + (valueSystem == null ? "value system of the artifact" : valueSystem.qualifiedId()) + ", extractor " + extractorSettings.id() + ", cache "
                + cacheSettings.store() + " (" + cacheSettings.mode().wire() + ")]";
    }

    /** Configures a {@link ClaveSetup}. */
    public static final class Builder {
        private ValueSystem valueSystem;
        private LargeModelSettings extractor = LargeModelSettings.offline();
        private CacheSettings cache = CacheSettings.directory(Path.of(CacheSettings.DEFAULT_DIRECTORY));
        private Encoder encoder;
        private HeadConfig head = HeadConfig.defaults();
        private long seed = 42;
        private int folds = 5;
        private Progress progress = Progress.NONE;
        private Function<String, String> environment = System::getenv;
        private CalibrationFloor floor = CalibrationFloor.NONE;

        private Builder() {
        }

        /** The least quality a calibration must have ({@link CalibrationFloor}). Default: none. */
        public Builder floor(CalibrationFloor floor) {
            this.floor = notNull(floor, "floor");
            return this;
        }

        /** The value system to calibrate for (required to calibrate; an artifact that is loaded names its own). */
        public Builder valueSystem(ValueSystem valueSystem) {
            this.valueSystem = notNull(valueSystem, "valueSystem");
            return this;
        }

        /** The concept extractor. Default: {@code offline}. */
        public Builder extractor(LargeModelSettings settings) {
            this.extractor = notNull(settings, "extractor settings");
            return this;
        }

        /** The concept cache store and mode. Default: the directory {@code clave-cache}, read-write. */
        public Builder cache(CacheSettings settings) {
            this.cache = notNull(settings, "cache settings");
            return this;
        }

        /** The sentence encoder, or null to choose it by the calibration data's language (the default). */
        public Builder encoder(@Nullable Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** The small model's head. Default {@link HeadConfig#defaults()}. */
        public Builder head(HeadConfig head) {
            this.head = notNull(head, "head");
            return this;
        }

        /** The small model's head and encoder, e.g. read by {@link SmallModelSettings#fromProperties}. */
        public Builder smallModel(SmallModelSettings settings) {
            notNull(settings, "small-model settings");
            this.head = settings.head();
            this.encoder = settings.encoder();
            return this;
        }

        /** The seed of training, folds and clustering. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Cross-validation folds; 0 or 1 skips cross-validation. Default 5. */
        public Builder folds(int folds) {
            if (folds < 0) {
                throw new IllegalArgumentException("folds must be at least 0, but is: " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Receives progress of calibration. Default: none. */
        public Builder progress(Progress progress) {
            this.progress = notNull(progress, "progress");
            return this;
        }

        /** Where API keys and other secrets are read. Default: the process environment. */
        public Builder environment(Function<String, String> environment) {
            this.environment = notNull(environment, "environment");
            return this;
        }

        public ClaveSetup build() {
            return new ClaveSetup(this);
        }
    }
}
