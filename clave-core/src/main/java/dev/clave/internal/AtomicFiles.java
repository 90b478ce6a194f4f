package dev.clave.internal;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that readers in any process see the old or the new content, never a part, and so that a run that
 * fails leaves the old content in place: the content goes to a temporary file beside the target, which is moved over
 * the target only when it is complete. Temporary files of a JVM that is stopped (Ctrl-C, SIGTERM) are deleted as it
 * exits. Internal.
 */
public final class AtomicFiles {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path temp : PENDING) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException | RuntimeException e) {
                    // nothing more can be done while the JVM exits
                }
            }
        }, "clave-temporary-files"));
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to a temporary file beside {@code target}, then moves it into place atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        target = resolved(target);
        Path temp = temporary(target);
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
            PENDING.remove(temp);
        }
    }

    /**
     * Starts replacing {@code target}: write through {@link Replacement#stream()} or {@link Replacement#writer()},
     * then {@link Replacement#commit()}; closing without committing deletes what was written and leaves the target
     * as it was. A target that exists and is no regular file (a terminal, {@code /dev/stdout}, a named pipe) cannot be
     * replaced, so it is written directly.
     *
     * @throws ClaveConfigurationException when the target is a directory or cannot be written
     */
    public static Replacement replace(Path target, String what) {
        if (Files.isDirectory(target)) {
            throw new ClaveConfigurationException("Cannot write " + what + " " + target.toAbsolutePath()
                    + ": it is a directory; give the path of a file");
        }
        try {
            if (isSpecial(target)) {
                return new Replacement(target, null, Files.newOutputStream(target, StandardOpenOption.WRITE), what);
            }
            Path file = resolved(target);
            Path temp = temporary(file);
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new Replacement(file, temp, new ForcingStream(channel), what);
        } catch (IOException e) {
            throw cannotWrite(what, target, e, "give a path in a writable directory");
        }
    }

    /**
     * The exception for a file that cannot be written: a {@link ClaveConfigurationException} with {@code fix} when the
     * path is the problem (permission denied, a file where a directory should be, a read-only file system), else a
     * {@link ClaveException} with the reason (e.g. no space left on the device).
     */
    public static ClaveException cannotWrite(String what, Path file, IOException e, String fix) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            reason = "a file is in the way: " + ((FileSystemException) e).getFile() + " is not a directory";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such directory: " + file.toAbsolutePath().getParent();
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        } else if (e instanceof FileSystemException) {
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String message = "Cannot write " + what + " " + file.toAbsolutePath() + ": " + reason;
        boolean pathProblem = e instanceof AccessDeniedException || e instanceof FileAlreadyExistsException
                || e instanceof NotDirectoryException || e instanceof NoSuchFileException || reason.toLowerCase(java.util.Locale.ROOT).contains("read-only")
                || reason.toLowerCase(java.util.Locale.ROOT).contains("not a directory");
        return pathProblem ? new ClaveConfigurationException(message + "; " + fix, e) : new ClaveException(message, e);
    }

    /**
     * Whether the target is something to write into rather than replace: an existing non-regular file (a terminal, a
     * named pipe), or a path under /dev or /proc such as {@code /dev/stdout}, which links to whatever standard output
     * is, a regular file included.
     */
    private static boolean isSpecial(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) {
            return true;
        }
        try {
            return Files.exists(target) && !Files.isRegularFile(target)
                    || Files.isSymbolicLink(target) && isSpecial(target.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The file a link points to, so that the link is kept and its file replaced; the target itself otherwise. */
    private static Path resolved(Path target) throws IOException {
        Path path = target.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(path); hops++) {
            Path link = Files.readSymbolicLink(path);
            path = path.resolveSibling(link).normalize();
        }
        return path;
    }

    private static Path temporary(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + UUID.randomUUID() + ".tmp");
        PENDING.add(temp);
        return temp;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A file being replaced. Not thread-safe.
     */
    public static final class Replacement implements Closeable {

        private final Path target;
        private final Path temp;
        private final OutputStream out;
        private final String what;
        private BufferedWriter writer;
        private boolean committed;
        private boolean closed;

        private Replacement(Path target, Path temp, OutputStream out, String what) {
            this.target = target;
            this.temp = temp;
            this.out = out;
            this.what = what;
        }

        /** The target. */
        public Path target() {
            return target;
        }

        /** Whether the target is a regular file that is replaced on commit (not a terminal or a pipe). */
        public boolean replacesFile() {
            return temp != null;
        }

        /** The bytes to write. */
        public OutputStream stream() {
            return out;
        }

        /** A UTF-8 writer over {@link #stream()}, the same one on every call. */
        public BufferedWriter writer() {
            if (writer == null) {
                writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            }
            return writer;
        }

        /**
         * Flushes what was written to the disk and moves it over the target, keeping the target's permissions.
         *
         * @throws ClaveException when it cannot be written
         */
        public void commit() {
            try {
                if (writer != null) {
                    writer.flush();
                }
                closed = true;
                out.close();
                if (temp != null) {
                    copyPermissions();
                    move(temp, target);
                }
                committed = true;
            } catch (IOException e) {
                throw cannotWrite(what, target, e, "give a path in a writable directory");
            } finally {
                if (temp != null) {
                    PENDING.remove(temp);
                }
            }
        }

        private void copyPermissions() {
            try {
                if (Files.isRegularFile(target)) {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the new file keeps the default permissions
            }
        }

        /** Deletes what was written unless it was committed; the target stays as it was. */
        @Override
        public void close() {
            if (committed) {
                return;
            }
            try {
                if (!closed) {
                    closed = true;
                    out.close();
                }
            } catch (IOException e) {
                // the temporary file is deleted below either way
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // left for the shutdown hook
                    return;
                }
                PENDING.remove(temp);
            }
        }
    }

    /** An output stream over a file channel that forces the content to the disk when closed. */
    private static final class ForcingStream extends OutputStream {

        private final FileChannel channel;
        private final OutputStream out;

        ForcingStream(FileChannel channel) {
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                if (channel.isOpen()) {
                    channel.force(true);
                }
            } finally {
                channel.close();
            }
        }
    }
}
