package dev.clave.spark;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveInputException;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.ConceptCaches;
import dev.clave.internal.Printable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit as a command: {@code spark-submit --class dev.clave.spark.AuditJob ...} on a cluster, or embedded in one
 * JVM with {@code --master local[N]} ({@code ./clave-audit}). Exit codes as the {@code clave} command: 0 success, 2 bad
 * usage or configuration, 3 bad input data, 1 anything else.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Command(name = "clave-audit", mixinStandardHelpOptions = true,
        description = "Audit logs of model answers (JSONL or Parquet: text, scenario?, id, model, timestamp) with a calibrated "
                + "evaluator on Spark; writes verdicts as Parquet and a summary (JSON, Markdown, PNG) per model and day.")
public final class AuditJob implements Callable<Integer> {

    @Option(names = "--in", required = true, split = ",", paramLabel = "PATH", description = "Answer logs: files or directories.")
    List<String> in;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT", description = "auto, jsonl or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--evaluator", required = true, paramLabel = "DIR", description = "The calibrated evaluator (readable on every executor).")
    String evaluator;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must not exist).")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[4]. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--extractor", defaultValue = "offline", paramLabel = "NAME", description = "offline, openai, ollama or anthropic "
            + "(key from CLAVE_API_KEY on every executor). Default: ${DEFAULT-VALUE}.")
    String extractor;

    @Option(names = "--model-name", paramLabel = "NAME", description = "The large model.")
    String modelName;

    @Option(names = "--base-url", paramLabel = "URL", description = "The provider's base URL.")
    String baseUrl;

    @Option(names = "--concurrency", paramLabel = "N", description = "Large-model requests in flight per executor. Default: 8.")
    String concurrency;

    @Option(names = "--requests-per-minute", defaultValue = "0", paramLabel = "N",
            description = "The large model's budget for the whole job, divided across executors. Default: no limit.")
    int requestsPerMinute;

    @Option(names = "--executors", paramLabel = "N", description = "Executors sharing the budget. Default: 1 for local masters, "
            + "else spark.executor.instances or spark.dynamicAllocation.maxExecutors.")
    Integer executors;

    @Option(names = "--cache-store", defaultValue = "directory", paramLabel = "STORE",
            description = "Concept cache store: directory (--cache DIR, a path every executor reads), jdbc (the shared "
                    + "PostgreSQL cache: --cache-jdbc-url, --cache-jdbc-user, password in CLAVE_CACHE_JDBC_PASSWORD on every "
                    + "executor), or any store on the class path. Default: ${DEFAULT-VALUE}.")
    String cacheStore;

    @Option(names = "--cache", defaultValue = "clave-cache", paramLabel = "DIR", description = "Directory of the directory store. Default: ${DEFAULT-VALUE}.")
    String cache;

    @Option(names = "--cache-jdbc-url", paramLabel = "URL",
            description = "The shared cache database (clave.cache.jdbc.url); the password in CLAVE_CACHE_JDBC_PASSWORD on every executor.")
    String jdbcUrl;

    @Option(names = "--cache-jdbc-user", paramLabel = "USER", description = "Database user (clave.cache.jdbc.user).")
    String jdbcUser;

    @Option(names = "--cache-mode", defaultValue = "read-write", paramLabel = "MODE", description = "read-write, read-only or replay. Default: ${DEFAULT-VALUE}.")
    String cacheMode;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N", description = "Answers evaluated together (one bulk cache lookup). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--partitions", paramLabel = "N", description = "Repartition the answers into N partitions first. Default: as read.")
    Integer partitions;

    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,.*\\]");

    /** The summary of the last run (tests). */
    AuditSummary summary;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line (also used by tests and benchmarks). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AuditJob());
        cli.setExecutionExceptionHandler(AuditJob::handle);
        return cli;
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        SparkSession.Builder builder = SparkSession.builder().appName("clave-audit");
        SparkConf conf = new SparkConf();
        String effectiveMaster = master != null ? master : conf.get("spark.master", "local[*]");
        builder.master(effectiveMaster);
        // A session that this job starts (spark-submit, ./clave-audit) is stopped at the end; one that the embedding
        // application already runs is left to it.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = builder.getOrCreate();
        try {
            int share = AuditSettings.share(requestsPerMinute, executors(spark, spark.sparkContext().master()));
            Map<String, String> options = new LinkedHashMap<>();
            if (concurrency != null) {
                options.put("concurrency", concurrency);
            }
            CacheSettings cacheSettings = cacheSettings();
            AuditSettings settings = new AuditSettings(absolute(evaluator), extractor, modelName, baseUrl, options,
                    cacheSettings.store(), cacheSettings.mode().wire(), cacheSettings.directory().toString(),
                    cacheSettings.options(), share, batch);
            Audit audit = new Audit(spark);
            summary = audit.run(settings, in, Audit.Format.valueOf(format.toUpperCase(Locale.ROOT)), out, partitions);
            PrintWriter printed = new PrintWriter(System.out, true);
            printed.println(Printable.escape(String.format(Locale.ROOT, "audited %,d answers (%s) in %.1f s: %.0f answers/s "
                            + "on %s; %,d extracted, the rest from the concept cache; verdicts and summary in %s",
                    summary.answers(), summary.valueSystem(), summary.seconds(),
                    summary.answers() / Math.max(summary.seconds(), 1e-9), spark.sparkContext().master(),
                    summary.extracted(), out)));
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * The cache settings of the flags: the store's own keys from their flags, else from system properties of the same
     * name. A flag the chosen store does not read is refused.
     */
    private CacheSettings cacheSettings() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (jdbcUrl != null) {
            flags.put("clave.cache.jdbc.url", jdbcUrl);
        }
        if (jdbcUser != null) {
            flags.put("clave.cache.jdbc.user", jdbcUser);
        }
        Map<String, String> common = Map.of(CacheSettings.STORE, cacheStore, CacheSettings.MODE, cacheMode,
                CacheSettings.DIRECTORY, absolute(cache));
        CacheSettings settings = CacheSettings.fromProperties(key -> common.containsKey(key) ? common.get(key)
                : flags.containsKey(key) ? flags.get(key) : System.getProperty(key), java.nio.file.Path.of("").toAbsolutePath());
        for (String key : flags.keySet()) {
            if (!settings.options().containsKey(key)) {
                throw new ClaveConfigurationException("--cache-" + key.substring("clave.cache.".length()).replace('.', '-')
                        + " (" + key + ") is not a setting of the concept cache store " + settings.store() + "; the stores are: "
                        + String.join(", ", ConceptCaches.names()) + ".");
            }
        }
        return settings;
    }

    /**
     * Executors sharing the budget: 1 in local mode (one JVM), the workers of {@code local-cluster[workers,cores,memory]},
     * else what the configuration says.
     */
    private int executors(SparkSession spark, String master) {
        if (executors != null) {
            return executors;
        }
        Matcher localCluster = LOCAL_CLUSTER.matcher(master);
        if (localCluster.matches()) {
            return Integer.parseInt(localCluster.group(1));
        }
        if (master.equals("local") || master.startsWith("local[")) {
            return 1;
        }
        SparkConf conf = spark.sparkContext().getConf();
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            if (conf.contains("spark.dynamicAllocation.maxExecutors")) {
                return conf.getInt("spark.dynamicAllocation.maxExecutors", 1);
            }
        } else if (conf.contains("spark.executor.instances")) {
            return conf.getInt("spark.executor.instances", 1);
        }
        if (requestsPerMinute > 0) {
            throw new ClaveConfigurationException("Cannot tell how many executors share the budget of " + requestsPerMinute
                    + " requests per minute: give --executors N (or spark.executor.instances, or "
                    + "spark.dynamicAllocation.maxExecutors with dynamic allocation).");
        }
        return 1;
    }

    private static String absolute(String path) {
        return path.contains("://") ? path : java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (!(cause instanceof ClaveException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof ClaveException clave) {
            err.println("clave-audit: " + Printable.escapeKeepingLines(String.valueOf(clave.getMessage())));
            err.flush();
            return clave instanceof ClaveInputException ? 3 : clave instanceof ClaveConfigurationException ? 2 : 1;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("clave-audit: " + Printable.escapeKeepingLines(String.valueOf(e.getMessage())));
            err.flush();
            return 2;
        }
        err.println("clave-audit: unexpected failure: " + Printable.escape(e.toString()));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(Printable.escapeKeepingLines(trace.toString()));
        err.flush();
        return 1;
    }
}
