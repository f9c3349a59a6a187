package io.querycache.dependency;

import io.querycache.config.DeclaredDependencies;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A closed cache's graph lets go of its catalog and never reads it again. */
class GraphReleaseTest {

    @Test
    void aReleasedGraphAnswersWithoutTheCatalog() {
        StubCatalog catalog = new StubCatalog();
        catalog.table("customers", TableFacts.builder().changes("orders"));
        DependencyGraph graph = new DependencyGraph(catalog, DeclaredDependencies.none());
        assertThat(graph.ofWrite(List.of("customers"), List.of(), false).tables()).contains("orders");
        int loads = catalog.loads.get();

        graph.release();

        Effect write = graph.ofWrite(List.of("customers"), List.of(), false);
        Effect read = graph.ofRead(List.of("orders"), List.of("f"));
        assertThat(catalog.loads.get()).isEqualTo(loads);
        assertThat(write.everyTable()).as("conservative").isTrue();
        assertThat(read.everyTable()).isTrue();
    }
}
