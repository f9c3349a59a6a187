package io.querycache.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 4 application on querycache: JdbcTemplate, {@code @Transactional} and Spring Data JPA. */
@SpringBootApplication
public class BootExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(BootExampleApplication.class, args);
    }
}
