package dev.clave.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The large-model benchmark's accounting, on the simulated model. */
class LargeModelBenchmarkTest {

    /** What a run printed and returned. */
    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClaveBenchmarks.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void bench_llm_counts_one_call_per_text_for_clave_and_one_per_pair_for_the_judge(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");

        Outcome outcome = run("llm", "--texts", "30", "--judge-texts", "3", "--latency", "0ms",
                "--concurrency", "4", "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(result.at("/claveFirst/calls").asLong()).isEqualTo(30);
        assertThat(result.at("/claveFirst/callsPerPair").asDouble()).isEqualTo(0.1);
        assertThat(result.at("/claveSecond/calls").asLong()).isZero();
        assertThat(result.at("/judgeFirst/calls").asLong()).isEqualTo(30);
        assertThat(result.at("/judgeFirst/callsPerPair").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/judgeSecond/callsPerPair").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/serverRequests").asLong()).isEqualTo(30 + 60);
        assertThat(outcome.out()).contains("CLAVE").contains("DirectJudge").contains("run 2 calls per (text, value)");
        assertThat(LargeModelBenchmark.texts(1000).stream().map(t -> t.text()).distinct().count()).isEqualTo(1000);
    }

}
