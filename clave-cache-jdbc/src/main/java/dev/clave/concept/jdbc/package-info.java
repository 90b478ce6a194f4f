/**
 * A concept cache in PostgreSQL, shared by many CI runners, developers' machines and batch jobs, over plain JDBC with
 * an in-process Caffeine layer in front: {@link dev.clave.concept.jdbc.JdbcConceptCache}, the store {@code jdbc} that
 * {@link dev.clave.concept.jdbc.JdbcConceptCacheProvider} makes when configuration names it ({@code clave.cache.store=jdbc}).
 *
 * @since 0.1
 */
package dev.clave.concept.jdbc;
