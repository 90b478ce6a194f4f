package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of several benchmark splits summarised per method: mean, sample standard deviation, minimum and
 * maximum over the seeds (Commons Math descriptive statistics), and the per-seed margin of CLAVE over k-NN.
 *
 * @param seeds              the split seeds, in order
 * @param methods            per method (CLAVE, majority, k-NN, logistic probe) per figure its spread
 * @param marginOverKnn      per figure the spread of CLAVE minus k-NN, seed by seed
 * @param marginOverProbe    per figure the spread of CLAVE minus the logistic probe, seed by seed
 * @param calibrationSeconds the spread of calibration wall time
 */
@JsonPropertyOrder({"seeds", "methods", "marginOverKnn", "marginOverProbe", "calibrationSeconds"})
record SeedSummary(List<Long> seeds, Map<String, Map<String, Spread>> methods, Map<String, Spread> marginOverKnn,
                   Map<String, Spread> marginOverProbe, Spread calibrationSeconds) {

    /** Mean, sample standard deviation (0 for one seed), minimum, maximum and the values seed by seed. */
    @JsonPropertyOrder({"mean", "sd", "min", "max", "values"})
    record Spread(double mean, double sd, double min, double max, double[] values) {

        static Spread of(double[] values) {
            DescriptiveStatistics stats = new DescriptiveStatistics(values);
            double sd = values.length > 1 ? stats.getStandardDeviation() : 0;
            return new Spread(stats.getMean(), sd, stats.getMin(), stats.getMax(), values.clone());
        }

        String format() {
            return String.format(Locale.ROOT, "%.4f ± %.4f [%.4f, %.4f]", mean, sd, min, max);
        }
    }

    static SeedSummary of(List<Long> seeds, List<Benchmark.Result> results) {
        Map<String, Map<String, Spread>> methods = new LinkedHashMap<>();
        methods.put("CLAVE (this build)", figures(results, r -> r.accuracy(), r -> r.perValueMacroF1(), r -> r.macroF1(),
                r -> r.kappa()));
        methods.put("majority per value", figures(results, r -> r.baselines().majority().accuracy(),
                r -> r.baselines().majority().perValueMacroF1(), r -> r.baselines().majority().macroF1(),
                r -> r.baselines().majority().kappa()));
        methods.put("k-NN", figures(results, r -> r.baselines().knn().accuracy(), r -> r.baselines().knn().perValueMacroF1(),
                r -> r.baselines().knn().macroF1(), r -> r.baselines().knn().kappa()));
        methods.put("logistic probe", figures(results, r -> r.baselines().logisticProbe().accuracy(),
                r -> r.baselines().logisticProbe().perValueMacroF1(), r -> r.baselines().logisticProbe().macroF1(),
                r -> r.baselines().logisticProbe().kappa()));
        Map<String, Spread> margin = new LinkedHashMap<>();
        margin.put("accuracy", spread(results, r -> r.accuracy() - r.baselines().knn().accuracy()));
        margin.put("perValueMacroF1", spread(results, r -> r.perValueMacroF1() - r.baselines().knn().perValueMacroF1()));
        Map<String, Spread> overProbe = new LinkedHashMap<>();
        overProbe.put("accuracy", spread(results, r -> r.accuracy() - r.baselines().logisticProbe().accuracy()));
        overProbe.put("perValueMacroF1", spread(results,
                r -> r.perValueMacroF1() - r.baselines().logisticProbe().perValueMacroF1()));
        return new SeedSummary(List.copyOf(seeds), methods, margin, overProbe,
                spread(results, Benchmark.Result::calibrationSeconds));
    }

    private static Map<String, Spread> figures(List<Benchmark.Result> results, ToDoubleFunction<Benchmark.Result> accuracy,
                                               ToDoubleFunction<Benchmark.Result> perValue,
                                               ToDoubleFunction<Benchmark.Result> macro,
                                               ToDoubleFunction<Benchmark.Result> kappa) {
        Map<String, Spread> figures = new LinkedHashMap<>();
        figures.put("accuracy", spread(results, accuracy));
        figures.put("perValueMacroF1", spread(results, perValue));
        figures.put("macroF1", spread(results, macro));
        figures.put("kappa", spread(results, kappa));
        return figures;
    }

    private static Spread spread(List<Benchmark.Result> results, ToDoubleFunction<Benchmark.Result> figure) {
        return Spread.of(results.stream().mapToDouble(figure).toArray());
    }
}
