package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.data.JsonlReader;
import dev.clave.data.Samples;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.Evidence;
import dev.clave.evaluation.ValueVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate texts ({\"text\",\"scenario\"?,\"id\"?} per line) with a calibrated evaluator; "
                + "writes one JSON line per text with a verdict per value.")
final class EvaluateCommand implements Callable<Integer> {

    private static final int BATCH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Directory of a calibrated evaluator.")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Texts to evaluate, JSONL.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the evaluations, JSONL.")
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
        TerminalProgress progress = new TerminalProgress(System.err, quiet);
        long total = countLines(in);
        long done = 0;
        long start;
        try (ClaveEvaluator evaluator = extractorOptions.setup(null, null, progress).load(model);
             JsonlReader<TextInput> reader = Samples.openInputs(in);
             BufferedWriter writer = newWriter(out)) {
            start = System.nanoTime();
            List<TextInput> batch = new ArrayList<>(BATCH);
            while (reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() == BATCH || !reader.hasNext()) {
                    for (Evaluation evaluation : evaluator.evaluateAll(batch)) {
                        writer.write(Samples.toJsonLine(row(evaluation)));
                        writer.write('\n');
                    }
                    done += batch.size();
                    progress.update("evaluating", done, Math.max(total, done));
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT, "evaluated %d texts into %s in %.1f s (%.0f texts/s, after loading "
                + "the evaluator)%n", done, out.toAbsolutePath(), seconds, done / Math.max(seconds, 1e-9));
        spec.commandLine().getOut().flush();
        extractorOptions.reportUsage(System.err, quiet);
        return 0;
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

    private static BufferedWriter newWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static long countLines(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
