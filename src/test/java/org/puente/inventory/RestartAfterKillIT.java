package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.cli.PuenteJar;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run killed with {@code kill -9} in the middle of extraction, twice, is resumed by the next
 * {@code puente run} and completes with every document exactly once.
 */
class RestartAfterKillIT {

    private static final int DOCUMENTS = 400;
    private static final String[] SENTENCES = {
            "La biblioteca publica un informe anual sobre sus colecciones y servicios número %d.",
            "The library publishes an annual report on its collections and services, number %d.",
            "A biblioteca publica um relatório anual sobre as suas coleções e serviços, número %d."};

    @TempDir
    Path folder;

    @Test
    void aKilledRunIsResumedWithNoDuplicateAndNoMissingRecord() throws Exception {
        Path corpus = Files.createDirectories(folder.resolve("corpus"));
        for (int i = 0; i < DOCUMENTS; i++) {
            String sentence = SENTENCES[i % 3].formatted(i);
            Files.writeString(corpus.resolve("doc-%04d.txt".formatted(i)), (sentence + "\n\n").repeat(5));
        }
        PuenteJar.configure(folder, """
                puente:
                  sources:
                    - name: corpus
                      type: folder
                      path: corpus
                """);

        for (int kill = 1; kill <= 2; kill++) {
            PuenteJar run = PuenteJar.start(folder, "run");
            run.awaitLine("extracting", 120);
            Thread.sleep(700);
            run.killHard();
            assertThat(run.lines()).noneMatch(l -> l.startsWith("Run "));
        }

        PuenteJar.Result resumed = PuenteJar.run(folder, "run");
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Run 1 (resumed): " + DOCUMENTS + " documents found")
                .contains(DOCUMENTS + " new");

        JsonNode register = JsonMapper.builder().build().readTree(folder.resolve("inventory/register.json").toFile());
        assertThat(register.size()).isEqualTo(DOCUMENTS);
        Set<String> ids = new HashSet<>();
        Set<String> locations = new HashSet<>();
        for (JsonNode record : register) {
            assertThat(record.get("status").asString()).isEqualTo("EXTRACTED");
            assertThat(ids.add(record.get("id").asString())).isTrue();
            assertThat(record.get("locations").size()).isEqualTo(1);
            assertThat(locations.add(record.get("locations").get(0).asString())).isTrue();
        }

        PuenteJar.Result next = PuenteJar.run(folder, "run");
        assertThat(next.output()).contains("Run 2: " + DOCUMENTS + " documents found, 0 unreadable, 0 parsed");
    }
}
