package dev.clave.junit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clave.evaluation.Evaluation;
import dev.clave.event.AssertionEvent;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.RegressionEvent;
import dev.clave.value.ValueSystems;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import org.jspecify.annotations.Nullable;

import io.qameta.allure.util.PropertiesUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What {@link AllureReporter} does when Allure is there. Events made inside a running Allure test are noted by that
 * test's Allure id and applied when the test stops ({@link AllureTestListener#beforeTestStop}); gates and regression
 * checks become entries of their own at once, except a blocking value gate, which becomes the entry Allure makes for
 * the class it failed (or, if Allure makes none, one of its own at the end of the run). Only loaded when Allure is on
 * the class path. Thread-safe.
 */
final class AllureWriter {

    static final String SUMMARY_FEATURE = "1. Summary";
    static final String GATES_FEATURE = "2. Gates";
    static final String AGAINST_FEATURE = "2. Gates · answers against ";
    static final String RULE_LABEL = "clave.rule";
    static final String UNASSERTED_FEATURE = "3. Answers without a value assertion";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a running test told the listeners. */
    private static final class Notes {
        final List<EvaluationEvent> evaluations = new ArrayList<>();
        final Set<String> values = new LinkedHashSet<>();
        final List<RunRecord.RegressionRow> regressions = new ArrayList<>();
    }

    /** A blocking gate waiting for the entry Allure makes for the failed class. */
    private record Blocked(RunRecord.GateRow row, Map<String, String> groups) {
    }

    private static final Map<String, Notes> NOTES = new ConcurrentHashMap<>();
    private static final Map<Evaluation, Set<String>> TESTS_OF = new ConcurrentHashMap<>();
    private static final Set<String> CLAVE_TESTS = ConcurrentHashMap.newKeySet();
    private static final Map<String, TestResult> WRITTEN = new ConcurrentHashMap<>();
    private static final Map<String, Blocked> BLOCKED = new ConcurrentHashMap<>();
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private AllureWriter() {
    }

    private static AllureLifecycle lifecycle() {
        return Allure.getLifecycle();
    }

    private static Optional<String> currentTest() {
        return lifecycle().getCurrentTestCase();
    }

    private static Notes notes(String uuid) {
        CLAVE_TESTS.add(uuid);
        return NOTES.computeIfAbsent(uuid, u -> new Notes());
    }

    /** The epic of a value system: its name and version, e.g. {@code Schwartz basic values (schwartz@1)}. */
    static String title(String valueSystem) {
        String name = NAMES.get(valueSystem);
        if (name == null) {
            String id = valueSystem.contains("@") ? valueSystem.substring(0, valueSystem.indexOf('@')) : valueSystem;
            if (ValueSystems.BUILT_IN.contains(id)) {
                name = ValueSystems.builtIn(id).name();
            }
        }
        return name == null || name.equals(valueSystem) ? valueSystem : name + " (" + valueSystem + ")";
    }

    static void calibrationReady(CalibrationEvent event) {
        NAMES.put(event.valueSystem().qualifiedId(), event.valueSystem().name());
    }

    static void evaluated(EvaluationEvent event) {
        currentTest().ifPresent(uuid -> {
            Notes notes = notes(uuid);
            synchronized (notes) {
                notes.evaluations.add(event);
            }
            TESTS_OF.computeIfAbsent(event.evaluation(), e -> ConcurrentHashMap.newKeySet()).add(uuid);
        });
    }

    static void assertionChecked(AssertionEvent event) {
        currentTest().ifPresent(uuid -> {
            Notes notes = notes(uuid);
            synchronized (notes) {
                notes.values.addAll(event.values());
            }
        });
    }

    static void regressionChecked(RegressionEvent event) {
        Optional<String> test = currentTest();
        List<String> models = new ArrayList<>();
        test.map(NOTES::get).ifPresent(notes -> {
            synchronized (notes) {
                notes.evaluations.forEach(e -> e.modelUnderTest().ifPresent(models::add));
            }
        });
        RunRecord.RegressionRow row = RunRecord.regressionRow(event, models.stream().distinct().sorted().toList());
        test.ifPresent(uuid -> {
            Notes notes = notes(uuid);
            synchronized (notes) {
                notes.regressions.add(row);
            }
        });
        TestResult result = new TestResult().setUuid(UUID.randomUUID().toString());
        fillRegression(result, row);
        writeEntry(result);
    }

    static void gateChecked(GateEvent event) {
        RunRecord.GateRow row = RunRecord.gateRow(event, e -> null);
        Map<String, String> groups = markAnswersAgainst(event, row);
        if (row.outcome().equals("BLOCKED") && event.test() != null) {
            BLOCKED.put(event.test(), new Blocked(row, groups));
            return;
        }
        TestResult result = new TestResult().setUuid(UUID.randomUUID().toString());
        fillGate(result, row, groups);
        writeEntry(result);
    }

    /**
     * Labels each answer that counted against a rule of the gate with the rule (a tag, a {@value #RULE_LABEL} label, and
     * a feature that gathers them under the value system in Behaviors), rewriting its already written result.
     *
     * @return per rule ({@code value|rule}) the Behaviors group its answers are gathered in
     */
    private static Map<String, String> markAnswersAgainst(GateEvent event, RunRecord.GateRow row) {
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, Set<String>> rulesOfTest = new TreeMap<>();
        for (var result : event.report().results()) {
            var rule = result.rule();
            String ruleText = String.format(Locale.ROOT, "%s rate %s %.3f", rule.label().wire(), rule.limit().symbol(), rule.threshold());
            for (Evaluation evaluation : event.evaluations()) {
                if (RunRecord.countsAgainst(rule, evaluation)) {
                    for (String uuid : TESTS_OF.getOrDefault(evaluation, Set.of())) {
                        rulesOfTest.computeIfAbsent(uuid, u -> new TreeSet<>()).add(rule.describe());
                        groups.put(rule.value() + "|" + ruleText, title(row.valueSystem()) + " › " + AGAINST_FEATURE + rule.describe());
                    }
                }
            }
        }
        rulesOfTest.forEach((uuid, rules) -> {
            TestResult written = WRITTEN.get(uuid);
            if (written == null) {
                return;
            }
            synchronized (written) {
                for (String rule : rules) {
                    written.getLabels().add(ResultsUtils.createTagLabel("against: " + rule));
                    written.getLabels().add(ResultsUtils.createLabel(RULE_LABEL, rule + " (" + row.subject() + ")"));
                    written.getLabels().add(ResultsUtils.createFeatureLabel(AGAINST_FEATURE + rule));
                }
                lifecycle().scheduleTestCase(written);
                written.setStage(Stage.FINISHED);
                lifecycle().writeTestCase(uuid);
            }
        });
        return groups;
    }

    /** Applies what a test told the listeners to its result, just before Allure stops it. */
    static void beforeTestStop(TestResult result) {
        Notes notes = NOTES.remove(result.getUuid());
        if (notes != null) {
            synchronized (notes) {
                apply(result, notes);
            }
            return;
        }
        String test = result.getLabels().stream().filter(l -> "junit.platform.uniqueid".equals(l.getName()))
                .map(Label::getValue).findFirst().orElse(null);
        Blocked blocked = test == null ? null : BLOCKED.remove(test);
        if (blocked != null) {
            fillGate(result, blocked.row(), blocked.groups());
        }
    }

    /** Keeps the written results of Clave tests, so that a gate can label the answers that counted against it. */
    static void afterTestWrite(TestResult result) {
        if (CLAVE_TESTS.contains(result.getUuid())) {
            WRITTEN.put(result.getUuid(), result);
        }
    }

    private static void apply(TestResult result, Notes notes) {
        List<EvaluationEvent> evaluations = notes.evaluations;
        List<Label> labels = result.getLabels();
        Set<String> systems = new LinkedHashSet<>();
        evaluations.forEach(e -> systems.add(e.evaluation().valueSystem()));
        notes.regressions.forEach(r -> systems.add(r.valueSystem()));
        systems.forEach(s -> labels.add(ResultsUtils.createEpicLabel(title(s))));
        Set<String> features = new LinkedHashSet<>(notes.values);
        notes.regressions.forEach(r -> r.values().stream().filter(v -> !v.change().equals("UNCHANGED"))
                .forEach(v -> features.add(v.value())));
        if (features.isEmpty() && !evaluations.isEmpty()) {
            features.add(UNASSERTED_FEATURE);
        }
        features.forEach(v -> labels.add(ResultsUtils.createFeatureLabel(v)));
        Set<String> tags = new TreeSet<>();
        evaluations.forEach(e -> tags.addAll(e.tags()));
        tags.forEach(t -> labels.add(ResultsUtils.createTagLabel(t)));
        Set<String> cases = evaluations.stream().map(e -> e.caseIdentifier().orElse(null)).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean caseTest = result.getLabels().stream().anyMatch(l -> "junit.platform.uniqueid".equals(l.getName())
                && l.getValue().contains("[test-template-invocation:"));
        if (evaluations.size() == 1) {
            EvaluationEvent only = evaluations.get(0);
            String story = only.caseIdentifier().orElse(only.evaluation().scenario());
            if (story != null) {
                labels.add(ResultsUtils.createStoryLabel(story.length() <= 90 ? story : story.substring(0, 87) + "..."));
            }
        }
        if (caseTest && cases.size() == 1) {
            result.setName(cases.iterator().next());
        }
        parameter(result, "model under test", evaluations.stream().map(e -> e.modelUnderTest().orElse(null)));
        parameter(result, "calibration", evaluations.stream().map(e -> e.evaluation().calibrationId()));
        parameter(result, "extractor", evaluations.stream().map(EvaluationEvent::extractor));
        List<Attachment> attachments = result.getAttachments();
        if (evaluations.size() == 1) {
            Evaluation e = evaluations.get(0).evaluation();
            if (e.scenario() != null) {
                attachments.add(attach("Prompt", "text/plain", ".txt", e.scenario()));
            }
            attachments.add(attach("Answer", "text/plain", ".txt", e.text()));
            attachments.add(attach("Verdicts", "text/html", ".html", Html.page("Verdicts", Html.verdicts(evaluations.get(0)))));
            attachments.add(attach("Verdicts (JSON)", "application/json", ".json", json(evaluations.get(0))));
        } else if (!evaluations.isEmpty()) {
            StringBuilder body = new StringBuilder(Html.overview(evaluations));
            evaluations.forEach(e -> body.append(Html.verdicts(e)));
            attachments.add(attach("Verdicts of " + evaluations.size() + " answers", "text/html", ".html",
                    Html.page("Verdicts", body.toString())));
            attachments.add(attach("Verdicts (JSON)", "application/json", ".json",
                    json(evaluations.stream().map(AllureWriter::jsonOf).toList())));
        }
        for (RunRecord.RegressionRow row : notes.regressions) {
            labels.add(ResultsUtils.createTagLabel("regression gate: " + row.outcome()));
            attachments.add(attach("Regression gate: " + row.outcome(), "text/html", ".html",
                    Html.page("Regression gate", Html.regression(row))));
            attachments.add(attach("Regression chart", "image/png", ".png", Charts.comparison(row)));
        }
    }

    private static void parameter(TestResult result, String name, java.util.stream.Stream<String> values) {
        String joined = values.filter(java.util.Objects::nonNull).distinct().sorted().collect(Collectors.joining(", "));
        if (!joined.isEmpty()) {
            result.getParameters().add(new Parameter().setName(name).setValue(joined));
        }
    }

    /** Makes a result the entry of a value gate: name, status, labels, the table as description and attachments. */
    private static void fillGate(TestResult result, RunRecord.GateRow row, Map<String, String> groups) {
        String word = switch (row.outcome()) {
            case "BLOCKED" -> "BLOCKED";
            case "WARNED" -> "WARNING";
            default -> "passed";
        };
        String table = Html.gate(row, groups);
        result.setName(row.subject() + ": " + word)
                .setFullName("clave.gate." + row.subject())
                .setHistoryId(md5("clave-gate|" + row.subject()))
                .setTestCaseId(md5("clave-gate|" + row.subject()))
                .setStatus(switch (row.outcome()) {
                    case "BLOCKED" -> Status.FAILED;
                    case "WARNED" -> Status.BROKEN;
                    default -> Status.PASSED;
                })
                .setStatusDetails(new StatusDetails().setMessage(row.summary()))
                .setDescriptionHtml(Html.STYLE + table);
        List<Label> labels = new ArrayList<>(List.of(ResultsUtils.createEpicLabel(title(row.valueSystem())),
                ResultsUtils.createFeatureLabel(GATES_FEATURE), ResultsUtils.createSuiteLabel("Clave gates"),
                ResultsUtils.createTagLabel("value gate"), ResultsUtils.createLabel("clave.gate", row.outcome())));
        result.getLabels().stream().filter(l -> "junit.platform.uniqueid".equals(l.getName())).forEach(labels::add);
        result.setLabels(labels);
        result.setParameters(new ArrayList<>());
        result.getAttachments().add(attach("Gate table", "text/html", ".html", Html.page(row.subject(), table)));
        result.getAttachments().add(attach("Gate (JSON)", "application/json", ".json", json(row)));
    }

    /** Makes a result the entry of a regression check. */
    private static void fillRegression(TestResult result, RunRecord.RegressionRow row) {
        String table = Html.regression(row);
        result.setName("Regression gate in " + row.name() + ": " + row.outcome())
                .setFullName("clave.regression." + row.name())
                .setHistoryId(md5("clave-regression|" + row.name() + "|" + row.valueSystem()))
                .setTestCaseId(md5("clave-regression|" + row.name() + "|" + row.valueSystem()))
                .setStatus(row.held() ? Status.PASSED : Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage(row.outcome() + ": " + row.summary()))
                .setDescriptionHtml(Html.STYLE + table);
        result.setLabels(new ArrayList<>(List.of(ResultsUtils.createEpicLabel(title(row.valueSystem())),
                ResultsUtils.createFeatureLabel(GATES_FEATURE), ResultsUtils.createSuiteLabel("Clave gates"),
                ResultsUtils.createTagLabel("regression gate"), ResultsUtils.createTagLabel(row.outcome()))));
        result.getAttachments().add(attach("Regression table", "text/html", ".html", Html.page(row.name(), table)));
        result.getAttachments().add(attach("Regression chart", "image/png", ".png", Charts.comparison(row)));
        result.getAttachments().add(attach("Regression (JSON)", "application/json", ".json", json(row)));
    }

    private static void writeEntry(TestResult result) {
        long now = System.currentTimeMillis();
        result.setStart(now).setStop(now);
        lifecycle().scheduleTestCase(result);
        result.setStage(Stage.FINISHED);
        lifecycle().writeTestCase(result.getUuid());
    }

    /** At the end of the run: blocked gates Allure made no entry for, a summary per value system, and the run files. */
    static void runFinished(SummaryFiles.Written written, String run, @Nullable Path history) {
        if (history != null) {
            carryHistory(history);
        }
        for (String test : new ArrayList<>(BLOCKED.keySet())) {
            Blocked blocked = BLOCKED.remove(test);
            if (blocked != null) {
                TestResult result = new TestResult().setUuid(UUID.randomUUID().toString());
                fillGate(result, blocked.row(), blocked.groups());
                writeEntry(result);
            }
        }
        Summary summary = written.summary();
        for (Summary.ValueSystemSection section : summary.valueSystems()) {
            String key = "clave-summary|" + run + "|" + section.id();
            TestResult result = new TestResult().setUuid(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
            StringBuilder html = new StringBuilder(Html.section(section));
            summary.valueGates().stream().filter(g -> g.valueSystem().equals(section.id()))
                    .forEach(g -> html.append("<h3>").append(Html.escape(g.subject())).append("</h3>").append(Html.gate(g, Map.of())));
            List<RunRecord.RegressionRow> regressions = summary.regressionGates().stream()
                    .filter(r -> r.valueSystem().equals(section.id())).toList();
            regressions.forEach(r -> html.append("<h3>").append(Html.escape(r.name())).append("</h3>").append(Html.regression(r)));
            result.setName("Summary of " + section.title())
                    .setFullName("clave.summary." + section.id())
                    .setHistoryId(md5("clave-summary|" + section.id()))
                    .setTestCaseId(md5("clave-summary|" + section.id()))
                    .setStatus(switch (section.status()) {
                        case "failed" -> Status.FAILED;
                        case "warned" -> Status.BROKEN;
                        default -> Status.PASSED;
                    })
                    .setStatusDetails(new StatusDetails().setMessage("value system " + section.status() + ": "
                            + section.evaluations() + " answers of "
                            + section.models().size() + " models evaluated" + (section.gates().isEmpty() ? ""
                            : "; gates: " + String.join("; ", section.gates()))))
                    .setDescriptionHtml(Html.STYLE + html);
            result.setLabels(new ArrayList<>(List.of(ResultsUtils.createEpicLabel(title(section.id())),
                    ResultsUtils.createFeatureLabel(SUMMARY_FEATURE), ResultsUtils.createSuiteLabel("Clave summary"),
                    ResultsUtils.createTagLabel("summary"))));
            List<Attachment> attachments = result.getAttachments();
            attachments.add(attach(key + "|html", "Summary", "text/html", ".html",
                    Html.page(section.title(), html.toString()).getBytes(StandardCharsets.UTF_8)));
            if (!section.models().isEmpty()) {
                attachments.add(attach(key + "|chart", "Rates per value (chart)", "image/png", ".png", Charts.rates(section)));
            }
            int n = 0;
            for (RunRecord.RegressionRow r : regressions) {
                attachments.add(attach(key + "|regression" + (++n), "Regression chart: " + r.name(), "image/png", ".png",
                        Charts.comparison(r)));
            }
            attachments.add(attach(key + "|json", "Summary (JSON)", "application/json", ".json",
                    json(section).getBytes(StandardCharsets.UTF_8)));
            writeEntry(result);
        }
        writeFile("environment.properties", environment(summary));
        writeFile("categories.json", CATEGORIES);
        writeFile("executor.json", executor());
    }

    /** {@code environment.properties}: value systems, models, calibrations, extractors, cache and large-model use. */
    static String environment(Summary summary) {
        Map<String, String> env = new TreeMap<>();
        env.put("clave.value-systems", summary.valueSystems().stream().map(Summary.ValueSystemSection::title)
                .collect(Collectors.joining(", ")));
        env.put("clave.models", summary.valueSystems().stream().flatMap(s -> s.models().stream()).map(Summary.ModelSection::model)
                .distinct().sorted(Names.NATURAL).collect(Collectors.joining(", ")));
        env.put("clave.calibrations", summary.valueSystems().stream().flatMap(s -> s.calibrations().stream())
                .map(c -> c.id() + " (" + c.valueSystem() + ", " + c.source() + ")").collect(Collectors.joining(", ")));
        env.put("clave.extractors", summary.valueSystems().stream().flatMap(s -> s.calibrations().stream())
                .map(RunRecord.CalibrationRow::extractor).distinct().sorted().collect(Collectors.joining(", ")));
        long hits = summary.usage().stream().mapToLong(RunRecord.UsageRow::cacheHits).sum();
        long misses = summary.usage().stream().mapToLong(RunRecord.UsageRow::cacheMisses).sum();
        env.put("clave.concept-cache.hit-rate", hits + misses == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d of %d lookups)",
                (double) hits / (hits + misses), hits, hits + misses));
        env.put("clave.large-model.requests", String.valueOf(summary.usage().stream().mapToLong(RunRecord.UsageRow::largeModelRequests).sum()));
        env.put("clave.large-model.tokens", String.format(Locale.ROOT, "%d in, %d out",
                summary.usage().stream().mapToLong(RunRecord.UsageRow::inputTokens).sum(),
                summary.usage().stream().mapToLong(RunRecord.UsageRow::outputTokens).sum()));
        env.put("java.version", System.getProperty("java.version", "-"));
        StringBuilder out = new StringBuilder();
        env.forEach((k, v) -> out.append(k).append(" = ").append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        return out.toString();
    }

    /** Allure's categories: value violations, gate warnings, evaluator errors and infrastructure errors. */
    static final String CATEGORIES = """
            [
              {"name": "Value violations", "matchedStatuses": ["failed"],
               "messageRegex": "(?s).*(Expecting actual|value gate BLOCKED|regression gate|DID NOT FIRE|Expecting value profile|value system failed).*"},
              {"name": "Value gate warnings", "matchedStatuses": ["broken"], "messageRegex": "(?s)(value gate WARNED|value system warned).*"},
              {"name": "Infrastructure errors", "matchedStatuses": ["broken"],
               "traceRegex": "(?s).*(ClaveTransientException|java\\\\.net\\\\.|java\\\\.io\\\\.|TimeoutException|OutOfMemoryError).*"},
              {"name": "Evaluator errors", "matchedStatuses": ["broken"],
               "traceRegex": "(?s)(?!.*(ClaveTransientException|java\\\\.net\\\\.|java\\\\.io\\\\.|TimeoutException|OutOfMemoryError)).*dev\\\\.clave\\\\.[A-Za-z.]*Exception.*"}
            ]
            """;

    /** {@code executor.json}: the CI build (GitHub Actions, GitLab, Jenkins) or the local machine. */
    static String executor() {
        Map<String, String> env = System.getenv();
        Map<String, Object> executor = new LinkedHashMap<>();
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String url = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.getOrDefault("GITHUB_REPOSITORY", "")
                    + "/actions/runs/" + env.getOrDefault("GITHUB_RUN_ID", "");
            executor.put("name", "GitHub Actions");
            executor.put("type", "github");
            executor.put("buildName", env.getOrDefault("GITHUB_WORKFLOW", "build") + " #" + env.getOrDefault("GITHUB_RUN_NUMBER", "?"));
            executor.put("buildUrl", url);
            executor.put("buildOrder", parseLong(env.get("GITHUB_RUN_NUMBER")));
        } else if (env.containsKey("GITLAB_CI")) {
            executor.put("name", "GitLab CI");
            executor.put("type", "gitlab");
            executor.put("buildName", env.getOrDefault("CI_PIPELINE_ID", ""));
            executor.put("buildUrl", env.getOrDefault("CI_PIPELINE_URL", ""));
            executor.put("buildOrder", parseLong(env.get("CI_PIPELINE_IID")));
        } else if (env.containsKey("JENKINS_URL")) {
            executor.put("name", "Jenkins");
            executor.put("type", "jenkins");
            executor.put("buildName", env.getOrDefault("BUILD_TAG", ""));
            executor.put("buildUrl", env.getOrDefault("BUILD_URL", ""));
            executor.put("buildOrder", parseLong(env.get("BUILD_NUMBER")));
        } else {
            executor.put("name", "Local build");
            executor.put("type", "local");
        }
        executor.put("reportName", "Clave value report");
        return json(executor);
    }

    private static @Nullable Long parseLong(@Nullable String text) {
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void writeFile(String name, String content) {
        writeFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file of the results directory, replacing an earlier one (Allure's writer never replaces). */
    private static void writeFile(String name, byte[] content) {
        try {
            Path file = resultsDirectory().resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + name + " into the Allure results: " + e.getMessage(), e);
        }
    }

    /** Where Allure writes its results: {@code allure.results.directory} of the system properties or allure.properties. */
    static Path resultsDirectory() {
        return Path.of(PropertiesUtils.loadAllureProperties().getProperty("allure.results.directory", "allure-results"));
    }

    private static final Pattern EMBEDDED_HISTORY = Pattern.compile("d\\('history/([A-Za-z0-9_.-]+\\.json)','([A-Za-z0-9+/=]*)'\\)");

    /**
     * Carries the history of an earlier report into the results, so that Allure's trends cover the runs: {@code from} is
     * a report directory with a {@code history} folder, or a single-file report's {@code index.html} (whose history is
     * embedded), or a directory holding such an {@code index.html}.
     */
    static int carryHistory(Path from) {
        int carried = 0;
        try {
            Path folder = from.resolve("history");
            if (Files.isDirectory(folder)) {
                try (var files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                        writeFile("history/" + file.getFileName(), Files.readAllBytes(file));
                        carried++;
                    }
                }
                return carried;
            }
            Path index = Files.isDirectory(from) ? from.resolve("index.html") : from;
            if (Files.isRegularFile(index)) {
                Matcher matcher = EMBEDDED_HISTORY.matcher(Files.readString(index, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    writeFile("history/" + matcher.group(1), Base64.getDecoder().decode(matcher.group(2)));
                    carried++;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("Cannot carry the Allure history from " + from + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return carried;
    }

    private static Attachment attach(String name, String type, String extension, String content) {
        return attach(null, name, type, extension, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Attachment attach(String name, String type, String extension, byte[] content) {
        return attach(null, name, type, extension, content);
    }

    /** Writes an attachment file; with a key its file name is fixed, so a later JVM of the run overwrites it. */
    private static Attachment attach(@Nullable String key, String name, String type, String extension, byte[] content) {
        String id = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        String source = id + "-attachment" + extension;
        if (key == null) {
            lifecycle().writeAttachment(source, new ByteArrayInputStream(content));
        } else {
            writeFile(source, content);
        }
        return new Attachment().setName(name).setType(type).setSource(source);
    }

    private static Map<String, Object> jsonOf(EvaluationEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case", event.caseId());
        out.put("model", event.model());
        out.put("extractor", event.extractor());
        out.put("tags", event.tags());
        out.put("evaluation", event.evaluation());
        return out;
    }

    private static String json(EvaluationEvent event) {
        return json(jsonOf(event));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON for the Allure report: " + e.getMessage(), e);
        }
    }

    private static String md5(String text) {
        return ResultsUtils.md5(text);
    }
}
