package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.Progress;
import dev.clave.data.JsonlReader;
import dev.clave.data.Samples;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.Evidence;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate texts ({\"text\",\"scenario\"?,\"id\"?} per line) with a calibrated evaluator; "
                + "writes one JSON line per text with a verdict per value, or fails on the first bad line and leaves --out as it was.")
final class EvaluateCommand implements Callable<Integer> {

    private static final int BATCH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Directory of a calibrated evaluator.")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "FILE",
            description = "Texts to evaluate, JSONL; read once, so a pipe works (- for standard input).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the evaluations, JSONL; replaced only when every text is evaluated.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    ExtractorOptions extractorOptions;

    /** One output line. */
    @JsonPropertyOrder({"id", "text", "scenario", "calibrationId", "valueSystem", "verdicts"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String id, String text, String scenario, String calibrationId, String valueSystem,
               Map<String, Verdict> verdicts) {
    }

    @JsonPropertyOrder({"label", "supports", "opposes", "unrelated", "evidence"})
    record Verdict(String label, double supports, double opposes, double unrelated, List<Evidence> evidence) {
    }

    @Override
    public Integer call() {
        CliFiles.requireDistinct("--in", in, "--out", out);
        TerminalProgress progress = new TerminalProgress(System.err, quiet);
        long done = 0;
        long start;
        boolean toFile;
        Tally tally = new Tally();
        // the output is checked first (before the evaluator loads), written beside its target, and moved into place
        // only when every text is evaluated: a run that fails leaves an existing file as it was
        try (AtomicFiles.Replacement output = AtomicFiles.replace(out, "the evaluations");
             JsonlReader<TextInput> reader = CliFiles.isStdin(in) ? Samples.openInputs(System.in, "standard input")
                     : Samples.openInputs(in);
             ClaveEvaluator evaluator = extractorOptions.setup(null, null, progress).load(model)) {
            toFile = output.replacesFile();
            BufferedWriter writer = output.writer();
            start = System.nanoTime();
            List<TextInput> batch = new ArrayList<>(BATCH);
            // one pass over the input, which may be a pipe: its size is not known in advance
            progress.update("evaluating", 0, Progress.UNKNOWN);
            while (reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() == BATCH) {
                    done += write(evaluator, batch, writer, tally);
                    progress.update("evaluating", done, Progress.UNKNOWN);
                }
            }
            done += write(evaluator, batch, writer, tally);
            progress.update("evaluating", done, done);
            output.commit();
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("the evaluations", out, e, "give --out a path in a writable directory");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter summary = toFile ? spec.commandLine().getOut() : spec.commandLine().getErr();
        summary.printf(Locale.ROOT, "evaluated %d texts into %s in %.1f s (%.0f texts/s, after loading the evaluator)%n",
                done, Printable.escape(out.toAbsolutePath().toString()), seconds, done / Math.max(seconds, 1e-9));
        summary.print(tally.table());
        summary.flush();
        extractorOptions.reportUsage(System.err, quiet);
        return 0;
    }

    /** Per value, how many texts got each label: the readable summary at the end of a run. */
    static final class Tally {
        private final Map<String, long[]> counts = new LinkedHashMap<>();

        void add(Evaluation evaluation) {
            for (ValueVerdict verdict : evaluation.verdicts()) {
                counts.computeIfAbsent(verdict.value(), v -> new long[3])[verdict.label().ordinal()]++;
            }
        }

        /** One line per value, e.g. {@code benevolence    40 supports    2 opposes   78 unrelated}; empty when nothing was evaluated. */
        String table() {
            if (counts.isEmpty()) {
                return "";
            }
            int width = Math.max(5, counts.keySet().stream().mapToInt(String::length).max().orElse(5));
            StringBuilder out = new StringBuilder();
            out.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %8s  %8s  %9s%n", "value", "supports",
                    "opposes", "unrelated"));
            counts.forEach((value, c) -> out.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %8d  %8d  %9d%n",
                    Printable.escape(value), c[0], c[1], c[2])));
            return out.toString();
        }
    }

    private static int write(ClaveEvaluator evaluator, List<TextInput> batch, BufferedWriter writer, Tally tally)
            throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Evaluation> evaluations = evaluator.evaluateAll(batch);
        if (evaluations.size() != batch.size()) {
            throw new IllegalStateException("evaluated " + evaluations.size() + " of " + batch.size() + " texts");
        }
        for (Evaluation evaluation : evaluations) {
            tally.add(evaluation);
            writer.write(Samples.toJsonLine(row(evaluation)));
            writer.write('\n');
        }
        int count = batch.size();
        batch.clear();
        return count;
    }

    static Row row(Evaluation evaluation) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (ValueVerdict v : evaluation.verdicts()) {
            verdicts.put(v.value(), new Verdict(v.label().wire(), round(v.supports()), round(v.opposes()),
                    round(v.unrelated()), v.evidence()));
        }
        return new Row(evaluation.id(), evaluation.text(), evaluation.scenario(), evaluation.calibrationId(),
                evaluation.valueSystem(), verdicts);
    }

    private static double round(double p) {
        return Math.round(p * 10_000) / 10_000.0;
    }
}
