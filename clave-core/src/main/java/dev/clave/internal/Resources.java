package dev.clave.internal;

import dev.clave.ClaveConfigurationException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the files a test or a command names: first as a class path resource, then as a path relative to the working directory.
 * A resource that Maven or Gradle copied from {@code src/test/resources} is traced back to its source file, so that
 * errors point at the file to edit and recordings are written where they are committed.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Resources {

    private static final List<String> SOURCE_ROOTS = List.of("src/test/resources", "src/main/resources");
    private static final List<String> OUTPUT_MARKERS = List.of("/target/test-classes/", "/target/classes/",
            "/build/resources/test/", "/build/resources/main/");

    private Resources() {
    }

    /**
     * A found file.
     *
     * @param name the name as configured
     * @param url  the class path resource, or null when it was found as a plain file
     * @param file the file on disk (the source file for a copied resource), or null for a resource inside a jar
     */
    public record Located(String name, @Nullable URL url, @Nullable Path file) {

        /** How messages name it: the file path when there is one. */
        public String description() {
            return file != null ? file.toString() : String.valueOf(url);
        }

        public InputStream open() {
            try {
                return file != null ? Files.newInputStream(file) : url.openStream();
            } catch (IOException e) {
                throw new ClaveConfigurationException("Cannot read " + description() + ": " + e, e);
            }
        }
    }

    public static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /** Finds {@code name} as a class path resource, else as a file. */
    public static Optional<Located> find(String name, ClassLoader loader) {
        String resourceName = name.startsWith("/") ? name.substring(1) : name;
        URL url = loader.getResource(resourceName);
        if (url != null) {
            return Optional.of(new Located(name, url, fileOf(url, resourceName)));
        }
        Path path = Path.of(name);
        Path file = path.isAbsolute() ? path : workingDirectory().resolve(path);
        if (Files.isRegularFile(file)) {
            return Optional.of(new Located(name, null, file.normalize()));
        }
        return Optional.empty();
    }

    /**
     * Where a file of that name should be created: under {@code src/test/resources} when the name is a bare resource
     * name and the working directory has that folder, else the path itself.
     */
    public static Path newFile(String name) {
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            return path;
        }
        Path testResources = workingDirectory().resolve("src/test/resources");
        if (!name.startsWith("src/") && Files.isDirectory(testResources)) {
            return testResources.resolve(name).normalize();
        }
        return workingDirectory().resolve(path).normalize();
    }

    /** The places a missing resource was looked for, for messages: "neither on the test class path nor as a file at ...". */
    public static String searched(String name) {
        return "neither on the test class path nor as a file at " + fileFor(name);
    }

    /** The file a name means when it is not a class path resource: the path itself, relative to the working directory. */
    public static Path fileFor(String name) {
        Path path = Path.of(name);
        return (path.isAbsolute() ? path : workingDirectory().resolve(path)).normalize();
    }

    private static @Nullable Path fileOf(URL url, String resourceName) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        Path compiled;
        try {
            compiled = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        String text = compiled.toString().replace('\\', '/');
        for (String marker : OUTPUT_MARKERS) {
            int at = text.indexOf(marker);
            if (at >= 0) {
                Path module = Path.of(text.substring(0, at));
                for (String root : SOURCE_ROOTS) {
                    Path source = module.resolve(root).resolve(resourceName);
                    if (Files.isRegularFile(source)) {
                        return source.normalize();
                    }
                }
            }
        }
        return compiled;
    }
}
