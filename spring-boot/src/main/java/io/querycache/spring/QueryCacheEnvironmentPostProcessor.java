package io.querycache.spring;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets {@code spring.datasource.url=jdbc:querycache:...} stand alone in a Spring Boot 4 application.
 *
 * <p>Without it, Boot picks the driver class from the URL's prefix ({@code DatabaseDriver.fromJdbcUrl}), does not
 * know {@code querycache}, falls back to the embedded database on the class path (H2, HSQLDB or Derby) and hands its
 * driver to the pool, which then refuses the URL. This sets {@code <prefix>.driver-class-name} to
 * {@value #DRIVER} for {@code spring.datasource}, {@code spring.flyway} and {@code spring.liquibase} when their
 * {@code url} starts with {@code jdbc:querycache:} and no driver class is set. The property source it adds has the
 * lowest precedence and the name {@value #PROPERTY_SOURCE}: anything the application sets wins.
 *
 * <p>Registered in {@code META-INF/spring.factories}; it runs after the application's configuration files are read.
 */
public final class QueryCacheEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The querycache driver class. */
    public static final String DRIVER = "io.querycache.QueryCacheDriver";
    /** The name of the property source this adds. */
    public static final String PROPERTY_SOURCE = "querycache-driver-class";

    private static final String PREFIX = "jdbc:querycache:";
    private static final List<String> DATA_SOURCES = List.of("spring.datasource", "spring.flyway", "spring.liquibase");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> driverClasses = new LinkedHashMap<>();
        for (String dataSource : DATA_SOURCES) {
            String url = environment.getProperty(dataSource + ".url");
            String driverClass = dataSource + ".driver-class-name";
            if (url != null && url.startsWith(PREFIX) && !StringUtils.hasText(environment.getProperty(driverClass))) {
                driverClasses.put(driverClass, DRIVER);
            }
        }
        if (!driverClasses.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, driverClasses));
        }
    }

    /** After the configuration files have been read (ConfigData runs at highest precedence + 10). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
