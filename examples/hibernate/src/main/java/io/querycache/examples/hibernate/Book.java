package io.querycache.examples.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import org.hibernate.jpa.HibernateHints;

import java.math.BigDecimal;

/** A mapped entity; its named query carries the querycache hint as Hibernate's query comment. */
@Entity
@Table(name = "books")
@NamedQuery(name = Book.BY_GENRE, query = "from Book where genre = :genre order by title",
        hints = @QueryHint(name = HibernateHints.HINT_COMMENT, value = "cache:books,600"))
public class Book {

    public static final String BY_GENRE = "Book.byGenre";

    @Id
    private String isbn;
    private String title;
    private String genre;
    private BigDecimal price;

    protected Book() {
    }

    public Book(String isbn, String title, String genre, BigDecimal price) {
        this.isbn = isbn;
        this.title = title;
        this.genre = genre;
        this.price = price;
    }

    public String getIsbn() {
        return isbn;
    }

    public String getTitle() {
        return title;
    }

    public String getGenre() {
        return genre;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }
}
