package dev.clave.cli;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code clave} command line: calibrate an evaluator, evaluate texts, split labelled data, benchmark the evaluator
 * against baselines, and build and compare value profiles of models and languages.
 *
 * <p>Exit codes: 0 success, 1 an unexpected failure, 2 bad usage or configuration, 3 bad input data.
 */
@Command(name = "clave", mixinStandardHelpOptions = true, versionProvider = ClaveCli.Version.class,
        description = "Test the values of LLM output with calibrated CLAVE evaluators.",
        subcommands = {CalibrateCommand.class, EvaluateCommand.class, BenchCommand.class, BenchLlmCommand.class,
                EncoderBenchCommand.class, SplitCommand.class, ProfileCommand.class, CompareProfilesCommand.class,
                ValueSystemsCommand.class, CommandLine.HelpCommand.class})
public final class ClaveCli {

    /** Exit code for bad usage or configuration. */
    public static final int EXIT_CONFIGURATION = 2;
    /** Exit code for bad input data. */
    public static final int EXIT_INPUT = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClaveCli());
        cli.setExecutionExceptionHandler(ClaveCli::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (e instanceof ClaveException) {
            err.println("clave: " + e.getMessage());
            err.flush();
            if (e instanceof ClaveInputException) {
                return EXIT_INPUT;
            }
            return e instanceof ClaveConfigurationException ? EXIT_CONFIGURATION : 1;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("clave: " + e.getMessage());
            err.flush();
            return EXIT_CONFIGURATION;
        }
        err.println("clave: unexpected failure: " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ClaveCli.class.getPackage().getImplementationVersion();
            return new String[] {"clave " + (version == null ? "development build" : version)};
        }
    }
}
