package dev.clave.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's code samples are quoted from files that are compiled and run, so they cannot rot: each {@code ```java},
 * {@code ```xml} and {@code ```properties} block of the README follows a marker {@code <!-- sample: FILE#tag -->} and
 * must equal the region tagged {@code tag} in that file, indentation removed. A region lies between lines that contain
 * {@code tag::tag[]} and {@code end::tag[]} (in a comment of the file's language); a tag may mark several regions, which
 * are joined, and lines of other tags are left out. A marker without {@code #tag} quotes the whole file. FILE is a path
 * from the repository's root (e.g. the example project outside the reactor, {@code examples/quickstart/pom.xml}) or the
 * name of a sample suite of this module.
 */
class ReadmeSamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("README.md");
    private static final Path SOURCES = Path.of("src/test/java/dev/clave/samples");
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- sample: ([^\\s#]+)(?:#(\\S+))? -->\\s*\\n)?```(java|xml|properties)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_code_block_of_the_readme_is_a_tagged_region_of_a_compiled_file() throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(README));
        List<String> quoted = new ArrayList<>();
        while (matcher.find()) {
            String file = matcher.group(1);
            String tag = matcher.group(2);
            assertThat(file).as("sample marker before the %s block:%n%s", matcher.group(3), matcher.group(4)).isNotNull();
            Path path = file.contains("/") ? ROOT.resolve(file) : SOURCES.resolve(file);
            String region = region(Files.readString(path), tag);
            assertThat(dedent(matcher.group(4))).as("README block %s", file + (tag == null ? "" : "#" + tag)).isEqualTo(region);
            quoted.add(file + (tag == null ? "" : "#" + tag));
        }
        assertThat(quoted).contains("SupportBotValuesTest.java#value-test", "SupportBotCasesTest.java#gate",
                "SupportBotReleaseTest.java#regression", "AssistantValueUnderstandingTest.java#value-understanding",
                "AssistantSafetyResponsibilityTest.java#multi-choice", "GeneralAssistantRefusalsTest.java#refusal",
                "GeneralAssistantCasesTest.java#harm-gate", "GeneralAssistantReleaseTest.java#over-refusal",
                "AdviceAssistantReleaseTest.java#drift", "ChineseAssistantTest.java#chinese",
                "AssistantValueProfilesTest.java#profiles", "examples/quickstart/pom.xml#pom", "examples/quickstart/pom.xml#allure",
                "examples/quickstart/src/test/java/com/example/AssistantValuesTest.java",
                "examples/quickstart/src/test/resources/simplelogger.properties",
                "examples/quickstart/src/test/resources/junit-platform.properties");
    }

    @Test
    void a_region_joins_the_lines_of_its_tag_and_leaves_out_other_tags() {
        String pom = String.join("\n", "<?xml version=\"1.0\"?>", "<!-- tag::pom[] -->", "<project>", "  <a/>",
                "<!-- end::pom[] -->", "  <profiles>", "    <!-- tag::allure[] -->", "    <b/>", "    <!-- end::allure[] -->",
                "  </profiles>", "<!-- tag::pom[] -->", "</project>", "<!-- end::pom[] -->", "");

        assertThat(region(pom, "pom")).isEqualTo("<project>\n  <a/>\n</project>\n");
        assertThat(region(pom, "allure")).isEqualTo("<b/>\n");
        assertThat(region("// tag::x[]\nint a;\n// end::x[]\n", null)).isEqualTo("int a;\n");
    }

    /** The lines of {@code tag}'s regions (every line but tag lines when {@code tag} is null), without blank ends. */
    private static String region(String source, String tag) {
        List<String> lines = new ArrayList<>();
        boolean inside = tag == null;
        boolean found = tag == null;
        for (String line : source.lines().toList()) {
            if (tag != null && line.contains("tag::" + tag + "[]")) {
                inside = true;
                found = true;
            } else if (tag != null && line.contains("end::" + tag + "[]")) {
                inside = false;
            } else if (inside && !line.contains("tag::") && !line.contains("end::")) {
                lines.add(line);
            }
        }
        assertThat(found).as("tag %s", tag).isTrue();
        assertThat(inside && tag != null).as("end of tag %s", tag).isFalse();
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return dedent(String.join("\n", lines) + "\n");
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
