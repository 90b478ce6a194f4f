package dev.clave.profile;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.clave.profile.TestProfiles.Labels;
import static dev.clave.profile.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileMapTest {

    @TempDir
    Path dir;

    private static ModelProfile cloud(String model, String language, String encoder, float x) {
        return profile(model, language, encoder, 10, i -> new float[] {x + (i % 3) * 0.1f, (i % 5) * 0.05f, 0.01f * i},
                i -> new Labels(x > 0 ? Label.SUPPORTS : Label.OPPOSES, Label.UNRELATED));
    }

    @Test
    void the_first_axis_separates_profiles_whose_answers_lie_apart() {
        ModelProfile left = cloud("v1", "en", "enc", 0f);
        ModelProfile right = cloud("v2", "en", "enc", 5f);

        ProfileMap map = ProfileMap.of(List.of(left, right), SpaceComparison.Space.EMBEDDING);

        assertThat(map.space()).isEqualTo(SpaceComparison.Space.EMBEDDING);
        assertThat(map.points()).hasSize(20);
        assertThat(map.profiles()).containsExactly("v1 [en]", "v2 [en]");
        assertThat(map.explainedFirst()).isGreaterThan(0.95);
        assertThat(map.explainedFirst() + map.explainedSecond()).isLessThanOrEqualTo(1.0 + 1e-9);
        double leftMax = map.pointsOf("v1 [en]").stream().mapToDouble(ProfileMap.Point::x).max().orElseThrow();
        double rightMin = map.pointsOf("v2 [en]").stream().mapToDouble(ProfileMap.Point::x).min().orElseThrow();
        double leftMin = map.pointsOf("v1 [en]").stream().mapToDouble(ProfileMap.Point::x).min().orElseThrow();
        double rightMax = map.pointsOf("v2 [en]").stream().mapToDouble(ProfileMap.Point::x).max().orElseThrow();
        assertThat(leftMax < rightMin || rightMax < leftMin).as("the clouds do not overlap on PC1").isTrue();
        assertThat(ProfileMap.of(List.of(left, right), SpaceComparison.Space.EMBEDDING)).isEqualTo(map);
    }

    @Test
    void maps_profiles_in_value_space_by_default_whatever_their_encoders() {
        ProfileMap map = ProfileMap.of(List.of(cloud("v1", "en", "minilm", 0f), cloud("v1", "zh", "bge-zh", 5f)));

        assertThat(map.space()).isEqualTo(SpaceComparison.Space.VALUES);
        assertThat(map.description()).isEqualTo("value vectors (test-values@1)");
        // the clouds differ only in their care label: the first axis is care, supporting it to the right
        assertThat(map.firstAxis()).isEqualTo("+care");
        assertThatThrownBy(() -> ProfileMap.of(List.of(cloud("v1", "en", "minilm", 0f), cloud("v1", "zh", "bge-zh", 5f)),
                SpaceComparison.Space.EMBEDDING)).isInstanceOf(ClaveInputException.class).hasMessageContaining("minilm, bge-zh");
    }

    @Test
    void draws_the_map_as_png_and_svg_with_one_series_per_profile() throws IOException {
        ProfileMap map = ProfileMap.of(List.of(cloud("v1", "en", "enc", 0f), cloud("v2", "en", "enc", 5f),
                cloud("v1", "zh", "enc", 1f)));

        byte[] png = ProfileCharts.png(map);
        String svg = new String(ProfileCharts.svg(map), StandardCharsets.UTF_8);
        Path written = ProfileCharts.write(map, dir.resolve("charts/map.svg"));

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).isGreaterThan(5_000);
        // XChart draws text as outlines, so the SVG holds paths, not words
        assertThat(svg).contains("<svg").contains("<path");
        assertThat(Files.readString(written)).contains("<svg");
        assertThat(ProfileCharts.chart(map, 400, 300).getSeriesMap()).containsOnlyKeys("v1 [en]", "v2 [en]", "v1 [zh]");
    }
}
