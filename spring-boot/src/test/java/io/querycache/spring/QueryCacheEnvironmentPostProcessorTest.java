package io.querycache.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.support.EnvironmentPostProcessorsFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCacheEnvironmentPostProcessorTest {

    private static StandardEnvironment environment(String... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", map));
        new QueryCacheEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    /** prefix, url, driver class set by the application ("" for none), driver class afterwards ("" for none). */
    @ParameterizedTest
    @CsvSource({
            "spring.datasource, jdbc:querycache:h2:mem:a,              '',                          io.querycache.QueryCacheDriver",
            "spring.datasource, jdbc:querycache:postgresql://db/shop, '',                          io.querycache.QueryCacheDriver",
            "spring.datasource, jdbc:querycache:h2:mem:a,              org.example.OwnDriver,       org.example.OwnDriver",
            "spring.datasource, jdbc:h2:mem:a,                         '',                          ''",
            "spring.datasource, jdbc:postgresql://db/querycache:x,     '',                          ''",
            "spring.flyway,     jdbc:querycache:h2:mem:a,              '',                          io.querycache.QueryCacheDriver",
            "spring.liquibase,  jdbc:querycache:h2:mem:a,              '',                          io.querycache.QueryCacheDriver",
            "spring.liquibase,  jdbc:querycache:h2:mem:a,              io.querycache.QueryCacheDriver, io.querycache.QueryCacheDriver",
    })
    void setsTheDriverClassOnlyForAQuerycacheUrlWithoutOne(String prefix, String url, String given, String expected) {
        StandardEnvironment environment = given.isEmpty()
                ? environment(prefix + ".url", url)
                : environment(prefix + ".url", url, prefix + ".driver-class-name", given);
        String driverClass = environment.getProperty(prefix + ".driver-class-name");
        assertThat(driverClass == null ? "" : driverClass).isEqualTo(expected);
    }

    @Test
    void addsNothingWithoutAUrl() {
        StandardEnvironment environment = environment();
        assertThat(environment.getPropertySources().contains(QueryCacheEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
    }

    @Test
    void isRegisteredUnderBootFoursKey() {
        EnvironmentPostProcessorsFactory factory = EnvironmentPostProcessorsFactory.fromSpringFactories(
                getClass().getClassLoader());
        assertThat(factory.getEnvironmentPostProcessors(new DeferredLogs(), new DefaultBootstrapContext()))
                .anyMatch(p -> p instanceof QueryCacheEnvironmentPostProcessor);
    }
}
