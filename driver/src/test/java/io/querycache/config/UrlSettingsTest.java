package io.querycache.config;

import io.querycache.error.SqlState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlSettingsTest {

    /** URL as written | URL the real driver gets | settings read, name=value separated by spaces. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // query form: first, middle, last, only, several
            "jdbc:postgresql://h/db?querycache.maxBytes=1m&ssl=false|jdbc:postgresql://h/db?ssl=false|querycache.maxBytes=1m",
            "jdbc:postgresql://h/db?ssl=false&querycache.maxBytes=1m&tcpKeepAlive=true|jdbc:postgresql://h/db?ssl=false&tcpKeepAlive=true|querycache.maxBytes=1m",
            "jdbc:postgresql://h/db?ssl=false&querycache.maxBytes=1m|jdbc:postgresql://h/db?ssl=false|querycache.maxBytes=1m",
            "jdbc:postgresql://h/db?querycache.maxBytes=1m|jdbc:postgresql://h/db|querycache.maxBytes=1m",
            "jdbc:postgresql://h/db?ssl=false&querycache.maxBytes=1m&querycache.name=shop|jdbc:postgresql://h/db?ssl=false|querycache.maxBytes=1m querycache.name=shop",
            "jdbc:postgresql://h/db?querycache.name=shop&querycache.enabled=false|jdbc:postgresql://h/db|querycache.name=shop querycache.enabled=false",
            "jdbc:mariadb://h:3306/db?querycache.name=a&useServerPrepStmts=true|jdbc:mariadb://h:3306/db?useServerPrepStmts=true|querycache.name=a",
            "jdbc:mysql://h/db?a=1&querycache.enabled=false&b=2|jdbc:mysql://h/db?a=1&b=2|querycache.enabled=false",
            // URL-encoded values and names; an empty parameter elsewhere stays as written
            "jdbc:postgresql://h/db?querycache.name=shop%20eu%3B1&ssl=false|jdbc:postgresql://h/db?ssl=false|querycache.name=shop eu;1",
            "jdbc:postgresql://h/db?querycache%2Ename=x|jdbc:postgresql://h/db?querycache%2Ename=x|-",
            "jdbc:postgresql://h/db?a=1&&querycache.name=x|jdbc:postgresql://h/db?a=1&|querycache.name=x",
            "jdbc:postgresql://h/db?querycache.bus=redis%3A%2F%2Fh%3A6379%2Fch|jdbc:postgresql://h/db|querycache.bus=redis://h:6379/ch",
            // querycache. inside another parameter's value: untouched
            "jdbc:postgresql://h/db?options=-c%20querycache.name%3Dx&ssl=false|jdbc:postgresql://h/db?options=-c%20querycache.name%3Dx&ssl=false|-",
            "jdbc:postgresql://h/db?ApplicationName=querycache.name=x|jdbc:postgresql://h/db?ApplicationName=querycache.name=x|-",
            "jdbc:postgresql://h/db;querycache.name=x|jdbc:postgresql://h/db;querycache.name=x|-",
            "jdbc:postgresql://h/db|jdbc:postgresql://h/db|-",
            // semicolon form: H2
            "jdbc:h2:mem:x;querycache.enabled=false;DB_CLOSE_DELAY=-1|jdbc:h2:mem:x;DB_CLOSE_DELAY=-1|querycache.enabled=false",
            "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;querycache.enabled=false|jdbc:h2:mem:x;DB_CLOSE_DELAY=-1|querycache.enabled=false",
            "jdbc:h2:mem:x;querycache.enabled=false|jdbc:h2:mem:x|querycache.enabled=false",
            "jdbc:h2:mem:x;MODE=MySQL;querycache.name=a b;querycache.maxBytes=2m;DB_CLOSE_DELAY=-1|jdbc:h2:mem:x;MODE=MySQL;DB_CLOSE_DELAY=-1|querycache.name=a b querycache.maxBytes=2m",
            "jdbc:h2:mem:x;INIT=SET @a='querycache.name=x'|jdbc:h2:mem:x;INIT=SET @a='querycache.name=x'|-",
            "jdbc:h2:mem:x;INIT=CREATE SCHEMA s\\;SET @a='q'\\;querycache.name=x;querycache.name=y|jdbc:h2:mem:x;INIT=CREATE SCHEMA s\\;SET @a='q'\\;querycache.name=x|querycache.name=y",
            "jdbc:h2:mem:x;querycache.name=a%20b|jdbc:h2:mem:x|querycache.name=a%20b",
            "jdbc:h2:mem:x|jdbc:h2:mem:x|-",
            // SQL Server, braces keep a semicolon in a value
            "jdbc:sqlserver://h:1433;databaseName=db;querycache.name=s;encrypt=false|jdbc:sqlserver://h:1433;databaseName=db;encrypt=false|querycache.name=s",
            "jdbc:sqlserver://h;password={a;querycache.name=x};querycache.maxBytes=1m|jdbc:sqlserver://h;password={a;querycache.name=x}|querycache.maxBytes=1m",
            // a driver we do not know: the form its URL uses
            "jdbc:stub:mem:x;querycache.name=a;DB_CLOSE_DELAY=-1|jdbc:stub:mem:x;DB_CLOSE_DELAY=-1|querycache.name=a",
            "jdbc:acme://h/db?querycache.name=a&x=1|jdbc:acme://h/db?x=1|querycache.name=a",
            // any case: an unknown name is reported, never passed on
            "jdbc:postgresql://h/db?QueryCache.Name=a|jdbc:postgresql://h/db|QueryCache.Name=a"})
    void readsAndRemovesTheSettings(String url, String cleaned, String settings) throws SQLException {
        UrlSettings split = UrlSettings.split(url);

        assertThat(split.url()).isEqualTo(cleaned);
        Map<String, String> expected = new LinkedHashMap<>();
        if (settings != null) {
            for (String s : settings.split(" (?=querycache\\.|QueryCache\\.)")) {
                expected.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            }
        }
        assertThat(split.settings()).containsExactlyEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h/db?querycache.name=a&querycache.name=b|querycache.name twice, to 'a' and 'b'",
            "jdbc:h2:mem:x;querycache.name=a;querycache.name=b|querycache.name twice, to 'a' and 'b'",
            "jdbc:postgresql://h/db?querycache.enabled|names querycache.enabled without a value: write querycache.enabled=<value> (true or false)",
            "jdbc:h2:mem:x;querycache.maxBytes|querycache.maxBytes without a value",
            "jdbc:postgresql://h/db?querycache.name=50%zz|querycache.name is not URL-encoded correctly",
            "jdbc:postgresql://h/db?querycache.bus=redis://u:s3cret@h&querycache.bus=redis://u:other@h|querycache.bus twice, to 'redis://***@h' and 'redis://***@h'"})
    void refusesWhatItCannotReadExactly(String url, String message) {
        assertThatThrownBy(() -> UrlSettings.split(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(SqlState.INVALID_ATTRIBUTE_VALUE.code());
    }

    /** Real driver URL | user | default cache name ("#" stands for the digest of the other parameters). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "jdbc:postgresql://db:5432/shop|app|postgresql://db:5432/shop user=app",
            "jdbc:postgresql://db:5432/shop?user=app&password=s3cret|app|postgresql://db:5432/shop user=app",
            "jdbc:postgresql://app:s3cret@db/shop?ssl=false&currentSchema=t1|app|postgresql://db/shop # user=app",
            "jdbc:mariadb://db:3306/shop?password=s3cret|-|mariadb://db:3306/shop",
            "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1|-|h2:mem:x #",
            "jdbc:h2:mem:x|sa|h2:mem:x user=sa",
            "jdbc:h2:mem:x;PASSWORD=s3cret;USER=sa|sa|h2:mem:x user=sa",
            "jdbc:sqlserver://db;databaseName=shop;user=app;password=s3cret|app|sqlserver://db/shop user=app",
            "jdbc:oracle:thin:app/s3cret@db:1521/XE|app|oracle:thin:@db:1521/XE user=app",
            "-|-|unknown"})
    void defaultNamesAreShortAndCarryNoCredentialsOrParameters(String url, String user, String expected) {
        String name = JdbcUrls.defaultCacheName(url, user);

        assertThat(name.replaceAll("#[0-9a-f]{12}", "#")).isEqualTo(expected);
        assertThat(name).doesNotContain("s3cret", "ssl", "currentSchema", "DB_CLOSE_DELAY", "password");
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db/shop?currentSchema=t1|jdbc:postgresql://db/shop?currentSchema=t2|false",
            "jdbc:postgresql://db/shop?ssl=false&currentSchema=t1|jdbc:postgresql://db/shop?currentSchema=t1&ssl=false|true",
            "jdbc:postgresql://db/shop?user=a&password=x&ssl=false|jdbc:postgresql://db/shop?ssl=false&password=y|true",
            "jdbc:postgresql://db/shop|jdbc:postgresql://db/shop?ssl=false|false",
            "jdbc:h2:mem:x;MODE=MySQL|jdbc:h2:mem:x;MODE=PostgreSQL|false",
            "jdbc:sqlserver://db;databaseName=a|jdbc:sqlserver://db;databaseName=b|false"})
    void urlsThatMayReturnDifferentRowsNeverShareADefaultName(String a, String b, boolean same) {
        assertThat(JdbcUrls.defaultCacheName(a, "u").equals(JdbcUrls.defaultCacheName(b, "u"))).isEqualTo(same);
    }

    @org.junit.jupiter.api.Test
    void aLongHostListIsCutAndDigested() {
        StringBuilder hosts = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < 60; i++) {
            hosts.append(i == 0 ? "" : ",").append("replica-").append(i).append(".example.com:5432");
        }
        String a = JdbcUrls.defaultCacheName(hosts + "/shop", "app");
        String b = JdbcUrls.defaultCacheName(hosts + "/other", "app");

        assertThat(a).hasSizeLessThan(140).startsWith("postgresql://replica-0.example.com:5432,replica-1").endsWith(" user=app");
        assertThat(a).isNotEqualTo(b);
    }
}
