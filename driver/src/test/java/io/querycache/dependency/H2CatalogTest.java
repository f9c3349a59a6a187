package io.querycache.dependency;

import io.querycache.config.DeclaredDependencies;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** H2Catalog and GenericCatalog on an in-memory H2 database. */
class H2CatalogTest {

    private static int counter;
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void schema() throws SQLException {
        url = "jdbc:h2:mem:qcdep" + (++counter) + System.nanoTime();
        keepAlive = DriverManager.getConnection(url);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE parent (id int PRIMARY KEY)");
            s.execute("CREATE TABLE cascade_child (id int, p int REFERENCES parent (id) ON DELETE CASCADE)");
            s.execute("CREATE TABLE set_default_child (id int, p int DEFAULT 0 REFERENCES parent (id) ON UPDATE SET DEFAULT)");
            s.execute("CREATE TABLE restrict_child (id int, p int REFERENCES parent (id))");
            s.execute("CREATE VIEW parent_view AS SELECT id FROM parent");
            s.execute("CREATE ALIAS my_fn FOR 'java.lang.Math.abs(int)'");
            s.execute("CREATE VIEW fn_view AS SELECT my_fn(id) AS a FROM \"PARENT_VIEW\"");
            s.execute("CREATE TABLE triggered (id int)");
            s.execute("CREATE TRIGGER trig AFTER INSERT ON triggered FOR EACH ROW CALL '"
                    + NoopTrigger.class.getName() + "'");
        }
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    @Test
    void h2Catalog() throws SQLException {
        Catalog catalog = Catalogs.forUrl(url, () -> DriverManager.getConnection(url));
        TableFacts parent = catalog.table("parent");
        assertThat(parent.changes()).containsExactlyInAnyOrder("cascade_child", "set_default_child", "parent_view");
        assertThat(parent.referencingTables()).containsExactlyInAnyOrder("cascade_child", "set_default_child",
                "restrict_child");
        assertThat(parent.triggerWritesUnknown()).isFalse();
        TableFacts view = catalog.table("parent_view");
        assertThat(view.viewBaseTables()).containsExactly("parent");
        assertThat(view.changes()).containsExactlyInAnyOrder("parent", "fn_view");
        TableFacts fnView = catalog.table("fn_view");
        assertThat(fnView.viewBaseTables()).containsExactly("parent_view");
        assertThat(fnView.viewCalls()).containsExactly("my_fn");
        assertThat(catalog.table("triggered").triggerWritesUnknown()).isTrue();
        assertThat(catalog.routine("my_fn").mayWrite()).isTrue();
        assertThat(catalog.routine("my_fn").writesUnknown()).isTrue();
        assertThat(catalog.routine("abs")).isNull();
        assertThat(catalog.table("missing")).isSameAs(TableFacts.NONE);
    }

    @Test
    void genericCatalogSeesOnlyMetadata() throws SQLException {
        Catalog catalog = Catalogs.forUrl("jdbc:otherdb://x", () -> DriverManager.getConnection(url));
        TableFacts parent = catalog.table("parent");
        assertThat(parent.changes()).containsExactlyInAnyOrder("cascade_child", "set_default_child", "parent_view",
                "fn_view");
        assertThat(parent.referencingTables()).contains("restrict_child");
        assertThat(parent.triggerWritesUnknown()).isTrue();
        assertThat(catalog.table("parent_view").viewBaseTablesUnknown()).isTrue();
        DependencyGraph graph = new DependencyGraph(catalog, DeclaredDependencies.none());
        assertThat(graph.ofRead(List.of("parent"), List.of()).everyTable()).isFalse();
        assertThat(graph.ofRead(List.of("parent_view"), List.of()).everyTable()).isTrue();
        assertThat(graph.ofWrite(List.of("parent"), List.of(), false).everyTable()).isTrue();
        assertThat(catalog.routine("my_fn")).isNotNull();
    }

    @Test
    void factoryPicksByUrl() {
        CatalogConnections none = () -> {
            throw new SQLException("unused");
        };
        assertThat(Catalogs.forUrl("jdbc:postgresql://h/db", none)).isInstanceOf(PostgresCatalog.class);
        assertThat(Catalogs.forUrl("jdbc:querycache:postgresql://h/db", none)).isInstanceOf(PostgresCatalog.class);
        assertThat(Catalogs.forUrl("jdbc:mariadb://h/db", none)).isInstanceOf(MariadbCatalog.class);
        assertThat(Catalogs.forUrl("jdbc:mysql://h/db", none)).isInstanceOf(MariadbCatalog.class);
        assertThat(Catalogs.forUrl("jdbc:h2:mem:x", none)).isInstanceOf(H2Catalog.class);
        assertThat(Catalogs.forUrl("jdbc:sqlite:x", none)).isInstanceOf(GenericCatalog.class);
    }

    @Test
    void unopenableConnectionDegradesTheGraph() {
        Catalog catalog = Catalogs.forUrl("jdbc:h2:mem:x", () -> {
            throw new SQLException("Wrong user name or password [28000-252]", "28000");
        });
        DependencyGraph graph = new DependencyGraph(catalog, DeclaredDependencies.none());
        assertThat(graph.ofWrite(List.of("t"), List.of(), false).everyTable()).isTrue();
        assertThat(graph.ofRead(List.of(), List.of("f")).everyTable()).isTrue();
    }
}
