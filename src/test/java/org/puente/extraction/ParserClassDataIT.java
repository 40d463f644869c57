package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.cli.PuenteJar;

/**
 * With the packaged jar, the parser processes' class-data archive exists after a run (written
 * by it or by an earlier one) and the next run's parser processes map it and extract as before.
 */
class ParserClassDataIT {

    @TempDir
    Path folder;

    @Test
    void theNextRunsParserProcessesUseTheArchive() throws Exception {
        Path corpus = Files.createDirectories(folder.resolve("corpus"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(corpus.resolve("doc-" + i + ".txt"),
                    "La biblioteca publica un informe anual sobre sus colecciones, número " + i + ".\n");
        }
        PuenteJar.configure(folder, """
                puente:
                  sources:
                    - name: corpus
                      type: folder
                      path: corpus
                """);
        PuenteJar.Result first = PuenteJar.run(folder, "run");
        assertThat(first.exitCode()).as(first.output()).isZero();
        Path classData = PuenteJar.jar().resolveSibling("cds");
        try (Stream<Path> archives = Files.list(classData)) {
            assertThat(archives.filter(f -> f.toString().endsWith(".jsa"))).isNotEmpty();
        }

        Files.writeString(corpus.resolve("doc-new.txt"), "The library publishes an annual report on its collections.\n");
        PuenteJar.Result second = PuenteJar.run(folder, "run");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Run 2: 7 documents found, 0 unreadable, 1 parsed");
        assertThat(Files.readString(folder.resolve(".puente/extraction/tika-config.xml")))
                .contains("-XX:SharedArchiveFile=" + classData);
    }
}
