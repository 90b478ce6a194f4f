package dev.clave.concept.jdbc;

import dev.clave.ClaveConfigurationException;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Where the store's connections come from: a {@link DataSource} the user gives (a pool such as HikariCP), or the
 * JDBC driver for the URL, with a few idle connections kept for reuse. The driver is found through
 * {@link ServiceLoader} in this library's class loader first, so that it is found in a Spark executor or a
 * plug-in class loader where {@link DriverManager} does not look.
 */
final class Connections implements AutoCloseable {

    private static final int IDLE = 16;

    private final @Nullable DataSource dataSource;
    private final @Nullable JdbcCacheSettings settings;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE);
    private volatile @Nullable Driver driver;

    private Connections(@Nullable DataSource dataSource, @Nullable JdbcCacheSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    static Connections of(DataSource dataSource) {
        return new Connections(dataSource, null);
    }

    static Connections of(JdbcCacheSettings settings) {
        return new Connections(null, settings);
    }

    /** An open connection in auto-commit mode. */
    Connection borrow() throws SQLException {
        if (dataSource != null) {
            return dataSource.getConnection();
        }
        Connection reused = idle.poll();
        if (reused != null) {
            return reused;
        }
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        // Fail within seconds, not never, when the server is unreachable; the URL may set other values.
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "clave");
        Connection connection = driver().connect(settings.url(), properties);
        if (connection == null) {
            throw new ClaveConfigurationException("The JDBC driver " + driver().getClass().getName() + " does not accept "
                    + settings.describeUrl());
        }
        return connection;
    }

    /** Gives a connection back: kept for reuse when it is healthy and in auto-commit mode, closed otherwise. */
    void release(@Nullable Connection connection, boolean broken) {
        if (connection == null) {
            return;
        }
        boolean keep = false;
        if (dataSource == null && !broken) {
            try {
                keep = connection.getAutoCommit() && idle.offer(connection);
            } catch (SQLException e) {
                keep = false;
            }
        }
        if (!keep) {
            closeQuietly(connection);
        }
    }

    /** Closes the idle connections (a stale one after a server restart, or all of them on close). */
    void dropIdle() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private Driver driver() {
        Driver found = driver;
        if (found != null) {
            return found;
        }
        String url = settings.url();
        for (Driver candidate : ServiceLoader.load(Driver.class, Connections.class.getClassLoader())) {
            try {
                if (candidate.acceptsURL(url)) {
                    driver = candidate;
                    return candidate;
                }
            } catch (SQLException ignored) {
                // not this one
            }
        }
        try {
            found = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ClaveConfigurationException("No JDBC driver on the class path accepts " + settings.describeUrl()
                    + ". Add the PostgreSQL driver (org.postgresql:postgresql, e.g. 42.7.14) to the dependencies of the "
                    + "tests or job that use the jdbc concept cache.");
        }
        driver = found;
        return found;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        dropIdle();
    }
}
