package io.querycache.examples.hibernate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.math.BigDecimal;
import java.util.List;

/**
 * Plain Hibernate 7 on a HikariCP pool whose URL is {@code jdbc:querycache:h2:...}. Two ways to hint a query, both
 * through Hibernate's query comment: {@code setComment("cache:books,600")} on a query, and the
 * {@code org.hibernate.comment} hint of a named query ({@link Book}). Hibernate writes the comment into the SQL
 * only with {@code hibernate.use_sql_comments=true}; without it the SQL has no hint and nothing is cached.
 */
public final class Bookshop implements AutoCloseable {

    private final HikariDataSource pool;
    private final SessionFactory sessions;

    public Bookshop(String jdbcUrl, String cacheName, boolean useSqlComments) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("sa");
        config.addDataSourceProperty("querycache.name", cacheName);
        pool = new HikariDataSource(config);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
                .applySetting(AvailableSettings.USE_SQL_COMMENTS, useSqlComments)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build();
        try {
            sessions = new MetadataSources(registry).addAnnotatedClass(Book.class).buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            pool.close();
            throw e;
        }
    }

    public HikariDataSource dataSource() {
        return pool;
    }

    public void stock(Book... books) {
        sessions.inTransaction(session -> {
            for (Book book : books) {
                session.persist(book);
            }
        });
    }

    /** A query hinted with {@code setComment}. */
    public List<String> titles(String genre) {
        return sessions.fromSession(session -> session
                .createSelectionQuery("select title from Book where genre = :genre order by title", String.class)
                .setComment("cache:books,600")
                .setParameter("genre", genre)
                .getResultList());
    }

    /** The named query hinted in {@link Book}. */
    public List<Book> byGenre(String genre) {
        return sessions.fromSession(session -> session.createNamedQuery(Book.BY_GENRE, Book.class)
                .setParameter("genre", genre)
                .getResultList());
    }

    /** Changes an entity in a transaction: Hibernate flushes an UPDATE at commit. */
    public void reprice(String isbn, BigDecimal price) {
        sessions.inTransaction(session -> session.find(Book.class, isbn).setPrice(price));
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
    }
}
