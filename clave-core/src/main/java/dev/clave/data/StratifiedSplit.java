package dev.clave.data;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.positive;

/**
 * Splits labelled samples into a small calibration set and a test set, stratified per value: for each value,
 * {@code perValue} samples are drawn with its labels in proportion to the data (largest remainders), except that
 * each label present gets at least {@code minPerLabel} (a rare label would otherwise be left out); the rest go to
 * the test set. Every sample lands in exactly one of the two. Deterministic for a seed.
 *
 * @param calibration the drawn samples, in input order
 * @param test        the others, in input order
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record StratifiedSplit(List<LabelledSample> calibration, List<LabelledSample> test) {

    public StratifiedSplit {
        calibration = List.copyOf(calibration);
        test = List.copyOf(test);
    }

    /** Splits samples; see the class description. */
    public static StratifiedSplit of(List<LabelledSample> samples, int perValue, int minPerLabel, long seed) {
        positive(perValue, "perValue");
        atLeast(minPerLabel, 0, "minPerLabel");
        Map<String, Map<Label, List<Integer>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            LabelledSample s = samples.get(i);
            groups.computeIfAbsent(s.value(), v -> new EnumMap<>(Label.class))
                    .computeIfAbsent(s.label(), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        boolean[] chosen = new boolean[samples.size()];
        for (Map<Label, List<Integer>> byLabel : groups.values()) {
            Map<Label, Integer> quota = allocate(byLabel, perValue, minPerLabel);
            for (Map.Entry<Label, List<Integer>> entry : byLabel.entrySet()) {
                List<Integer> members = new ArrayList<>(entry.getValue());
                java.util.Collections.shuffle(members, random);
                members.subList(0, quota.get(entry.getKey())).forEach(i -> chosen[i] = true);
            }
        }
        List<LabelledSample> calibration = new ArrayList<>();
        List<LabelledSample> test = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (chosen[i] ? calibration : test).add(samples.get(i));
        }
        return new StratifiedSplit(calibration, test);
    }

    private static Map<Label, Integer> allocate(Map<Label, List<Integer>> byLabel, int perValue, int minPerLabel) {
        int total = byLabel.values().stream().mapToInt(List::size).sum();
        int budget = Math.min(perValue, total);
        Map<Label, Integer> quota = new EnumMap<>(Label.class);
        Map<Label, Double> remainder = new EnumMap<>(Label.class);
        for (Map.Entry<Label, List<Integer>> e : byLabel.entrySet()) {
            double exact = (double) budget * e.getValue().size() / total;
            int floor = Math.max((int) Math.floor(exact), Math.min(minPerLabel, e.getValue().size()));
            quota.put(e.getKey(), Math.min(floor, e.getValue().size()));
            remainder.put(e.getKey(), exact - Math.floor(exact));
        }
        List<Label> byRemainder = new ArrayList<>(byLabel.keySet());
        byRemainder.sort(Comparator.comparingDouble((Label l) -> -remainder.get(l)).thenComparing(l -> l));
        while (sum(quota) < budget) {
            boolean grew = false;
            for (Label label : byRemainder) {
                if (sum(quota) < budget && quota.get(label) < byLabel.get(label).size()) {
                    quota.merge(label, 1, Integer::sum);
                    grew = true;
                }
            }
            if (!grew) {
                break;
            }
        }
        List<Label> largestFirst = new ArrayList<>(byLabel.keySet());
        largestFirst.sort(Comparator.comparingInt((Label l) -> -quota.get(l)).thenComparing(l -> l));
        boolean shrank = true;
        while (sum(quota) > budget && shrank) {
            shrank = false;
            for (Label label : largestFirst) {
                if (sum(quota) > budget && quota.get(label) > Math.min(minPerLabel, byLabel.get(label).size())) {
                    quota.merge(label, -1, Integer::sum);
                    shrank = true;
                }
            }
        }
        return quota;
    }

    private static int sum(Map<Label, Integer> quota) {
        return quota.values().stream().mapToInt(Integer::intValue).sum();
    }
}
