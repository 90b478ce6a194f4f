package dev.clave.concept.jdbc;

import dev.clave.ClaveConfigurationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of the cache and their migrations. Each migration runs once, in order, inside one transaction that
 * holds a PostgreSQL advisory lock, so that many runners starting at once neither race nor half-apply one; its
 * version is recorded in {@value #VERSION_TABLE}.
 */
final class Schema {

    static final String TABLE = "clave_concept_cache";
    static final String VERSION_TABLE = "clave_cache_schema";

    /** A step of the schema. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "concept cache entries", List.of("""
                    CREATE TABLE clave_concept_cache (
                        key_hash          TEXT PRIMARY KEY,
                        extractor_id      TEXT NOT NULL,
                        extractor_version TEXT NOT NULL,
                        value_system      TEXT NOT NULL,
                        text_sha256       TEXT NOT NULL,
                        scenario          TEXT,
                        text              TEXT NOT NULL,
                        concepts          JSONB NOT NULL,
                        created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
                    )""")),
            new Migration(2, "index for exports of one extractor and value system", List.of("""
                    CREATE INDEX clave_concept_cache_by_extractor
                        ON clave_concept_cache (extractor_id, value_system, key_hash)""")));

    /** The version this build writes. */
    static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    /** The oldest version this build can read (read-only stores never migrate). */
    static final int OLDEST_READABLE = 1;

    private static final long LOCK = 0x436c617665L; // "Clave"

    private Schema() {
    }

    /**
     * Creates or migrates the tables up to {@code target}; returns the version found before.
     *
     * @throws ClaveConfigurationException when the database holds a newer schema than this build knows
     */
    static int migrate(Connection connection, int target, String where) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            int found = version(statement);
            if (found > CURRENT) {
                throw newer(found, where);
            }
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > found && migration.version() <= target) {
                    for (String sql : migration.statements()) {
                        statement.execute(sql);
                    }
                    try (PreparedStatement record = connection.prepareStatement(
                            "INSERT INTO " + VERSION_TABLE + " (version, description) VALUES (?, ?)")) {
                        record.setInt(1, migration.version());
                        record.setString(2, migration.description());
                        record.executeUpdate();
                    }
                }
            }
            connection.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Checks, without changing anything, that the tables exist in a version this build reads.
     *
     * @throws ClaveConfigurationException when they do not
     */
    static int check(Connection connection, String where) throws SQLException {
        int found;
        try (Statement statement = connection.createStatement()) {
            found = version(statement);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                found = 0;
            } else {
                throw e;
            }
        }
        if (found < OLDEST_READABLE) {
            throw new ClaveConfigurationException("The concept cache database " + where + " has no concept cache tables yet, "
                    + "and a read-only or replay cache never creates them. Run once with cache mode read-write, or seed it "
                    + "with `clave cache import --from DIR`.");
        }
        if (found > CURRENT) {
            throw newer(found, where);
        }
        return found;
    }

    private static int version(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static ClaveConfigurationException newer(int found, String where) {
        return new ClaveConfigurationException("The concept cache database " + where + " has schema version " + found
                + ", newer than this Clave knows (" + CURRENT + "): another runner uses a newer Clave. Upgrade Clave here.");
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the transaction went with it
        }
    }
}
