package dev.clave.junit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The value profiles of a run in the summary: each profile's rates per value, the maps drawn of them, and each
 * comparison of two profiles with its distances, per-value shifts, rate changes, source identification and the checks
 * tests made of it; failed when a check failed.
 *
 * @param title       the section's title, also the epic in the Allure report
 * @param status      {@code passed}, or {@code failed} when a drift check failed
 * @param profiles    the profiles, by model and language
 * @param maps        the maps (their points are in the record, drawn in {@code charts/})
 * @param comparisons the comparisons, by baseline and candidate
 */
record ProfilesSection(String title, String status, List<ProfileRows.ProfileRow> profiles, List<MapLine> maps,
                       List<Comparison> comparisons) {

    /** A map, as the summary names it: what it shows and its chart's file under {@code charts/}. */
    record MapLine(String title, List<String> profiles, String chart, List<String> tests) {
    }

    /** A comparison and the chart of its per-value shifts under {@code charts/}. */
    record Comparison(ProfileRows.DriftRow drift, String status, String outcome, String chart) {
    }

    /** The profiles section of a run that built any profile, map or comparison; else null. */
    static ProfilesSection of(RunRecord.Data data) {
        if (data.profiles().isEmpty() && data.maps().isEmpty() && data.drifts().isEmpty()) {
            return null;
        }
        List<ProfileRows.ProfileRow> profiles = data.profiles().stream().sorted(ProfileRows.PROFILE_ORDER).toList();
        List<MapLine> maps = new ArrayList<>();
        int n = 0;
        for (ProfileRows.MapRow map : mapsInOrder(data.maps())) {
            maps.add(new MapLine(map.title(), map.profiles(), String.format(Locale.ROOT, "profile-map-%02d.png", ++n), map.tests()));
        }
        List<Comparison> comparisons = new ArrayList<>();
        n = 0;
        for (ProfileRows.DriftRow drift : data.drifts().stream().sorted(ProfileRows.DRIFT_ORDER).toList()) {
            comparisons.add(new Comparison(drift, drift.held() ? "passed" : "failed", drift.outcome(),
                    String.format(Locale.ROOT, "drift-%02d-%s.png", ++n, Names.fileName(drift.name()))));
        }
        String status = comparisons.stream().allMatch(c -> c.status().equals("passed")) ? "passed" : "failed";
        return new ProfilesSection(ProfileRows.TITLE, status, profiles, List.copyOf(maps), List.copyOf(comparisons));
    }

    /** The maps in the order the summary numbers them. */
    static List<ProfileRows.MapRow> mapsInOrder(List<ProfileRows.MapRow> maps) {
        return maps.stream().sorted(Comparator.comparing(ProfileRows.MapRow::title).thenComparing(ProfileRows.MapRow::key)).toList();
    }

    /** The values of the profiles, in the value system's order. */
    List<String> values() {
        List<String> values = new ArrayList<>();
        profiles.forEach(p -> p.values().forEach(v -> values.add(v.value())));
        comparisons.forEach(c -> c.drift().shifts().forEach(s -> values.add(s.value())));
        return values.stream().distinct().toList();
    }

    /** E.g. {@code 6 profiles, 1 map, 5 comparisons; 8 of 8 drift checks held}. */
    String line() {
        long checks = comparisons.stream().mapToLong(c -> c.drift().checks().size()).sum();
        long held = comparisons.stream().mapToLong(c -> c.drift().checks().stream().filter(ProfileRows.CheckRow::held).count()).sum();
        return String.format(Locale.ROOT, "%d profile%s, %d map%s, %d comparison%s; %d of %d drift check%s held", profiles.size(),
                profiles.size() == 1 ? "" : "s", maps.size(), maps.size() == 1 ? "" : "s", comparisons.size(),
                comparisons.size() == 1 ? "" : "s", held, checks, checks == 1 ? "" : "s");
    }

    /** The section as Markdown: the profiles and their rates, the maps, then each comparison with its drift table. */
    void markdown(StringBuilder out) {
        out.append("## ").append(Markdown.cell(title)).append("\n\n").append(Markdown.icon(status)).append(' ').append(status)
                .append(": ").append(line()).append(".\n\n");
        if (!profiles.isEmpty()) {
            out.append("### Profiles\n\n");
            Markdown.table(out, profileHeader(), profileRows());
            for (String label : List.of("supports", "opposes")) {
                out.append("Rate of `").append(label).append("` per value over all answers (95% CI):\n\n");
                Markdown.table(out, rateHeader(), rateRows(label));
            }
        }
        if (!maps.isEmpty()) {
            out.append("### Maps\n\n");
            for (MapLine map : maps) {
                out.append("- ").append(Markdown.cell(map.title())).append(": `charts/").append(map.chart()).append('`');
                if (!map.tests().isEmpty()) {
                    out.append(" (").append(Markdown.cell(String.join(", ", map.tests()))).append(')');
                }
                out.append('\n');
            }
            out.append('\n');
        }
        for (Comparison c : comparisons) {
            ProfileRows.DriftRow d = c.drift();
            out.append("### ").append(Markdown.icon(c.status())).append(' ').append(Markdown.cell(d.name())).append(": ")
                    .append(Markdown.cell(c.outcome())).append("\n\n").append(Markdown.cell(d.summary())).append(".\n\n");
            if (!d.checks().isEmpty()) {
                Markdown.table(out, CHECK_HEADER, checkRows(d));
            }
            Markdown.table(out, SPACE_HEADER, d.spaces().stream().map(ProfilesSection::spaceCells).toList());
            Markdown.table(out, shiftHeader(), shiftRows(d));
            out.append(note(d)).append(" Chart: `charts/").append(c.chart()).append("`.\n\n");
        }
    }

    /** The header of the profiles table. */
    static List<String> profileHeader() {
        return List.of("profile", "value system", "battery", "encoder", "calibration", "answers", "built by");
    }

    /** One line per profile: what it was built from. */
    List<List<String>> profileRows() {
        return profiles.stream().map(p -> List.of(p.name(), p.valueSystem(), p.battery(), p.encoder(), p.calibrationId(),
                String.valueOf(p.answers()), String.join(", ", p.tests()))).toList();
    }

    /** The header of a rates table: the value, then one column per profile. */
    List<String> rateHeader() {
        List<String> header = new ArrayList<>(List.of("value"));
        profiles.forEach(p -> header.add(p.name()));
        return header;
    }

    /** Per value, the rate of {@code label} ({@code supports} or {@code opposes}) in each profile with its interval. */
    List<List<String>> rateRows(String label) {
        List<List<String>> rows = new ArrayList<>();
        for (String value : values()) {
            List<String> cells = new ArrayList<>(List.of(value));
            for (ProfileRows.ProfileRow p : profiles) {
                cells.add(p.values().stream().filter(v -> v.value().equals(value)).findFirst()
                        .map(v -> (label.equals("supports") ? v.supports() : v.opposes()).text()).orElse("-"));
            }
            rows.add(cells);
        }
        return rows;
    }

    static final List<String> CHECK_HEADER = List.of("test", "check", "result");

    /** The checks tests made of a comparison. */
    static List<List<String>> checkRows(ProfileRows.DriftRow d) {
        return d.checks().stream().map(k -> List.of(k.test(), k.description(),
                Markdown.icon(k.held() ? "passed" : "failed") + " " + k.outcome())).toList();
    }

    /** How the figures of a comparison were computed. */
    static String note(ProfileRows.DriftRow d) {
        return String.format(Locale.ROOT, "Shifts: energy distance of each value's scores (P(supports) − P(opposes)),"
                + " permutation test, Holm across values; rates: exact McNemar on the paired questions, Holm across values"
                + " and labels; alpha %s.", alpha(d.alpha()));
    }

    static final List<String> SPACE_HEADER = List.of("space", "energy distance", "H", "p", "permutations",
            "source identification (95% CI)");

    static List<String> spaceCells(ProfileRows.SpaceLine s) {
        return List.of(s.description(), String.format(Locale.ROOT, "%.5f", s.distance()), String.format(Locale.ROOT, "%.4f", s.coefficient()),
                String.format(Locale.ROOT, "%.4f", s.pValue()), s.permutationText(),
                s.identification().text() + String.format(Locale.ROOT, " (%d/%d, %d folds)", s.identification().count(),
                        s.identification().of(), s.folds()));
    }

    static List<String> shiftHeader() {
        return List.of("value", "mean score change", "H", "p", "p Holm", "supports: baseline → candidate",
                "opposes: baseline → candidate", "result");
    }

    static List<List<String>> shiftRows(ProfileRows.DriftRow d) {
        List<List<String>> rows = new ArrayList<>();
        for (ProfileRows.ShiftLine s : d.shifts()) {
            List<ProfileRows.RateLine> rates = d.rates().stream().filter(r -> r.value().equals(s.value())).toList();
            boolean changed = rates.stream().anyMatch(ProfileRows.RateLine::significant);
            rows.add(List.of(s.value(), String.format(Locale.ROOT, "%+.3f", s.meanChange()),
                    String.format(Locale.ROOT, "%.4f", s.coefficient()), String.format(Locale.ROOT, "%.4f", s.pValue()),
                    String.format(Locale.ROOT, "%.4f", s.adjustedPValue()), rate(rates, "supports"), rate(rates, "opposes"),
                    s.significant() && changed ? "SHIFTED, RATES CHANGED" : s.significant() ? "SHIFTED"
                            : changed ? "RATES CHANGED" : "unchanged"));
        }
        return rows;
    }

    private static String rate(List<ProfileRows.RateLine> rates, String label) {
        return rates.stream().filter(r -> r.label().equals(label)).findFirst().map(ProfileRows.RateLine::text).orElse("-");
    }

    static String alpha(double alpha) {
        return String.format(Locale.ROOT, "%.2f", alpha);
    }
}
