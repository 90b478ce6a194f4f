/**
 * A concept cache in PostgreSQL, shared by many CI runners, developers' machines and batch jobs, over plain JDBC with
 * an in-process Caffeine layer in front: {@link dev.clave.concept.jdbc.JdbcConceptCache}.
 *
 * @since 0.1
 */
package dev.clave.concept.jdbc;
