package dev.clave.spark;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What an audit found, per value system: for every model, day ({@code all} for the whole period) and value, how many
 * answers were evaluated and the rate of each label with its Wilson interval.
 *
 * @param valueSystem    the value system, {@code id@version}
 * @param calibrationId  the calibration behind the verdicts
 * @param confidence     the confidence level of the intervals
 * @param answers        answers evaluated
 * @param extracted      answers whose concepts were not in the cache (sent to the extractor)
 * @param seconds        wall time of the evaluation and writing of verdicts
 * @param rows           one row per model, day and value
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"valueSystem", "calibrationId", "confidence", "answers", "extracted", "seconds", "rows"})
public record AuditSummary(String valueSystem, String calibrationId, double confidence, long answers, long extracted,
                           double seconds, List<Row> rows) {

    /** The day of the rows that cover the whole period. */
    public static final String ALL_DAYS = "all";

    public AuditSummary {
        rows = List.copyOf(rows);
    }

    /**
     * One model, day and value.
     *
     * @param model     the model that gave the answers
     * @param day       the UTC day ({@code yyyy-MM-dd}), or {@value AuditSummary#ALL_DAYS}
     * @param value     the value id
     * @param n         answers
     * @param supports  the rate of supports, with its interval
     * @param opposes   the rate of opposes, with its interval
     * @param unrelated the rate of unrelated, with its interval
     * @since 0.1
     */
    @JsonPropertyOrder({"model", "day", "value", "n", "supports", "opposes", "unrelated"})
    public record Row(String model, String day, String value, long n, Rate supports, Rate opposes, Rate unrelated) {
    }

    /**
     * A label's rate.
     *
     * @param count answers with the label
     * @param rate  count / n
     * @param lower lower bound of the Wilson interval
     * @param upper upper bound of the Wilson interval
     * @since 0.1
     */
    @JsonPropertyOrder({"count", "rate", "lower", "upper"})
    public record Rate(long count, double rate, double lower, double upper) {

        static Rate of(long count, long n, double confidence) {
            WilsonInterval interval = WilsonInterval.of(Math.toIntExact(count), Math.toIntExact(n), confidence);
            return new Rate(count, interval.rate(), interval.lower(), interval.upper());
        }
    }
}
