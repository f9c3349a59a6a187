package io.querycache.examples.migrations;

import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Schema migrations run through the application's own querycache DataSource, so their DDL and DML invalidate
 * what the cache holds of the tables they touch, like any other committed write.
 *
 * <p>Both tools are given the DataSource (or a connection of it), not the URL: Flyway picks its database support
 * from the URL's prefix and knows no {@code jdbc:querycache:}, while from a DataSource it asks the connection's
 * metadata (H2, PostgreSQL...). Liquibase given a URL also needs the driver class named.
 */
public final class Migrations {

    private Migrations() {
    }

    /**
     * Flyway migrations from {@code classpath:db/flyway}, up to {@code target} ({@code "latest"} for all), in the
     * given schemas (none: the connection's default).
     */
    public static MigrateResult flyway(DataSource dataSource, String target, String... schemas) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schemas)
                .locations("classpath:db/flyway")
                .target(target)
                .load()
                .migrate();
    }

    /** A Liquibase update of {@code changelog} (a class-path resource) over one connection of the DataSource. */
    public static void liquibase(DataSource dataSource, String changelog) throws SQLException, LiquibaseException {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            liquibase(database, changelog);
        }
    }

    /** A Liquibase update on a database Liquibase has opened itself. */
    public static void liquibase(Database database, String changelog) throws LiquibaseException {
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .execute();
    }
}
