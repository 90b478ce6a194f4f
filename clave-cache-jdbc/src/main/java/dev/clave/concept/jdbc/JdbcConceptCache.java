package dev.clave.concept.jdbc;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveTransientException;
import dev.clave.concept.CacheKey;
import dev.clave.concept.CacheStats;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.StoredConcepts;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A {@link ConceptCache} in PostgreSQL, shared by every CI runner, developer machine and batch job of a team, so
 * that a text's concepts are extracted by the large model once per organisation. Same keys and semantics as the
 * directory store ({@link ConceptCache#directory}); plain JDBC ({@code java.sql}), the driver is the user's
 * dependency ({@code org.postgresql:postgresql}).
 *
 * <ul>
 *   <li><b>An in-process layer</b> (Caffeine, {@link JdbcCacheSettings#localEntries()} entries) in front: a JVM asks
 *       the database once per text; misses are not remembered, so an entry another runner writes is seen.</li>
 *   <li><b>Bulk lookups</b>: {@link #getAll} asks for a whole batch in one query.</li>
 *   <li><b>Idempotent inserts</b>: {@code INSERT ... ON CONFLICT DO NOTHING}; when runners race on a key, the first
 *       writer wins and every runner reads its concepts from then on. No row is ever half-written: each insert is
 *       one statement, each {@link #putAll} chunk one transaction.</li>
 *   <li><b>Schema</b> created or migrated on first use, in one locked transaction, its version recorded in
 *       {@code clave_cache_schema}. A {@linkplain Builder#readOnly(boolean) read-only} store (cache modes read-only
 *       and replay) never creates, migrates or writes anything.</li>
 *   <li><b>A corrupt row</b> (concepts that are not a list of concepts, key columns that do not match) is logged,
 *       counted in {@link #stats()} and served as a miss; the next {@link #put} of its key replaces exactly that
 *       row. Never fatal.</li>
 *   <li><b>A database that cannot be reached</b> fails the call with a {@link ClaveTransientException} that names the
 *       server (never the password) and how to go on without it; a connection that went stale (server restarted)
 *       is replaced once, transparently.</li>
 * </ul>
 *
 * <p>Thread-safe. Opens connections lazily: making a store never touches the database. Close it to close its idle
 * connections.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcConceptCache implements ConceptCache, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConceptCache.class);
    // strict like the directory store: a number or a boolean is never read as a concept's text or value
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(LogicalType.Textual, config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            })
            .build();
    private static final TypeReference<List<Concept>> CONCEPTS = new TypeReference<>() {
    };
    private static final int LOOKUP_CHUNK = 1_000;
    private static final int INSERT_CHUNK = 500;
    private static final String COLUMNS = "key_hash, extractor_id, extractor_version, value_system, text_sha256, scenario, text, concepts";
    private static final String INSERT = "INSERT INTO " + Schema.TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb)) "
            + "ON CONFLICT (key_hash) DO NOTHING";

    private final Connections connections;
    private final String where;
    private final boolean readOnly;
    private final Cache<CacheKey, List<Concept>> local;
    private final Object schemaLock = new Object();
    private volatile int schemaVersion;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong localHits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong corruptFound = new AtomicLong();
    private final Map<String, CorruptRow> corrupt = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private JdbcConceptCache(Builder builder) {
        this.connections = builder.dataSource != null ? Connections.of(builder.dataSource) : Connections.of(builder.settings);
        this.where = builder.settings != null ? builder.settings.describeUrl() : builder.description;
        this.readOnly = builder.readOnly;
        int localEntries = builder.settings != null ? builder.settings.localEntries() : builder.localEntries;
        this.local = Caffeine.newBuilder().maximumSize(localEntries).build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A read-write store for the settings. */
    public static JdbcConceptCache of(JdbcCacheSettings settings) {
        return builder().settings(settings).build();
    }

    @Override
    public Optional<List<Concept>> get(CacheKey key, CacheEntryContext context) {
        return Optional.ofNullable(getAll(Map.of(key, context)).get(key));
    }

    /** Serves what the in-process layer holds and asks the database for the rest in one query (chunks of 1,000 keys). */
    @Override
    public Map<CacheKey, List<Concept>> getAll(Map<CacheKey, CacheEntryContext> entries) {
        Map<CacheKey, List<Concept>> found = new LinkedHashMap<>();
        Map<String, CacheKey> wanted = new LinkedHashMap<>();
        for (CacheKey key : entries.keySet()) {
            List<Concept> known = local.getIfPresent(key);
            if (known != null) {
                found.put(key, known);
                localHits.incrementAndGet();
                hits.incrementAndGet();
            } else {
                wanted.put(key.hash(), key);
            }
        }
        if (!wanted.isEmpty()) {
            Map<CacheKey, List<Concept>> fromDatabase = withConnection("look up " + wanted.size() + " entries",
                    connection -> select(connection, wanted));
            for (CacheKey key : entries.keySet()) {
                List<Concept> concepts = fromDatabase.get(key);
                if (concepts != null) {
                    found.put(key, concepts);
                    local.put(key, concepts);
                    hits.incrementAndGet();
                } else if (!found.containsKey(key)) {
                    misses.incrementAndGet();
                }
            }
        }
        // in the order of entries
        Map<CacheKey, List<Concept>> ordered = new LinkedHashMap<>();
        for (CacheKey key : entries.keySet()) {
            List<Concept> concepts = found.get(key);
            if (concepts != null) {
                ordered.put(key, concepts);
            }
        }
        return ordered;
    }

    private Map<CacheKey, List<Concept>> select(Connection connection, Map<String, CacheKey> wanted) throws SQLException {
        Map<CacheKey, List<Concept>> found = new LinkedHashMap<>();
        List<String> hashes = new ArrayList<>(wanted.keySet());
        for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK));
            lookups.incrementAndGet();
            try (PreparedStatement query = connection.prepareStatement("SELECT key_hash, extractor_id, extractor_version, "
                    + "value_system, text_sha256, concepts::text FROM " + Schema.TABLE + " WHERE key_hash = ANY (?)")) {
                Array array = connection.createArrayOf("text", chunk.toArray());
                query.setArray(1, array);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        CacheKey key = wanted.get(rows.getString(1));
                        if (key != null) {
                            read(key, rows).ifPresent(concepts -> found.put(key, concepts));
                        }
                    }
                }
                array.free();
            }
        }
        return found;
    }

    private Optional<List<Concept>> read(CacheKey key, ResultSet row) throws SQLException {
        CorruptRow seen = new CorruptRow(row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6));
        if (!key.extractorId().equals(seen.extractorId()) || !key.extractorVersion().equals(seen.extractorVersion())
                || !key.valueSystem().equals(seen.valueSystem()) || !key.textSha256().equals(seen.textSha256())) {
            return corrupt(key, seen, "holds the key columns of another entry (" + seen.extractorId() + " v"
                    + seen.extractorVersion() + ", " + seen.valueSystem() + ", text " + seen.textSha256() + ")");
        }
        try {
            List<Concept> concepts = JSON.readValue(seen.concepts(), CONCEPTS);
            if (concepts == null || concepts.contains(null)) {
                return corrupt(key, seen, "has no list of concepts");
            }
            corrupt.remove(key.hash());
            return Optional.of(List.copyOf(concepts));
        } catch (IOException | IllegalArgumentException e) {
            return corrupt(key, seen, "has concepts that cannot be read: " + firstLine(e.getMessage()));
        }
    }

    private Optional<List<Concept>> corrupt(CacheKey key, CorruptRow row, String why) {
        if (corrupt.put(key.hash(), row) == null) {
            corruptFound.incrementAndGet();
            String problem = Printable.escape("Concept cache row " + key.hash() + " in " + Schema.TABLE + " at " + where
                    + " " + why + "; it is skipped and will be re-extracted");
            problems.add(problem);
            LOG.warn(problem);
        }
        return Optional.empty();
    }

    /**
     * Stores the concepts unless the key already has a row ({@code ON CONFLICT DO NOTHING}: the first writer wins).
     * A row this store found corrupt is replaced, in one transaction, only if it is still exactly what was read.
     *
     * @throws IllegalStateException when the store is read-only
     * @throws ClaveTransientException when the database cannot be reached; nothing was written
     */
    @Override
    public void put(CacheKey key, CacheEntryContext context, List<Concept> concepts) {
        checkWritable();
        List<Concept> copy = List.copyOf(concepts);
        StoredConcepts entry = new StoredConcepts(key, context, copy);
        CorruptRow bad = corrupt.get(key.hash());
        boolean inserted = withConnection("store an entry", connection -> bad == null
                ? insert(connection, entry) : replace(connection, entry, bad));
        if (inserted) {
            writes.incrementAndGet();
            corrupt.remove(key.hash());
            local.put(key, copy);
        } else {
            // Another writer was first: serve its concepts from now on.
            local.invalidate(key);
        }
    }

    private boolean insert(Connection connection, StoredConcepts entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, entry);
            return insert.executeUpdate() == 1;
        }
    }

    private boolean replace(Connection connection, StoredConcepts entry, CorruptRow bad) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + Schema.TABLE + " WHERE key_hash = ? "
                    + "AND extractor_id = ? AND extractor_version = ? AND value_system = ? AND text_sha256 = ? "
                    + "AND concepts::text = ?")) {
                delete.setString(1, entry.key().hash());
                delete.setString(2, bad.extractorId());
                delete.setString(3, bad.extractorVersion());
                delete.setString(4, bad.valueSystem());
                delete.setString(5, bad.textSha256());
                delete.setString(6, bad.concepts());
                delete.executeUpdate();
            }
            boolean inserted = insert(connection, entry);
            connection.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            Schema.rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Stores many entries, in transactions of 500; a key that already has a row keeps it. What {@code clave cache
     * import} uses.
     *
     * @return the number of rows inserted
     * @throws ClaveTransientException when the database cannot be reached; every chunk committed before stays whole
     */
    public long putAll(Collection<StoredConcepts> entries) {
        checkWritable();
        List<StoredConcepts> all = List.copyOf(entries);
        long inserted = 0;
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
            List<StoredConcepts> chunk = all.subList(from, Math.min(all.size(), from + INSERT_CHUNK));
            long count = withConnection("store " + chunk.size() + " entries", connection -> insertChunk(connection, chunk));
            inserted += count;
            writes.addAndGet(count);
        }
        return inserted;
    }

    private long insertChunk(Connection connection, List<StoredConcepts> chunk) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (StoredConcepts entry : chunk) {
                bind(insert, entry);
                insert.addBatch();
            }
            long count = 0;
            for (int updated : insert.executeBatch()) {
                count += Math.max(updated, 0);
            }
            connection.commit();
            return count;
        } catch (SQLException | RuntimeException e) {
            Schema.rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void bind(PreparedStatement insert, StoredConcepts entry) throws SQLException {
        CacheKey key = entry.key();
        insert.setString(1, key.hash());
        insert.setString(2, key.extractorId());
        insert.setString(3, key.extractorVersion());
        insert.setString(4, key.valueSystem());
        insert.setString(5, key.textSha256());
        insert.setString(6, entry.context().scenario());
        insert.setString(7, entry.context().text());
        try {
            insert.setString(8, JSON.writeValueAsString(entry.concepts()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write concepts as JSON", e);
        }
    }

    /**
     * Hands every readable row to {@code action}, in key order, streaming (rows are fetched 1,000 at a time); corrupt
     * rows are reported in {@link #stats()} and skipped. What {@code clave cache export} uses.
     *
     * @param extractorId only rows of this extractor id, or null for all
     * @param valueSystem only rows of this value system ({@code id@version}), or null for all
     * @return the number of entries handed over
     */
    public long forEachEntry(@Nullable String extractorId, @Nullable String valueSystem, Consumer<StoredConcepts> action) {
        return withConnection("list entries", connection -> {
            connection.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
            try (PreparedStatement query = connection.prepareStatement("SELECT key_hash, extractor_id, extractor_version, "
                    + "value_system, text_sha256, concepts::text, scenario, text FROM " + Schema.TABLE
                    + " WHERE (CAST(? AS text) IS NULL OR extractor_id = ?) AND (CAST(? AS text) IS NULL OR value_system = ?)"
                    + " ORDER BY key_hash")) {
                query.setFetchSize(LOOKUP_CHUNK);
                query.setString(1, extractorId);
                query.setString(2, extractorId);
                query.setString(3, valueSystem);
                query.setString(4, valueSystem);
                long handed = 0;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String extractor = rows.getString(2);
                        String version = rows.getString(3);
                        String system = rows.getString(4);
                        String textHash = rows.getString(5);
                        String text = rows.getString(8);
                        if (isBlank(extractor) || isBlank(version) || isBlank(system) || isBlank(textHash) || isBlank(text)) {
                            reportOnce(rows.getString(1), "has an empty key column or text");
                            continue;
                        }
                        CacheKey key = new CacheKey(extractor, version, system, textHash);
                        if (!key.hash().equals(rows.getString(1))) {
                            reportOnce(rows.getString(1), "does not hash to its key_hash");
                            continue;
                        }
                        Optional<List<Concept>> concepts = read(key, rows);
                        if (concepts.isPresent()) {
                            action.accept(new StoredConcepts(key, new CacheEntryContext(text, rows.getString(7)), concepts.get()));
                            handed++;
                        }
                    }
                }
                connection.commit();
                return handed;
            } finally {
                Schema.rollbackQuietly(connection);
                connection.setAutoCommit(true);
            }
        });
    }

    private void reportOnce(String keyHash, String why) {
        if (corrupt.putIfAbsent(keyHash, new CorruptRow("", "", "", "", "")) == null) {
            corruptFound.incrementAndGet();
            String problem = Printable.escape("Concept cache row " + keyHash + " in " + Schema.TABLE + " at " + where + " " + why
                    + "; it is skipped");
            problems.add(problem);
            LOG.warn(problem);
        }
    }

    /** The number of rows, for reports. */
    public long size() {
        return withConnection("count entries", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + Schema.TABLE);
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public CacheStats stats() {
        synchronized (problems) {
            return new CacheStats(hits.get(), misses.get(), writes.get(), corruptFound.get(), problems);
        }
    }

    /** Lookups served by the in-process layer, without asking the database. */
    public long localHits() {
        return localHits.get();
    }

    /** Queries sent to the database to look entries up (a bulk lookup of up to 1,000 keys is one). */
    public long databaseLookups() {
        return lookups.get();
    }

    /** The schema version found in the database (after migration for a read-write store), or 0 before first use. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Whether this store never writes. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Closes the idle connections; the store opens new ones if it is used again. */
    @Override
    public void close() {
        connections.close();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("This concept cache at " + where + " is read-only (cache mode read-only or replay)");
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work on a connection, creating or checking the schema first. A connection failure is retried once on a
     * fresh connection (the idle ones may have gone stale after a server restart); every other failure is mapped to
     * an exception that says what to do.
     */
    private <T> T withConnection(String what, Work<T> work) {
        for (int attempt = 0; ; attempt++) {
            Connection connection = null;
            boolean broken = false;
            try {
                connection = connections.borrow();
                ensureSchema(connection);
                return work.run(connection);
            } catch (SQLException e) {
                broken = true;
                if (attempt == 0 && isConnectionFailure(e) && connection != null) {
                    connections.dropIdle();
                    continue;
                }
                throw translate(what, e);
            } catch (RuntimeException e) {
                broken = true;
                throw e;
            } finally {
                connections.release(connection, broken);
            }
        }
    }

    private void ensureSchema(Connection connection) throws SQLException {
        if (schemaVersion != 0) {
            return;
        }
        synchronized (schemaLock) {
            if (schemaVersion != 0) {
                return;
            }
            if (readOnly) {
                schemaVersion = Schema.check(connection, where);
            } else {
                int before = Schema.migrate(connection, Schema.CURRENT, where);
                if (before < Schema.CURRENT) {
                    LOG.info("Concept cache schema at {} {} version {}", where, before == 0 ? "created at" : "migrated from version "
                            + before + " to", Schema.CURRENT);
                }
                schemaVersion = Schema.CURRENT;
            }
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private ClaveException translate(String what, SQLException e) {
        String state = Objects.requireNonNullElse(e.getSQLState(), "");
        String reason = firstLine(e.getMessage());
        if (isConnectionFailure(e)) {
            return new ClaveTransientException("The concept cache database at " + where + " cannot be reached (" + reason
                    + ") while trying to " + what + "; nothing was half-written. Is the server running? Try again, or go on "
                    + "without it: export the cache with `clave cache export --to DIR` while it runs, and replay it with "
                    + "--cache DIR --cache-mode replay.", e);
        }
        if (state.startsWith("28")) {
            return new ClaveConfigurationException("The concept cache database at " + where + " refused the login (" + reason
                    + "). Check " + JdbcCacheSettings.USER + " and the password in " + JdbcCacheSettings.PASSWORD_VARIABLE + ".", e);
        }
        if (state.equals("3D000")) {
            return new ClaveConfigurationException("The concept cache database at " + where + " does not exist (" + reason
                    + "). Create it (CREATE DATABASE ...) or fix " + JdbcCacheSettings.URL + ".", e);
        }
        if (state.equals("42501")) {
            return new ClaveConfigurationException("The database user may not " + what + " in the concept cache at " + where
                    + " (" + reason + "). Grant it SELECT, INSERT and DELETE on " + Schema.TABLE + " (and CREATE for the first "
                    + "run, which creates the tables), or use cache mode read-only.", e);
        }
        return new ClaveException("The concept cache database at " + where + " failed to " + what + ": " + reason
                + " (SQL state " + state + ")", e);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return "concept cache in the database " + where + (readOnly ? " (read-only)" : "");
    }

    /** A row as read when it was found corrupt: a later put replaces it only if it is still exactly this. */
    private record CorruptRow(String extractorId, String extractorVersion, String valueSystem, String textSha256,
                              String concepts) {
    }

    /**
     * Configures a {@link JdbcConceptCache}: either {@link #settings(JdbcCacheSettings)} (URL, user, password from the
     * environment) or {@link #dataSource(DataSource, String)} (a pool of your own).
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable JdbcCacheSettings settings;
        private @Nullable DataSource dataSource;
        private String description = "a data source";
        private boolean readOnly;
        private int localEntries = JdbcCacheSettings.DEFAULT_LOCAL_ENTRIES;

        private Builder() {
        }

        /** Connect with these settings through the JDBC driver for their URL. */
        public Builder settings(JdbcCacheSettings settings) {
            this.settings = notNull(settings, "settings");
            this.dataSource = null;
            return this;
        }

        /** Connect through a data source, e.g. a HikariCP pool; {@code description} names it in messages. */
        public Builder dataSource(DataSource dataSource, String description) {
            this.dataSource = notNull(dataSource, "dataSource");
            this.description = notNull(description, "description");
            this.settings = null;
            return this;
        }

        /** A read-only store never creates, migrates or writes (cache modes read-only and replay). Default false. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Entries kept in-process with a data source (with settings, {@link JdbcCacheSettings#localEntries()}). */
        public Builder localEntries(int localEntries) {
            if (localEntries < 0) {
                throw new IllegalArgumentException("localEntries must be at least 0, but is: " + localEntries);
            }
            this.localEntries = localEntries;
            return this;
        }

        public JdbcConceptCache build() {
            if (settings == null && dataSource == null) {
                throw new ClaveConfigurationException("A jdbc concept cache needs settings (" + JdbcCacheSettings.URL
                        + ") or a data source");
            }
            return new JdbcConceptCache(this);
        }
    }
}
