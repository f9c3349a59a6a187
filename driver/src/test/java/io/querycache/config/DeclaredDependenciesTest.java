package io.querycache.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredDependenciesTest {

    @Test
    void rulesWithSpacesAndSeveralTargets() {
        DeclaredDependencies d = DeclaredDependencies.parse(" orders => order_audit , Audit_Summary ;prices=>price_of; ");
        assertThat(d.targetsOf("orders")).containsExactly("order_audit", "audit_summary");
        assertThat(d.targetsOf("prices")).containsExactly("price_of");
        assertThat(d.hasSources("price_of")).isTrue();
        assertThat(d.hasTargets("price_of")).isFalse();
        assertThat(d.targetsOf("unknown")).isEmpty();
    }

    @Test
    void namesAreNormalisedLikeTables() {
        DeclaredDependencies d = DeclaredDependencies.parse("\"Shop\".\"Orders\"=>`shop`.`Audit`, public.x_1$");
        assertThat(d.targetsOf("orders")).containsExactly("audit", "x_1$");
    }

    @Test
    void severalSourcesOnTheLeft() {
        DeclaredDependencies d = DeclaredDependencies.parse("a, b => c");
        assertThat(d.targetsOf("a")).containsExactly("c");
        assertThat(d.targetsOf("b")).containsExactly("c");
    }

    @Test
    void emptyValueIsNone() {
        assertThat(DeclaredDependencies.parse("").isEmpty()).isTrue();
        assertThat(DeclaredDependencies.parse("  ").isEmpty()).isTrue();
        assertThat(DeclaredDependencies.parse(null).isEmpty()).isTrue();
        assertThat(DeclaredDependencies.parse(";").isEmpty()).isTrue();
    }

    @Test
    void noArrow() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("a=>b; c->d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("querycache.dependencies=\"a=>b; c->d\": rule 2 \"c->d\": no \"=>\"; expected X=>Y,Z; A=>B");
    }

    @Test
    void arrowTwice() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("a=>b=>c"))
                .hasMessageContaining("\"a=>b=>c\"").hasMessageContaining("rule 1")
                .hasMessageContaining("\"=>\" more than once");
    }

    @Test
    void emptySide() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("=>b"))
                .hasMessageContaining("rule 1 \"=>b\": empty left side");
        assertThatThrownBy(() -> DeclaredDependencies.parse("a=> "))
                .hasMessageContaining("rule 1 \"a=>\": empty right side");
    }

    @Test
    void emptyName() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("a=>b,,c"))
                .hasMessageContaining("querycache.dependencies=\"a=>b,,c\"")
                .hasMessageContaining("empty name on the right side");
        assertThatThrownBy(() -> DeclaredDependencies.parse(",a=>b"))
                .hasMessageContaining("empty name on the left side");
    }

    @Test
    void badCharacters() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("x=>y; or ders=>audit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 2 \"or ders=>audit\"")
                .hasMessageContaining("bad characters in name \"or ders\"");
        assertThatThrownBy(() -> DeclaredDependencies.parse("a=>b*")).hasMessageContaining("\"b*\"");
        assertThatThrownBy(() -> DeclaredDependencies.parse("a.=>b")).hasMessageContaining("\"a.\"");
    }
}
