package org.puente.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.inventory.ContentHash;

/** The generated benchmark corpus, from the parallel pages committed in seeds/. */
class BenchmarkCorpusTest {

    private static final Path SEEDS = Path.of("seeds/debian-installation-guide");

    @TempDir
    Path work;

    @Test
    void writesDistinctDocumentsOfEveryFormatAndLanguageTheSameEachTime() throws Exception {
        BenchmarkCorpus corpus = new BenchmarkCorpus(SEEDS);
        long bytes = corpus.write(work.resolve("a"), 24, 4);
        corpus.write(work.resolve("b"), 24, 4);

        List<Path> files = list(work.resolve("a"));
        assertThat(files).hasSize(24);
        assertThat(bytes).isEqualTo(files.stream().mapToLong(f -> f.toFile().length()).sum());
        Set<String> hashes = new HashSet<>();
        Tika tika = new Tika();
        for (Path f : files) {
            assertThat(hashes.add(ContentHash.of(f))).as("duplicate content: %s", f).isTrue();
            String name = f.getFileName().toString();
            String type = tika.detect(f);
            String text = tika.parseToString(f);
            assertThat(text.length()).as("text of %s", name).isGreaterThan(3000);
            if (name.endsWith(".pdf")) {
                assertThat(type).isEqualTo("application/pdf");
            } else if (name.endsWith(".docx")) {
                assertThat(type).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            } else if (name.endsWith(".html")) {
                assertThat(type).isEqualTo("text/html");
            } else {
                assertThat(type).isEqualTo("text/plain");
            }
        }
        assertThat(files.stream().map(f -> f.getFileName().toString().replaceAll(".*\\.", "")).distinct())
                .containsExactlyInAnyOrder("txt", "html", "docx", "pdf");
        assertThat(files.stream().map(f -> f.getFileName().toString().split("-")[2].substring(0, 2)).distinct())
                .containsExactlyInAnyOrder("es", "en", "pt");
        // the same arguments give the same texts (DOCX and PDF files may carry the time of their writing)
        for (Path f : list(work.resolve("b"))) {
            if (f.toString().endsWith(".txt") || f.toString().endsWith(".html")) {
                assertThat(f).hasSameBinaryContentAs(work.resolve("a").resolve(f.getFileName()));
            }
        }
    }

    @Test
    void refusesAFolderThatHoldsFiles() throws Exception {
        Files.writeString(work.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> new BenchmarkCorpus(SEEDS).write(work, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        assertThat(work.resolve("keep.txt")).hasContent("mine");
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
