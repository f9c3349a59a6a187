package io.querycache.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md lists every setting, with its default and level, as ConfigProperty defines them. */
class ConfigurationDocTest {

    @Test
    void everySettingHasItsRowWithItsDefaultAndLevel() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        for (ConfigProperty p : ConfigProperty.values()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + p.key() + "` |")).findFirst().orElse(null);
            assertThat(row).as("the row of %s in docs/configuration.md", p.key()).isNotNull();
            String[] cells = row.split("\\|");
            String documentedDefault = cells[2].trim();
            if (!p.defaultValue().isEmpty()) {
                assertThat(documentedDefault).as("default of %s", p.key()).isEqualTo("`" + p.defaultValue() + "`");
            }
            assertThat(cells[4].trim()).as("level of %s", p.key()).isEqualTo(p.cacheLevel() ? "cache" : "connection");
        }
    }
}
