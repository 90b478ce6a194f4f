package dev.clave.concept.jdbc;

import dev.clave.concept.CacheKey;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptExtractor;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Keys, entries and SQL helpers of the store's tests. */
final class Fixtures {

    static final ValueSystem SYSTEM = ValueSystems.builtIn("schwartz");
    static final ConceptExtractor EXTRACTOR = new SentenceConceptExtractor();

    private Fixtures() {
    }

    static TextInput text(int n) {
        return new TextInput("Answer number " + n + ". Be kind to people.", "prompt " + (n % 7));
    }

    static CacheKey key(int n) {
        return CacheKey.of(EXTRACTOR, SYSTEM, text(n));
    }

    static ConceptCache.CacheEntryContext context(int n) {
        return new ConceptCache.CacheEntryContext(text(n).text(), text(n).scenario());
    }

    /** What an extractor would give for text n: the same for every writer. */
    static List<Concept> concepts(int n) {
        return List.of(new Concept("concept of answer " + n, List.of("benevolence")), new Concept("be kind to people"));
    }

    static long count(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static List<String> strings(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
