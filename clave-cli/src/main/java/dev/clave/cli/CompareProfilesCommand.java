package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.DriftEvent;
import dev.clave.internal.Printable;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileCharts;
import dev.clave.profile.ProfileComparator;
import dev.clave.profile.ProfileComparison;
import dev.clave.profile.ProfileMap;
import dev.clave.profile.RateChange;
import dev.clave.profile.SourceIdentification;
import dev.clave.profile.SpaceComparison;
import dev.clave.stats.EnergyDistance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "compare-profiles", mixinStandardHelpOptions = true,
        description = "Compare two value profiles (`clave profile`): energy distance between the answers with a permutation"
                + " test on the answers' value vectors (paired by question when both answered the same battery), per value"
                + " the shift of its scores and the change of its supports and opposes rates (exact McNemar, Holm), source"
                + " identification by a linear probe, and the same distance on the answers' embeddings.")
final class CompareProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "The baseline's profile JSON.")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "The candidate's profile JSON.")
    Path candidate;

    @Option(names = "--permutations", defaultValue = "" + ProfileComparator.DEFAULT_PERMUTATIONS, paramLabel = "N",
            description = "Permutations of the test. Default: ${DEFAULT-VALUE}.")
    int permutations;

    @Option(names = "--seed", defaultValue = "" + ProfileComparator.DEFAULT_SEED, paramLabel = "N",
            description = "Seed of the permutations and folds. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--alpha", defaultValue = "" + ProfileComparator.DEFAULT_ALPHA, paramLabel = "P",
            description = "Significance level. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--folds", defaultValue = "" + ProfileComparator.DEFAULT_FOLDS, paramLabel = "N",
            description = "Cross-validation folds of the source-identification probe. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the comparison as JSON.")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write a 2-D map of both profiles (.png or .svg).")
    Path chart;

    @Option(names = "--fail-on-drift",
            description = "Exit with 1 when the candidate drifted, a value shifted or a value's rate changed.")
    boolean failOnDrift;

    @JsonPropertyOrder({"model", "language", "battery", "encoder", "valueSystem", "calibrationId", "answers"})
    record ProfileRow(String model, String language, String battery, String encoder, String valueSystem,
                      String calibrationId, int answers) {
    }

    @JsonPropertyOrder({"accuracy", "correct", "total", "lower", "upper", "confidence", "folds", "paired"})
    record ProbeRow(double accuracy, int correct, int total, double lower, double upper, double confidence, int folds,
                    boolean paired) {
    }

    @JsonPropertyOrder({"space", "description", "energyDistance", "coefficient", "pValue", "permutations", "exact", "paired",
            "sourceIdentification"})
    record SpaceRow(String space, String description, double energyDistance, double coefficient, double pValue,
                    int permutations, boolean exact, boolean paired, ProbeRow sourceIdentification) {
    }

    @JsonPropertyOrder({"value", "label", "pairs", "baselineCount", "candidateCount", "baselineRate", "candidateRate",
            "difference", "onlyBaseline", "onlyCandidate", "pValue", "adjustedPValue", "significant"})
    record RateRow(String value, String label, int pairs, int baselineCount, int candidateCount, double baselineRate,
                   double candidateRate, double difference, int onlyBaseline, int onlyCandidate, double pValue,
                   double adjustedPValue, boolean significant) {
    }

    @JsonPropertyOrder({"value", "meanChange", "energyDistance", "coefficient", "pValue", "adjustedPValue", "significant"})
    record ShiftRow(String value, double meanChange, double energyDistance, double coefficient, double pValue,
                    double adjustedPValue, boolean significant) {
    }

    @JsonPropertyOrder({"baseline", "candidate", "paired", "alpha", "drifted", "primary", "shiftedValues", "changedValues",
            "spaces", "shifts", "rates"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ComparisonRow(ProfileRow baseline, ProfileRow candidate, boolean paired, double alpha, boolean drifted,
                         String primary, List<String> shiftedValues, List<String> changedValues, List<SpaceRow> spaces,
                         List<ShiftRow> shifts, List<RateRow> rates) {
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path output : Arrays.asList(json, chart)) {
            CliFiles.requireDistinct("--baseline", baseline, output == json ? "--json" : "--chart", output);
            CliFiles.requireDistinct("--candidate", candidate, output == json ? "--json" : "--chart", output);
        }
        ModelProfile base = ModelProfile.read(baseline);
        ModelProfile cand = ModelProfile.read(candidate);
        ProfileComparator comparator = ProfileComparator.builder().permutations(permutations).seed(seed).alpha(alpha)
                .folds(folds).build();
        ProfileComparison comparison = comparator.compare(base, cand);
        ClaveEvents.publish(ClaveListener::driftChecked, new DriftEvent(comparison, DriftEvent.Expectation.NONE, 0.0,
                "compared by clave compare-profiles", true));
        stdout.printf("%s%n%n%s", Printable.escape(comparison.summary()), Printable.escapeKeepingLines(comparison.table()));
        if (json != null) {
            CliFiles.writeJson(json, row(comparison), "the comparison");
            stdout.printf("%ncomparison written to %s%n", json.toAbsolutePath());
        }
        if (chart != null) {
            ProfileMap map = ProfileMap.of(List.of(base, cand));
            ProfileCharts.write(map, chart);
            stdout.printf(Locale.ROOT, "map (PCA of %s) written to %s%n", map.description(), chart.toAbsolutePath());
        }
        stdout.flush();
        boolean drifted = comparison.drifted() || !comparison.shiftedValues().isEmpty() || !comparison.changedValues().isEmpty();
        return failOnDrift && drifted ? 1 : 0;
    }

    static ComparisonRow row(ProfileComparison comparison) {
        return new ComparisonRow(profile(comparison.baseline()), profile(comparison.candidate()), comparison.paired(),
                comparison.alpha(), comparison.drifted(), comparison.primary().space().name().toLowerCase(Locale.ROOT),
                comparison.shiftedValues(), comparison.changedValues(),
                comparison.spaces().stream().map(CompareProfilesCommand::space).toList(),
                comparison.shifts().stream().map(s -> new ShiftRow(s.value(), s.meanChange(), s.distance().distance(),
                        s.distance().coefficient(), s.distance().pValue(), s.adjustedPValue(), s.significant())).toList(),
                comparison.rates().stream().map(CompareProfilesCommand::rate).toList());
    }

    private static ProfileRow profile(ModelProfile p) {
        return new ProfileRow(p.model(), p.language(), p.battery(), p.encoder(), p.valueSystem(), p.calibrationId(), p.size());
    }

    private static SpaceRow space(SpaceComparison s) {
        EnergyDistance d = s.distance();
        SourceIdentification i = s.identification();
        return new SpaceRow(s.space().name().toLowerCase(Locale.ROOT), s.description(), d.distance(), d.coefficient(),
                d.pValue(), d.permutations(), d.exact(), d.paired(), new ProbeRow(i.accuracy(), i.correct(), i.total(),
                i.interval().lower(), i.interval().upper(), i.interval().confidence(), i.folds(), i.paired()));
    }

    private static RateRow rate(RateChange r) {
        return new RateRow(r.value(), r.label().wire(), r.pairs(), r.baselineCount(), r.candidateCount(), r.baselineRate(),
                r.candidateRate(), r.difference(), r.test().onlyBaseline(), r.test().onlyCandidate(), r.test().pValue(),
                r.adjustedPValue(), r.significant());
    }
}
