package io.querycache.examples.legacy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application's wiring: a HikariCP pool from the configuration file on the class path, as it always was. */
public final class LegacyApp {

    private LegacyApp() {
    }

    public static Properties configuration() {
        Properties properties = new Properties();
        try (InputStream in = LegacyApp.class.getResourceAsStream("/legacy-dao.properties")) {
            if (in == null) {
                throw new IllegalStateException("legacy-dao.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public static HikariDataSource dataSource(Properties configuration) {
        return new HikariDataSource(new HikariConfig(configuration));
    }
}
