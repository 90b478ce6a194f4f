package dev.clave.junit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How tests and cases are named in reports, and the natural order of names ({@code case-2} before {@code case-10}). */
final class Names {

    /** Compares names piece by piece, runs of digits by their number, the rest ignoring case. */
    static final Comparator<String> NATURAL = Names::compareNaturally;

    private Names() {
    }

    /**
     * A readable name of a test from its JUnit unique id:
     * {@code [engine:junit-jupiter]/[class:a.b.FooTest]/[method:bar()]} gives {@code FooTest.bar}; a class alone gives its
     * simple name; anything unexpected is returned as it is.
     */
    static String testName(String uniqueId) {
        List<String> parts = new ArrayList<>();
        for (String segment : uniqueId.split("/")) {
            if (!segment.startsWith("[") || !segment.endsWith("]") || segment.indexOf(':') < 0) {
                return uniqueId;
            }
            String type = segment.substring(1, segment.indexOf(':'));
            String value = segment.substring(segment.indexOf(':') + 1, segment.length() - 1);
            switch (type) {
                case "class", "nested-class" -> parts.add(value.substring(value.lastIndexOf('.') + 1).replace('$', '.'));
                case "method", "test-template", "test-factory" -> parts.add(value.contains("(")
                        ? value.substring(0, value.indexOf('(')) : value);
                case "test-template-invocation", "dynamic-test" -> parts.add(value);
                default -> {
                }
            }
        }
        return parts.isEmpty() ? uniqueId : String.join(".", parts);
    }

    /** The id a file name can carry: letters, digits, dot, dash and underscore; the rest becomes {@code -}. */
    static String fileName(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-");
        cleaned = cleaned.replaceAll("^-|-$", "");
        return cleaned.isEmpty() ? "x" : cleaned;
    }

    static int compareNaturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int byLength = Integer.compare(na.length(), nb.length());
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = na.compareTo(nb);
                if (byDigits != 0) {
                    return byDigits;
                }
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        return rest != 0 ? rest : a.compareTo(b);
    }
}
