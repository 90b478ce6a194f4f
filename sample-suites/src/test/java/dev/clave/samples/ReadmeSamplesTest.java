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
 * The README's Java samples are quoted from this module, so they compile and run: each {@code ```java} block of the
 * README follows a marker {@code <!-- sample: File.java#tag -->} and must equal the region between
 * {@code // tag::tag[]} and {@code // end::tag[]} of that file, indentation removed.
 */
class ReadmeSamplesTest {

    private static final Path README = Path.of("../README.md");
    private static final Path SOURCES = Path.of("src/test/java/dev/clave/samples");
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- sample: (\\S+)#(\\S+) -->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_java_block_of_the_readme_is_a_tagged_region_of_a_sample_suite() throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(README));
        List<String> quoted = new ArrayList<>();
        while (matcher.find()) {
            assertThat(matcher.group(1)).as("sample marker before the java block:%n%s", matcher.group(3)).isNotNull();
            String region = region(Files.readString(SOURCES.resolve(matcher.group(1))), matcher.group(2));
            assertThat(dedent(matcher.group(3))).as("README block %s#%s", matcher.group(1), matcher.group(2)).isEqualTo(region);
            quoted.add(matcher.group(1) + "#" + matcher.group(2));
        }
        assertThat(quoted).contains("SupportBotValuesTest.java#value-test", "SupportBotCasesTest.java#gate",
                "SupportBotReleaseTest.java#regression", "AssistantValueUnderstandingTest.java#value-understanding",
                "AssistantSafetyResponsibilityTest.java#multi-choice", "GeneralAssistantRefusalsTest.java#refusal",
                "GeneralAssistantCasesTest.java#harm-gate", "GeneralAssistantReleaseTest.java#over-refusal",
                "AdviceAssistantReleaseTest.java#drift", "ChineseAssistantTest.java#chinese",
                "AssistantValueProfilesTest.java#profiles");
    }

    private static String region(String source, String tag) {
        int start = source.indexOf("// tag::" + tag + "[]");
        int end = source.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag %s", tag).isNotNegative();
        assertThat(end).as("end of tag %s", tag).isGreaterThan(start);
        String inside = source.substring(source.indexOf('\n', start) + 1, end);
        return dedent(inside.substring(0, inside.lastIndexOf('\n') + 1));
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
