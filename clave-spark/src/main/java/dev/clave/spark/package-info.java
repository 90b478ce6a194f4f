/**
 * Batch audits of logged model answers against a value system on Apache Spark: {@link dev.clave.spark.AuditJob}
 * (the command, embedded {@code local[N]} or {@code spark-submit}) and {@link dev.clave.spark.Audit} (the pipeline).
 *
 * @since 0.1
 */
package dev.clave.spark;
