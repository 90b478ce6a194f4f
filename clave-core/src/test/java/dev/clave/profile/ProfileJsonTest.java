package dev.clave.profile;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.clave.profile.TestProfiles.Labels;
import static dev.clave.profile.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileJsonTest {

    @TempDir
    Path dir;

    @Test
    void a_written_profile_reads_back_equal() {
        ModelProfile profile = profile("v1", "zh", "bge-small-zh-v15", 5, i -> new float[] {i, 0.5f, -1.25f / (i + 1)},
                i -> new Labels(i % 2 == 0 ? Label.SUPPORTS : Label.OPPOSES, Label.UNRELATED));
        Path file = dir.resolve("v1.zh.profile.json");

        profile.write(file);
        ModelProfile read = ModelProfile.read(file);

        assertThat(read.answers()).isEqualTo(profile.answers());
        assertThat(read.summary()).isEqualTo(profile.summary());
        assertThat(read.rates()).isEqualTo(profile.rates());
    }

    @Test
    void a_bad_profile_file_names_the_file_and_the_place() throws IOException {
        ModelProfile profile = profile("v1", "en", "enc", 3, i -> new float[] {i, 1},
                i -> new Labels(Label.SUPPORTS, Label.UNRELATED));
        Path file = dir.resolve("bad.json");
        profile.write(file);
        Files.writeString(file, Files.readString(file).replaceFirst("\"label\" : \"supports\"", "\"label\" : \"support\""));

        assertThatThrownBy(() -> ModelProfile.read(file)).isInstanceOf(ClaveInputException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("/answers/0/verdicts/care/label");
        Files.writeString(file, "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> ModelProfile.read(file)).hasMessageContaining("/format must be \"clave-profile/1\"");
        assertThatThrownBy(() -> ModelProfile.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }
}
