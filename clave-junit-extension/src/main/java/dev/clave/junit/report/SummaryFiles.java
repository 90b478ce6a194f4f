package dev.clave.junit.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the summary of a run is written, and how the records of several test JVMs of one build become one summary.
 * Each JVM writes its record under {@code runs/<run>/}, then, holding a file lock, merges every record of the same run
 * and rewrites {@code summary.md}, {@code summary.json} and the charts; records of other (earlier) runs are deleted. The
 * run is named by {@value #RUN_PROPERTY}, else by the parent process (the build tool that forked the test JVMs).
 */
final class SummaryFiles {

    /** The directory of the summary; {@code target/clave} by default. */
    static final String DIRECTORY_PROPERTY = "clave.summary.directory";
    /** Names the run whose JVMs' records merge; by default the parent process of the test JVM. */
    static final String RUN_PROPERTY = "clave.summary.run";
    static final String DEFAULT_DIRECTORY = "target/clave";

    private static final Logger LOG = LoggerFactory.getLogger(SummaryFiles.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What was written: the summary and the chart files. */
    record Written(Path directory, Path markdown, Path json, List<Path> charts, Summary summary) {
    }

    private SummaryFiles() {
    }

    /** The summary directory: the configuration parameter, else the system property, else {@code target/clave}. */
    static Path directory(Function<String, Optional<String>> parameters) {
        String configured = parameters.apply(DIRECTORY_PROPERTY).or(() -> Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY)))
                .filter(s -> !s.isBlank()).orElse(DEFAULT_DIRECTORY);
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** The name of this run: the configured one, else the parent process and its start. */
    static String run(Function<String, Optional<String>> parameters) {
        Optional<String> configured = parameters.apply(RUN_PROPERTY).or(() -> Optional.ofNullable(System.getProperty(RUN_PROPERTY)))
                .filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            return Names.fileName(configured.get());
        }
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle origin = self.parent().orElse(self);
        String started = origin.info().startInstant().map(Object::toString).orElse("");
        return "p" + origin.pid() + "-" + Hashing.sha256(String.valueOf(origin.pid()), started).substring(0, 12);
    }

    /**
     * Writes this JVM's record, merges it with the other records of the run and writes the summary files.
     *
     * @param part a name for this JVM's record, unique within the run
     */
    @SuppressWarnings("try")
    static Written write(Path directory, String run, String part, RunRecord.Data data) {
        try {
            Files.createDirectories(directory.resolve("runs").resolve(run));
            AtomicFiles.write(directory.resolve("runs").resolve(run).resolve(part + ".json"),
                    MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                deleteOtherRuns(directory.resolve("runs"), run);
                RunRecord.Data merged = RunRecord.Data.EMPTY;
                for (Path file : records(directory.resolve("runs").resolve(run))) {
                    try {
                        merged = merged.merge(MAPPER.readValue(file.toFile(), RunRecord.Data.class));
                    } catch (IOException e) {
                        LOG.warn("The Clave run record {} cannot be read and is left out of the summary: {}", file, e.toString());
                    }
                }
                Summary summary = Summary.of(merged);
                Path markdown = directory.resolve("summary.md");
                Path json = directory.resolve("summary.json");
                AtomicFiles.write(markdown, summary.markdown().getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(json, summary.json().getBytes(StandardCharsets.UTF_8));
                List<Path> charts = new ArrayList<>();
                Path chartDirectory = directory.resolve("charts");
                deleteTree(chartDirectory);
                Files.createDirectories(chartDirectory);
                for (Summary.ValueSystemSection section : summary.valueSystems()) {
                    if (!section.models().isEmpty()) {
                        Path chart = chartDirectory.resolve(Names.fileName(section.id()) + "-rates.png");
                        AtomicFiles.write(chart, Charts.rates(section));
                        charts.add(chart);
                    }
                }
                int n = 0;
                for (RunRecord.RegressionRow row : summary.regressionGates()) {
                    Path chart = chartDirectory.resolve(String.format("regression-%02d-%s.png", ++n, Names.fileName(row.name())));
                    AtomicFiles.write(chart, Charts.comparison(row));
                    charts.add(chart);
                }
                return new Written(directory, markdown, json, List.copyOf(charts), summary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Clave summary under " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> records(Path runDirectory) throws IOException {
        try (Stream<Path> files = Files.list(runDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void deleteOtherRuns(Path runs, String run) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.filter(d -> !d.getFileName().toString().equals(run)).toList()) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
