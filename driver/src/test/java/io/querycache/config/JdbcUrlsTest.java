package io.querycache.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://app:s3cret@db:5432/shop|jdbc:postgresql://***@db:5432/shop",
            "jdbc:postgresql://db/shop?user=app&password=s3cret&ssl=true|jdbc:postgresql://db/shop?user=app&password=***&ssl=true",
            "jdbc:mysql://db/shop?PASSWORD=s3cret|jdbc:mysql://db/shop?PASSWORD=***",
            "jdbc:sqlserver://db;user=app;password=s3cret;database=shop|jdbc:sqlserver://db;user=app;password=***;database=shop",
            "jdbc:h2:mem:x;PWD=s3cret|jdbc:h2:mem:x;PWD=***",
            "jdbc:oracle:thin:app/s3cret@db:1521/XE|jdbc:oracle:thin:***@db:1521/XE",
            "jdbc:postgresql://db/shop?sslpassword=s3cret|jdbc:postgresql://db/shop?sslpassword=***"})
    void redactsPasswordsInEveryCommonForm(String url, String redacted) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(redacted).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://app:s3cret@db:5432/shop|jdbc:postgresql://db:5432/shop",
            "jdbc:postgresql://db/shop?user=app&password=s3cret&ssl=true|jdbc:postgresql://db/shop?ssl=true",
            "jdbc:postgresql://db/shop?password=s3cret|jdbc:postgresql://db/shop",
            "jdbc:sqlserver://db;user=app;password=s3cret;database=shop|jdbc:sqlserver://db;database=shop"})
    void namesCachesWithoutAnyCredentials(String url, String name) {
        assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo(name);
    }

    @Test
    void findsTheUserInTheUrl() {
        assertThat(JdbcUrls.userIn("jdbc:postgresql://db/shop?user=app&password=x")).isEqualTo("app");
        assertThat(JdbcUrls.userIn("jdbc:postgresql://app:x@db/shop")).isEqualTo("app");
        assertThat(JdbcUrls.userIn("jdbc:h2:mem:x")).isNull();
    }

    @Test
    void stripsTheExactPrefixOnly() throws SQLException {
        assertThat(JdbcUrls.target("jdbc:querycache:h2:mem:querycache:x")).isEqualTo("jdbc:h2:mem:querycache:x");
    }
}
