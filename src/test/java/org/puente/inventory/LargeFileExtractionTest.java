package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.extraction.ExtractionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Files from {@link ExtractionProcessor#HASH_ALONGSIDE_BYTES} on are hashed while they are
 * parsed, unless a registered document has their size: the register comes out as when hashing
 * came first (real folder, database and parser processes). The runs are long runs (two large
 * files, over the 2 MB set here): extracted by the long run's parser processes.
 */
@SpringBootTest(properties = "puente.cli.enabled=false")
class LargeFileExtractionTest {

    @TempDir
    static Path work;

    static Path corpus;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        corpus = TestCorpus.register(registry, work);
        registry.add("puente.extraction.timeout-seconds", () -> "60");
        registry.add("puente.extraction.long-run-megabytes", () -> "2");
    }

    @Autowired
    InventoryLauncher launcher;

    @Autowired
    DocumentRepository repository;

    @Autowired
    ExtractionProcessor processor;

    @Test
    void largeFilesAndTheirCopiesMakeOneDocumentAndCopiesFoundLaterAreNotParsed() throws Exception {
        String text = "La biblioteca pública abre de lunes a viernes y presta libros a domicilio.\n\n".repeat(16_000);
        Path large = Files.writeString(corpus.resolve("informe.txt"), text, StandardCharsets.UTF_8);
        assertThat(Files.size(large)).isGreaterThanOrEqualTo(ExtractionProcessor.HASH_ALONGSIDE_BYTES);
        Files.createDirectories(corpus.resolve("copia"));
        Files.copy(large, corpus.resolve("copia/informe.txt"));

        // Both copies are new and of a size no document has: both are hashed while parsed, and
        // the second to be written joins the first.
        InventoryLauncher.Outcome first = launcher.run(false);
        assertThat(first.failure()).isNull();
        assertThat(work.resolve("state/extraction/tika-config-long-run.xml")).exists();
        List<DocumentRecord> records = records();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.sha256()).isEqualTo(ContentHash.of(large));
            assertThat(r.status()).isEqualTo(ExtractionStatus.EXTRACTED.name());
            assertThat(r.language()).isEqualTo("es");
            assertThat(r.words()).isEqualTo(13 * 16_000);
            assertThat(r.locations()).hasSize(2);
        });
        assertThat(repository.hasDocumentOfSize(Files.size(large))).isTrue();

        // A copy found later has the size of a registered document: hashed first, not parsed.
        Files.copy(large, corpus.resolve("copia/otra.txt"));
        InventoryLauncher.Outcome second = launcher.run(false);
        assertThat(second.summary().parsed()).isZero();
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.locations()).hasSize(3));
    }

    @Test
    void aLargeFileThatVanishedIsReportedAsBefore() {
        Path missing = corpus.resolve("se-fue.pdf");
        ExtractedDocument result = processor.process(
                new PendingLocation(missing.toString(), missing, "f", 5L << 20, null));
        assertThat(result.isUnreadable()).isTrue();
        assertThat(result.failure()).startsWith("file disappeared during the run: ").contains("se-fue.pdf");
    }

    private List<DocumentRecord> records() {
        List<DocumentRecord> records = new ArrayList<>();
        repository.forEachRecord(records::add);
        return records;
    }
}
