package dev.clave.concept.jdbc;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.ConceptCaches;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcCacheSettingsTest {

    @Test
    void reads_url_and_user_from_configuration_and_the_password_from_the_environment_only() {
        JdbcCacheSettings settings = JdbcCacheSettings.fromProperties(
                Map.of("clave.cache.jdbc.url", "jdbc:postgresql://db.example:5432/clave?sslmode=require",
                        "clave.cache.jdbc.user", "ci", "clave.cache.jdbc.local-entries", "10")::get,
                Map.of("CLAVE_CACHE_JDBC_PASSWORD", "s3cret-pw")::get);

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example:5432/clave?sslmode=require");
        assertThat(settings.user()).isEqualTo("ci");
        assertThat(settings.password()).isEqualTo("s3cret-pw");
        assertThat(settings.localEntries()).isEqualTo(10);
        assertThat(settings.toString()).doesNotContain("s3cret-pw").doesNotContain("sslmode").contains("password=***");
        assertThat(settings.describeUrl()).isEqualTo("jdbc:postgresql://db.example:5432/clave");
    }

    @Test
    void the_jdbc_store_is_chosen_by_configuration_and_reads_only_its_own_keys() {
        Map<String, String> properties = Map.of("clave.cache.store", "jdbc", "clave.cache.mode", "read-only",
                "clave.cache.jdbc.url", "jdbc:postgresql://db.example:5432/clave", "clave.cache.jdbc.user", "ci",
                "clave.cache.jdbc.local-entries", "7", "clave.cache.jdbc.password", "not-read-from-configuration");

        CacheSettings cache = CacheSettings.fromProperties(properties::get, Path.of("."));
        JdbcCacheSettings settings = JdbcCacheSettings.from(cache, Map.of("CLAVE_CACHE_JDBC_PASSWORD", "s3cret-pw")::get);

        assertThat(ConceptCaches.names()).containsExactly("directory", "jdbc", "memory");
        assertThat(ConceptCaches.provider("jdbc")).isInstanceOf(JdbcConceptCacheProvider.class);
        assertThat(cache.mode()).isEqualTo(CacheMode.READ_ONLY);
        assertThat(cache.options()).containsOnlyKeys("clave.cache.jdbc.url", "clave.cache.jdbc.user", "clave.cache.jdbc.local-entries");
        assertThat(settings).isEqualTo(new JdbcCacheSettings("jdbc:postgresql://db.example:5432/clave", "ci", "s3cret-pw", 7));
    }

    @Test
    void rejects_a_password_in_the_url_and_names_the_variable_to_use() {
        assertThatThrownBy(() -> JdbcCacheSettings.fromProperties(
                Map.of("clave.cache.jdbc.url", "jdbc:postgresql://db/clave?user=ci&password=hunter2")::get, name -> null))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("must not hold a password")
                .hasMessageContaining("CLAVE_CACHE_JDBC_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void a_missing_url_says_which_key_to_set() {
        assertThatThrownBy(() -> JdbcCacheSettings.fromProperties(name -> null, name -> null))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageStartingWith("The jdbc concept cache needs clave.cache.jdbc.url, e.g. jdbc:postgresql://");
    }

    @Test
    void rejects_a_url_that_is_not_jdbc() {
        assertThatThrownBy(() -> new JdbcCacheSettings("postgres://db/clave", null, null, 1))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("must be a JDBC URL");
    }
}
