package dev.clave.internal;

import dev.clave.ClaveConfigurationException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_replacement_that_is_not_committed_leaves_the_old_file_and_no_temporary_file() throws IOException {
        Path target = dir.resolve("out.jsonl");
        Files.writeString(target, "earlier results\n");

        try (AtomicFiles.Replacement out = AtomicFiles.replace(target, "the output")) {
            out.writer().write("half of the new results");
            // a failure here: no commit
        }

        assertThat(Files.readString(target)).isEqualTo("earlier results\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void a_committed_replacement_replaces_the_file_and_keeps_its_permissions() throws IOException {
        Path target = dir.resolve("out.jsonl");
        Files.writeString(target, "old\n");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        try (AtomicFiles.Replacement out = AtomicFiles.replace(target, "the output")) {
            out.writer().write("new\n");
            out.commit();
        }

        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void a_link_is_kept_and_the_file_it_points_to_is_replaced() throws IOException {
        Path real = dir.resolve("real.jsonl");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real.getFileName());

        try (AtomicFiles.Replacement out = AtomicFiles.replace(link, "the output")) {
            out.writer().write("through the link\n");
            out.commit();
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("through the link\n");
    }

    @Test
    void a_named_pipe_is_written_into_not_replaced() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
        AtomicReference<String> received = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                received.set(Files.readString(fifo));
            } catch (IOException e) {
                received.set(e.toString());
            }
        });
        reader.start();

        try (AtomicFiles.Replacement out = AtomicFiles.replace(fifo, "the output")) {
            assertThat(out.replacesFile()).isFalse();
            out.stream().write("streamed\n".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        reader.join();

        assertThat(received.get()).isEqualTo("streamed\n");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void a_directory_as_target_is_a_configuration_error() {
        assertThatThrownBy(() -> AtomicFiles.replace(dir, "the output"))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("Cannot write the output " + dir.toAbsolutePath() + ": it is a directory; give the path of a file");
    }

    @Test
    void a_file_in_the_way_of_the_directory_is_a_configuration_error() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> AtomicFiles.replace(file.resolve("out.jsonl"), "the output"))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("Cannot write the output " + file.resolve("out.jsonl").toAbsolutePath())
                .hasMessageContaining("give a path in a writable directory");
    }
}
