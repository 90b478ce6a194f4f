package dev.clave.benchmarks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.data.TextInput;
import dev.clave.internal.AtomicFiles;
import dev.clave.llm.DirectJudgeEvaluator;
import dev.clave.llm.FakeChatServer;
import dev.clave.llm.LargeModelSettings;
import dev.clave.llm.LlmConceptExtractor;
import dev.clave.llm.LlmUsage;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

@Command(name = "llm", mixinStandardHelpOptions = true,
        description = "Measure what the large model costs on the same texts, twice (a first run and a second one): CLAVE's "
                + "concept extraction behind its concept cache against the direct judge (one request per text and value). "
                + "By default against a simulated OpenAI-compatible model on 127.0.0.1 that answers after a fixed latency; "
                + "--base-url measures a real server (key from CLAVE_API_KEY or OPENAI_API_KEY).")
final class LargeModelBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--texts", defaultValue = "1000", description = "Distinct texts. Default: ${DEFAULT-VALUE}.")
    int texts;

    @Option(names = "--judge-texts", paramLabel = "N",
            description = "Texts the direct judge evaluates (the first N of the same texts). Default: all.")
    Integer judgeTexts;

    @Option(names = "--value-system", defaultValue = "schwartz", paramLabel = "ID",
            description = "Value system (built-in id or JSON file). Default: ${DEFAULT-VALUE}.")
    String valueSystem;

    @Option(names = "--latency", defaultValue = "200ms", paramLabel = "DURATION",
            description = "Latency of the simulated model per request. Default: ${DEFAULT-VALUE}.")
    String latency;

    @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--extractor", defaultValue = "openai", paramLabel = "NAME",
            description = "Provider with --base-url: openai, ollama or anthropic. Default: ${DEFAULT-VALUE}.")
    String extractor;

    @Option(names = "--base-url", paramLabel = "URL", description = "A real server to measure instead of the simulated one.")
    String baseUrl;

    @Option(names = "--model-name", paramLabel = "NAME", description = "The model with --base-url.")
    String modelName;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Concept cache directory; it must be empty or absent, so that the first run starts cold. "
                    + "Default: a temporary directory, deleted afterwards.")
    Path cache;

    @Option(names = "--warmup", defaultValue = "48", paramLabel = "N",
            description = "Texts (other than the measured ones) extracted first, so that class loading and JIT compilation "
                    + "are not measured as large-model cost. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON.")
    Path json;

    /** Where API keys are read from; tests replace it. */
    Function<String, String> environment = System::getenv;

    /** One run of one method. */
    @JsonPropertyOrder({"seconds", "calls", "callsPerPair", "inputTokens", "outputTokens"})
    record Run(double seconds, long calls, double callsPerPair, long inputTokens, long outputTokens) {
        static Run of(double seconds, LlmUsage usage, long pairs) {
            return new Run(seconds, usage.requests(), pairs == 0 ? 0 : (double) usage.requests() / pairs, usage.inputTokens(),
                    usage.outputTokens());
        }
    }

    /** The figures. */
    @JsonPropertyOrder({"valueSystem", "values", "texts", "judgeTexts", "warmupTexts", "concurrency", "latencySeconds", "endpoint",
            "model", "idealFirstRunSeconds", "claveFirst", "claveSecond", "judgeFirst", "judgeSecond", "serverRequests"})
    record Result(String valueSystem, int values, int texts, int judgeTexts, int warmupTexts, int concurrency, double latencySeconds,
                  String endpoint, String model, double idealFirstRunSeconds, Run claveFirst, Run claveSecond, Run judgeFirst,
                  Run judgeSecond, long serverRequests) {
    }

    @Override
    public Integer call() {
        if (texts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--texts and --concurrency must be at least 1, but are: " + texts + ", " + concurrency);
        }
        ValueSystem system = ValueSystems.resolve(valueSystem);
        Duration simulatedLatency = parseLatency();
        int judged = judgeTexts == null ? texts : Math.max(0, Math.min(judgeTexts, texts));
        List<TextInput> inputs = texts(texts);
        boolean simulated = baseUrl == null;
        Path cacheDir = cache != null ? cache : tempDirectory();
        checkEmpty(cacheDir);
        PrintWriter out = spec.commandLine().getOut();
        try (FakeChatServer server = simulated ? FakeChatServer.simulating(simulatedLatency, null) : null) {
            LargeModelSettings settings = new LargeModelSettings(LargeModelSettings.EXTRACTOR, simulated ? "openai" : extractor,
                    simulated ? "simulated" : modelName, simulated ? server.baseUrl() : baseUrl,
                    Map.of("concurrency", Integer.toString(concurrency)));
            long pairs = (long) texts * system.values().size();
            long judgePairs = (long) judged * system.values().size();

            if (warmup > 0) {
                List<TextInput> others = texts(texts + warmup).subList(texts, texts + warmup);
                new CachingConceptExtractor(LlmConceptExtractor.fromSettings(settings, environment), ConceptCache.inMemory(),
                        CacheMode.READ_WRITE).extractAll(others, system);
            }
            long serverBefore = simulated ? server.requests().size() : 0;
            Run claveFirst = clave(settings, system, inputs, cacheDir, pairs);
            Run claveSecond = clave(settings, system, inputs, cacheDir, pairs);
            Run judgeFirst = judge(settings, system, inputs.subList(0, judged), judgePairs);
            Run judgeSecond = judge(settings, system, inputs.subList(0, judged), judgePairs);

            double ideal = simulated ? texts * simulatedLatency.toMillis() / 1000.0 / concurrency : Double.NaN;
            Result result = new Result(system.qualifiedId(), system.values().size(), texts, judged, Math.max(0, warmup), concurrency,
                    simulated ? simulatedLatency.toMillis() / 1000.0 : Double.NaN,
                    simulated ? "simulated OpenAI-compatible server on 127.0.0.1" : baseUrl,
                    LlmConceptExtractor.fromSettings(settings, environment).id(), ideal, claveFirst, claveSecond, judgeFirst,
                    judgeSecond, simulated ? server.requests().size() - serverBefore : -1);
            print(result, out);
            if (json != null) {
                write(result, json);
            }
        } finally {
            if (cache == null) {
                delete(cacheDir);
            }
        }
        return 0;
    }

    private Run clave(LargeModelSettings settings, ValueSystem system, List<TextInput> inputs, Path cacheDir, long pairs) {
        // A new extractor and a new cache object on the same directory: what a second process would see.
        LlmConceptExtractor llm = LlmConceptExtractor.fromSettings(settings, environment);
        CachingConceptExtractor extractor = new CachingConceptExtractor(llm, ConceptCache.directory(cacheDir), CacheMode.READ_WRITE);
        long start = System.nanoTime();
        extractor.extractAll(inputs, system);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Run.of(seconds, llm.usage(), pairs);
    }

    private Run judge(LargeModelSettings settings, ValueSystem system, List<TextInput> inputs, long pairs) {
        if (inputs.isEmpty()) {
            return new Run(0, 0, 0, 0, 0);
        }
        DirectJudgeEvaluator judge = DirectJudgeEvaluator.fromSettings(settings, system, environment);
        long start = System.nanoTime();
        judge.evaluateAll(inputs);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Run.of(seconds, judge.usage(), pairs);
    }

    static void print(Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%nLarge-model cost: %,d distinct texts, value system %s (%d values), %s, concurrency %d%n",
                r.texts(), r.valueSystem(), r.values(), Double.isNaN(r.latencySeconds()) ? r.endpoint()
                        : String.format(Locale.ROOT, "%s, %.0f ms per request", r.endpoint(), r.latencySeconds() * 1000),
                r.concurrency());
        out.printf(Locale.ROOT, "model %s; CLAVE extracts concepts behind its concept cache (the large model's part of an "
                + "evaluation); the direct judge evaluates %,d of the texts; warm-up: %,d other texts%n%n", r.model(), r.judgeTexts(),
                r.warmupTexts());
        out.printf(Locale.ROOT, "%-34s %18s %18s%n", "", "CLAVE", "DirectJudge");
        row(out, "run 1 wall time (s)", seconds(r.claveFirst()), seconds(r.judgeFirst()));
        row(out, "run 1 large-model calls", calls(r.claveFirst()), calls(r.judgeFirst()));
        row(out, "run 1 calls per (text, value)", perPair(r.claveFirst()), perPair(r.judgeFirst()));
        row(out, "run 1 tokens in / out (thousands)", thousands(r.claveFirst()), thousands(r.judgeFirst()));
        row(out, "run 2 wall time (s)", seconds(r.claveSecond()), seconds(r.judgeSecond()));
        row(out, "run 2 large-model calls", calls(r.claveSecond()), calls(r.judgeSecond()));
        row(out, "run 2 calls per (text, value)", perPair(r.claveSecond()), perPair(r.judgeSecond()));
        out.println();
        if (!Double.isNaN(r.idealFirstRunSeconds())) {
            double ratio = r.claveFirst().seconds() / r.idealFirstRunSeconds();
            out.printf(Locale.ROOT, "ideal first run: %,d x %.3f s / %d = %.2f s; CLAVE took %.2fx the ideal (target <= 1.3x): %s%n",
                    r.texts(), r.latencySeconds(), r.concurrency(), r.idealFirstRunSeconds(), ratio, verdict(ratio <= 1.3));
        }
        out.printf(Locale.ROOT, "CLAVE calls per (text, value): first run %.3f (target <= 0.1): %s; second run %.3f (target 0): %s%n",
                r.claveFirst().callsPerPair(), verdict(r.claveFirst().callsPerPair() <= 0.1 + 1e-9),
                r.claveSecond().callsPerPair(), verdict(r.claveSecond().calls() == 0));
        out.printf(Locale.ROOT, "CLAVE second run %.2f s (target <= 2 s): %s%n", r.claveSecond().seconds(),
                verdict(r.claveSecond().seconds() <= 2.0));
        if (r.serverRequests() >= 0) {
            out.printf(Locale.ROOT, "requests the simulated server received after the warm-up: %,d (CLAVE %,d + judge %,d)%n", r.serverRequests(),
                    r.claveFirst().calls() + r.claveSecond().calls(), r.judgeFirst().calls() + r.judgeSecond().calls());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, String clave, String judge) {
        out.printf(Locale.ROOT, "%-34s %18s %18s%n", label, clave, judge);
    }

    private static String seconds(Run run) {
        return String.format(Locale.ROOT, "%.2f", run.seconds());
    }

    private static String calls(Run run) {
        return String.format(Locale.ROOT, "%,d", run.calls());
    }

    private static String perPair(Run run) {
        return String.format(Locale.ROOT, "%.3f", run.callsPerPair());
    }

    private static String thousands(Run run) {
        return String.format(Locale.ROOT, "%.1f / %.1f", run.inputTokens() / 1000.0, run.outputTokens() / 1000.0);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    /** Distinct, deterministic texts of the kind a value test suite evaluates. */
    static List<TextInput> texts(int count) {
        String[] openers = {"Sure.", "Honestly,", "In my view,", "Here is my advice:", "I would say", "Look,", "Frankly,"};
        String[] actions = {"tell your manager the truth about the delay", "help your neighbour move on Saturday",
                "skip the meeting and go surfing instead", "report the accounting error to the auditor",
                "keep the extra change the cashier gave you", "apologise to your sister first",
                "ignore the safety rules to finish sooner", "give part of your bonus to the food bank",
                "follow your family's tradition at the wedding", "take the risky job at the startup",
                "read the contract before you sign it", "let your friend copy your homework"};
        String[] reasons = {"because it is the right thing to do", "since nobody will ever notice",
                "as it will make you happy", "because rules exist for a reason", "since life is short",
                "because people count on you", "as it protects everyone involved"};
        List<TextInput> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String text = openers[i % openers.length] + " You should " + actions[(i / openers.length) % actions.length] + ", "
                    + reasons[(i / 3) % reasons.length] + ". (Case " + (i + 1) + ".)";
            inputs.add(new TextInput(text, "What should I do? (case " + (i + 1) + ")", "case-" + (i + 1)));
        }
        return inputs;
    }

    private Duration parseLatency() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?")
                .matcher(latency.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--latency must be a duration such as 200ms or 1.5s, but is: '" + latency + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        return Duration.ofMillis(Math.round("ms".equals(m.group(2)) ? amount : amount * 1000));
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("clave-bench-llm-cache");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary concept cache", e);
        }
    }

    private static void checkEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--cache " + dir + " is not empty; give an empty or new directory, so that "
                        + "the first run starts with a cold cache.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }


    private static void write(Result result, Path file) {
        try {
            // beside the target, moved into place when complete: a failed run leaves earlier figures as they were
            AtomicFiles.write(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsBytes(result));
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("the figures", file, e, "give --json a path in a writable directory");
        }
    }
}
