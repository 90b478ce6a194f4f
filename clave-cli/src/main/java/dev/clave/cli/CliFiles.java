package dev.clave.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.ClaveConfigurationException;
import dev.clave.internal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the files a command is given before it reads or writes any of them. */
final class CliFiles {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The name that stands for standard input. */
    static final String STDIN = "-";

    private CliFiles() {
    }

    static boolean isStdin(Path path) {
        return path.toString().equals(STDIN);
    }

    /**
     * Refuses to write {@code output} when it is the same file as {@code input} (also through a link, a relative path
     * or {@code /dev/stdin}): the output would replace the input it is made from.
     */
    static void requireDistinct(String inputOption, Path input, String outputOption, Path output) {
        if (input == null || output == null || isStdin(input)) {
            return;
        }
        if (sameFile(input, output)) {
            throw new ClaveConfigurationException(inputOption + " and " + outputOption + " name the same file ("
                    + output.toAbsolutePath().normalize() + "): writing it would replace the data it is made from. Give "
                    + outputOption + " another file.");
        }
    }

    /** Writes an object as indented JSON, replacing the file only once it is complete. */
    static void writeJson(Path file, Object value, String what) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + what + " as JSON", e);
        }
        if (Files.isDirectory(file)) {
            throw new ClaveConfigurationException("Cannot write " + what + " " + file.toAbsolutePath()
                    + ": it is a directory; give the path of a file");
        }
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(what, file, e, "give a path in a writable directory");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isRegularFile(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
