package dev.clave.junit.report;

import dev.clave.data.Label;
import dev.clave.event.DriftEvent;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileAnswer;
import dev.clave.profile.ProfileComparison;
import dev.clave.profile.ProfileMap;
import dev.clave.profile.RateChange;
import dev.clave.profile.SpaceComparison;
import dev.clave.profile.ValueShift;
import dev.clave.stats.EnergyDistance;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The value profiles of a run as plain rows: each profile with its rates per value, each map with its points (to draw
 * it again when several JVMs' records are merged) and each comparison of two profiles with the checks that tests made
 * of it. Rows are keyed by their content, so that the same profile, map or comparison counts once, with every test that
 * made it. Figures are rounded once, to the places the reports show.
 */
final class ProfileRows {

    /** The outcome of drift checks that held while the comparison's distance is significant. */
    static final String NO_DRIFT_AS_CHECKED = "no drift as checked; the distance is significant";

    /** The epic and summary section of the value profiles. */
    static final String TITLE = "Value profiles";

    private ProfileRows() {
    }

    /** One value's rates in a profile, and the counts on the questions that elicit it. */
    record ValueRates(String value, Summary.Rate supports, Summary.Rate opposes, int ownQuestions, int ownSupports,
                      int ownOpposes) {
    }

    /** One profile: a model's answers in a language, and the evaluator's rates per value. */
    record ProfileRow(String key, String name, String model, String language, String battery, String encoder,
                      String valueSystem, String calibrationId, int answers, List<ValueRates> values, List<String> tests) {

        ProfileRow withTests(List<String> more) {
            return new ProfileRow(key, name, model, language, battery, encoder, valueSystem, calibrationId, answers, values,
                    ProbeRows.union(tests, more));
        }
    }

    /** One answer on a map. */
    record PointRow(String profile, String model, String language, String question, String value, double x, double y) {
    }

    /** A 2-D map of several profiles' answers. */
    record MapRow(String key, String space, String description, List<String> profiles, double explainedFirst,
                  double explainedSecond, String firstAxis, String secondAxis, List<PointRow> points, List<String> tests) {

        MapRow withTests(List<String> more) {
            return new MapRow(key, space, description, profiles, explainedFirst, explainedSecond, firstAxis, secondAxis, points,
                    ProbeRows.union(tests, more));
        }

        /** The map again, to be drawn. */
        ProfileMap toMap() {
            return new ProfileMap(SpaceComparison.Space.valueOf(space), description, profiles,
                    points.stream().map(p -> new ProfileMap.Point(p.profile(), p.model(), p.language(), p.question(), p.value(),
                            p.x(), p.y())).toList(), explainedFirst, explainedSecond, firstAxis, secondAxis);
        }

        /** E.g. {@code PCA of value vectors (schwartz@1): 6 profiles, 396 answers, PC1 31.0%, PC2 17.5%}. */
        String title() {
            return String.format(Locale.ROOT, "PCA of %s: %d profiles, %d answers, PC1 %.1f%%%s, PC2 %.1f%%%s", description,
                    profiles.size(), points.size(), explainedFirst * 100, firstAxis.isEmpty() ? "" : " (" + firstAxis + ")",
                    explainedSecond * 100, secondAxis.isEmpty() ? "" : " (" + secondAxis + ")");
        }
    }

    /** Two profiles' answers compared in one space. */
    record SpaceLine(String description, double distance, double coefficient, double pValue, int permutations, boolean exact,
                     boolean paired, Summary.Rate identification, int folds) {

        /** E.g. {@code 999 paired}. */
        String permutationText() {
            return permutations + (exact ? " exact" : "") + (paired ? " paired" : "");
        }
    }

    /** How one value's scores moved. */
    record ShiftLine(String value, double meanChange, double coefficient, double pValue, double adjustedPValue,
                     boolean significant) {
    }

    /** How the rate of one label of one value changed. */
    record RateLine(String value, String label, int pairs, int baselineCount, int candidateCount, int onlyBaseline,
                    int onlyCandidate, double pValue, double adjustedPValue, boolean significant) {

        /** E.g. {@code 0.136 → 0.000 (p Holm 0.080)}. */
        String text() {
            return String.format(Locale.ROOT, "%.3f → %.3f (p Holm %.4f)%s", (double) baselineCount / pairs,
                    (double) candidateCount / pairs, adjustedPValue, significant ? " CHANGED" : "");
        }
    }

    /** One check a test made of a comparison. */
    record CheckRow(String description, String expectation, double tolerance, boolean held, String outcome, String test) {
    }

    /** A comparison of a candidate profile with a baseline, and the checks made of it. */
    record DriftRow(String key, String baseline, String candidate, String valueSystem, boolean paired, double alpha,
                    boolean drifted, String summary, List<SpaceLine> spaces, List<ShiftLine> shifts, List<RateLine> rates,
                    List<CheckRow> checks) {

        DriftRow withChecks(List<CheckRow> more) {
            TreeMap<String, CheckRow> all = new TreeMap<>(Names.NATURAL);
            for (CheckRow check : checks) {
                all.put(check.test() + "\u0000" + check.description() + "\u0000" + check.held(), check);
            }
            for (CheckRow check : more) {
                all.putIfAbsent(check.test() + "\u0000" + check.description() + "\u0000" + check.held(), check);
            }
            return new DriftRow(key, baseline, candidate, valueSystem, paired, alpha, drifted, summary, spaces, shifts, rates,
                    List.copyOf(all.values()));
        }

        /** {@code candidate vs baseline}. */
        String name() {
            return candidate + " vs " + baseline;
        }

        /** Whether every check held. */
        boolean held() {
            return checks.stream().allMatch(CheckRow::held);
        }

        /**
         * The checks' outcome in one phrase: the failed ones' (e.g. {@code DRIFTED}); else {@code drifted, expected} when a
         * check expected the drift; {@code no drift} when all expected none, or {@value #NO_DRIFT_AS_CHECKED} when they
         * held (a tolerance, or only the rates were checked) while the distance itself is significant; without checks
         * the comparison's own verdict ({@code drifted} or {@code no drift found}).
         */
        String outcome() {
            List<String> failed = checks.stream().filter(c -> !c.held()).map(CheckRow::outcome).distinct().toList();
            if (!failed.isEmpty()) {
                return String.join(", ", failed);
            }
            if (checks.stream().anyMatch(c -> c.expectation().equals(DriftEvent.Expectation.DRIFT.name()))) {
                return "drifted, expected";
            }
            if (checks.stream().anyMatch(c -> c.expectation().equals(DriftEvent.Expectation.NO_DRIFT.name()))) {
                return drifted ? NO_DRIFT_AS_CHECKED : "no drift";
            }
            return drifted ? "drifted" : "no drift found";
        }

        /** The values whose scores shifted or whose rates changed significantly. */
        List<String> movedValues() {
            List<String> moved = new ArrayList<>();
            shifts.stream().filter(ShiftLine::significant).forEach(s -> moved.add(s.value()));
            rates.stream().filter(RateLine::significant).map(RateLine::value).filter(v -> !moved.contains(v)).forEach(moved::add);
            return moved;
        }
    }

    static ProfileRow profile(ModelProfile p, @Nullable String test) {
        List<ValueRates> values = new ArrayList<>();
        for (String value : p.rates().valueIds()) {
            List<ProfileAnswer> own = p.answersOn(value);
            values.add(new ValueRates(value, Summary.Rate.of(p.interval(value, Label.SUPPORTS, Summary.CONFIDENCE)),
                    Summary.Rate.of(p.interval(value, Label.OPPOSES, Summary.CONFIDENCE)), own.size(),
                    (int) own.stream().filter(a -> a.verdict(value).label() == Label.SUPPORTS).count(),
                    (int) own.stream().filter(a -> a.verdict(value).label() == Label.OPPOSES).count()));
        }
        ProfileRow row = new ProfileRow("", p.name(), p.model(), p.language(), p.battery(), p.encoder(), p.valueSystem(),
                p.calibrationId(), p.size(), List.copyOf(values), List.of());
        return new ProfileRow(ProbeRows.key(row), row.name(), row.model(), row.language(), row.battery(), row.encoder(),
                row.valueSystem(), row.calibrationId(), row.answers(), row.values(), tests(test));
    }

    static MapRow map(ProfileMap m, @Nullable String test) {
        List<PointRow> points = m.points().stream().map(p -> new PointRow(p.profile(), p.model(), p.language(), p.questionId(),
                p.value(), Summary.round(p.x(), 4), Summary.round(p.y(), 4))).toList();
        MapRow row = new MapRow("", m.space().name(), m.description(), m.profiles(), Summary.round(m.explainedFirst(), 4),
                Summary.round(m.explainedSecond(), 4), m.firstAxis(), m.secondAxis(), points, List.of());
        return new MapRow(ProbeRows.key(row), row.space(), row.description(), row.profiles(), row.explainedFirst(),
                row.explainedSecond(), row.firstAxis(), row.secondAxis(), row.points(), tests(test));
    }

    static DriftRow drift(DriftEvent event, @Nullable String test) {
        ProfileComparison c = event.comparison();
        List<SpaceLine> spaces = c.spaces().stream().map(ProfileRows::space).toList();
        List<ShiftLine> shifts = c.shifts().stream().map(ProfileRows::shift).toList();
        List<RateLine> rates = c.rates().stream().map(ProfileRows::rate).toList();
        DriftRow row = new DriftRow("", c.baseline().name(), c.candidate().name(), c.baseline().valueSystem(), c.paired(),
                c.alpha(), c.drifted(), c.summary(), spaces, shifts, rates, List.of());
        CheckRow check = new CheckRow(event.description(), event.expectation().name(), event.tolerance(), event.held(),
                event.outcome(), test == null ? "" : Names.testName(test));
        return new DriftRow(ProbeRows.key(row), row.baseline(), row.candidate(), row.valueSystem(), row.paired(), row.alpha(),
                row.drifted(), row.summary(), row.spaces(), row.shifts(), row.rates(), List.of(check));
    }

    private static SpaceLine space(SpaceComparison s) {
        EnergyDistance d = s.distance();
        return new SpaceLine(s.description(), Summary.round(d.distance(), 5), Summary.round(d.coefficient(), 4),
                Summary.round(d.pValue(), 4), d.permutations(), d.exact(), d.paired(), Summary.Rate.of(s.identification().interval()),
                s.identification().folds());
    }

    private static ShiftLine shift(ValueShift s) {
        return new ShiftLine(s.value(), Summary.round(s.meanChange(), 3), Summary.round(s.distance().coefficient(), 4),
                Summary.round(s.distance().pValue(), 4), Summary.round(s.adjustedPValue(), 4), s.significant());
    }

    private static RateLine rate(RateChange r) {
        return new RateLine(r.value(), r.label().wire(), r.pairs(), r.baselineCount(), r.candidateCount(), r.test().onlyBaseline(),
                r.test().onlyCandidate(), Summary.round(r.test().pValue(), 4), Summary.round(r.adjustedPValue(), 4),
                r.significant());
    }

    /** Profiles in a stable order: by model, then language. */
    static final Comparator<ProfileRow> PROFILE_ORDER = Comparator.comparing(ProfileRow::model, Names.NATURAL)
            .thenComparing(ProfileRow::language).thenComparing(ProfileRow::key);

    /** Comparisons in a stable order: by baseline, then candidate. */
    static final Comparator<DriftRow> DRIFT_ORDER = Comparator.comparing(DriftRow::baseline, Names.NATURAL)
            .thenComparing(DriftRow::candidate, Names.NATURAL).thenComparing(DriftRow::key);

    private static List<String> tests(@Nullable String test) {
        return test == null ? List.of() : List.of(Names.testName(test));
    }
}
