package io.querycache.examples.boot;

import jakarta.persistence.QueryHint;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.QueryHints;

import java.util.List;
import java.util.Optional;

/**
 * Spring Data JPA: the hint travels as Hibernate's query comment ({@code org.hibernate.comment}), which reaches the
 * SQL only with {@code hibernate.use_sql_comments=true}.
 */
public interface ProductRepository extends JpaRepository<Product, Long> {

    @QueryHints(@QueryHint(name = "org.hibernate.comment", value = "cache:products,600"))
    List<Product> findByCategoryOrderByName(String category);

    Optional<Product> findByName(String name);
}
