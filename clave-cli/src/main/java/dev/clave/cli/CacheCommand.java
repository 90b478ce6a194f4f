package dev.clave.cli;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.CacheStats;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.DirectoryConceptCache;
import dev.clave.concept.StoredConcepts;
import dev.clave.concept.jdbc.JdbcCacheSettings;
import dev.clave.concept.jdbc.JdbcConceptCache;
import dev.clave.concept.jdbc.JdbcConceptCacheProvider;
import dev.clave.internal.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code clave cache export|import}: moves concept cache entries between a directory and the shared database. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Move concept cache entries between a directory cache and the shared database.",
        subcommands = {CacheCommand.Export.class, CacheCommand.Import.class})
final class CacheCommand {

    /** Where secrets are read from; tests replace it. */
    static Function<String, String> environment = System::getenv;

    private static final int CHUNK = 500;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copy the database's entries into a directory cache (commit it, or replay it in CI without a "
                    + "database: --cache DIR --cache-mode replay). Entries already in the directory are rewritten.")
    static final class Export implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--to", required = true, paramLabel = "DIR", description = "The directory cache to write.")
        Path to;

        @Option(names = "--extractor-id", paramLabel = "ID", description = "Only entries of this extractor, e.g. llm/openai/gpt-4o-mini.")
        String extractorId;

        @Option(names = "--value-system", paramLabel = "ID@VERSION", description = "Only entries of this value system, e.g. schwartz@1.")
        String valueSystem;

        @Override
        public Integer call() {
            DirectoryConceptCache directory = directory("--to", to);
            try (JdbcConceptCache database = JdbcConceptCache.builder().settings(database(store)).readOnly(true).build()) {
                long exported = database.forEachEntry(extractorId, valueSystem,
                        entry -> directory.put(entry.key(), entry.context(), entry.concepts()));
                PrintWriter out = spec.commandLine().getOut();
                out.println(Printable.escape(String.format(Locale.ROOT, "exported %d entries from %s into %s", exported,
                        database.toString().replace("concept cache in the database ", ""), directory.directory())));
                report(out, database.stats());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Copy a directory cache into the database (creating its tables on first use). A key the database "
                    + "already holds keeps its row.")
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "The directory cache to read.")
        Path from;

        @Override
        public Integer call() {
            DirectoryConceptCache directory = directory("--from", from);
            if (!Files.isDirectory(directory.directory())) {
                throw new ClaveConfigurationException("No concept cache directory at " + directory.directory()
                        + "; give --from the directory of a concept cache (clave.cache.directory)");
            }
            try (JdbcConceptCache database = JdbcConceptCache.of(database(store))) {
                List<StoredConcepts> chunk = new ArrayList<>(CHUNK);
                long[] inserted = {0};
                long read = directory.forEachEntry(entry -> {
                    chunk.add(entry);
                    if (chunk.size() == CHUNK) {
                        inserted[0] += database.putAll(chunk);
                        chunk.clear();
                    }
                });
                inserted[0] += database.putAll(chunk);
                PrintWriter out = spec.commandLine().getOut();
                out.println(Printable.escape(String.format(Locale.ROOT, "imported %d entries from %s into %s (%d new, %d already "
                        + "there)", read, directory.directory(), database.toString().replace("concept cache in the database ", ""),
                        inserted[0], read - inserted[0])));
                report(out, directory.stats());
                out.flush();
            }
            return 0;
        }
    }

    /** The directory cache an option names; a file there is a mistake of that option. */
    private static DirectoryConceptCache directory(String option, Path path) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new ClaveConfigurationException(option + " " + path.toAbsolutePath().normalize() + " is a file, not a "
                    + "directory; give " + option + " the directory of a concept cache");
        }
        return (DirectoryConceptCache) ConceptCache.directory(path);
    }

    /** The database the flags (or system properties) name, through the settings of the jdbc store. */
    private static JdbcCacheSettings database(StoreOptions store) {
        return JdbcCacheSettings.from(store.cacheSettings(JdbcConceptCacheProvider.NAME, CacheMode.READ_WRITE.wire(),
                Path.of(CacheSettings.DEFAULT_DIRECTORY)), environment);
    }

    private static void report(PrintWriter out, CacheStats stats) {
        if (stats.corrupt() > 0) {
            out.printf("skipped %d corrupt entries:%n", stats.corrupt());
            stats.problems().forEach(problem -> out.println("  " + problem));
        }
    }
}
