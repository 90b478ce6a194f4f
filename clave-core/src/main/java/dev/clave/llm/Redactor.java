package dev.clave.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a message, a log line or a report: the configured API keys wherever
 * they occur, bearer tokens, and strings shaped like provider keys ({@code sk-...}). Providers sometimes echo the
 * key they received in an error body; those bodies pass through here before Clave shows them. Thread-safe.
 */
final class Redactor {

    static final String MASK = "[REDACTED]";
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}");
    private static final Pattern HEADER = Pattern.compile("(?i)((?:x-api-key|api-key|authorization)\"?\\s*[:=]\\s*\"?)(?:bearer\\s+)?[^\\s\",}]{6,}");

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= 4) {
                usable.add(secret.strip());
            }
        }
        // longest first, so that a key containing another is masked whole
        usable.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.secrets = List.copyOf(usable);
    }

    /** The text with every secret masked; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return KEY_LIKE.matcher(out).replaceAll(MASK);
    }

    /**
     * A copy of an exception chain whose messages are redacted: same class names (in {@link Throwable#toString()}),
     * same stack traces, same depth. It serves as the cause of Clave's own exceptions, so that a stack trace keeps
     * what failed where, and never a key.
     */
    RuntimeException redact(Throwable error) {
        return copy(error, 0);
    }

    private RedactedException copy(Throwable error, int depth) {
        Throwable cause = error.getCause();
        RedactedException next = cause == null || cause == error || depth > 16 ? null : copy(cause, depth + 1);
        RedactedException copy = new RedactedException(error.getClass().getName(), redact(error.getMessage()), next);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** A redacted stand-in for a provider's exception; prints as the original class would. */
    static final class RedactedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String originalClass;

        RedactedException(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The class name of the exception this stands for. */
        String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
