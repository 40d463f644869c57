package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits that only show with non-default settings: embedded depth, metadata size, OCR wanted. */
class DocumentExtractorLimitsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DocumentExtractor extractor;

    @BeforeAll
    static void start() {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        limits.setMaxEmbeddedDepth(1);
        limits.setMaxMetadataFieldBytes(1000);
        limits.setOcr(true);
        extractor = new DocumentExtractor(limits, shared.resolve("extractor"));
    }

    @AfterAll
    static void stop() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private static byte[] zipOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void documentsNestedDeeperThanTheEmbeddedDepthAreSkipped() throws Exception {
        byte[] inner = zipOf("profundo.txt", "Texto escondido muy profundo".getBytes(StandardCharsets.UTF_8));
        byte[] middle = zipOf("nivel1.zip", inner);
        Path outer = Files.write(dir.resolve("outer.zip"), middle);
        Path shallow = Files.write(dir.resolve("shallow.zip"),
                zipOf("arriba.txt", "Texto a la vista".getBytes(StandardCharsets.UTF_8)));

        ExtractionOutcome deep = extractor.extract(outer);
        assertThat(deep.text()).doesNotContain("escondido");
        assertThat(deep.metadata().get("warnings")).contains("maxEmbeddedDepth=1");

        ExtractionOutcome near = extractor.extract(shallow);
        assertThat(near.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(near.text()).contains("Texto a la vista");
    }

    @Test
    void oversizedMetadataFieldsAreCut() throws Exception {
        String hugeTitle = "Título ".repeat(2000);
        Path file = Fixtures.docx(dir.resolve("titulo.docx"), hugeTitle, "Autora", "Cuerpo del documento.");
        ExtractionOutcome outcome = extractor.extract(file);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.text()).contains("Cuerpo del documento.");
        assertThat(outcome.title()).startsWith("Título Título");
        assertThat(outcome.title().length()).isLessThan(1000);
        assertThat(outcome.metadata()).containsEntry("metadataTruncated", "true");
    }

    @Test
    void imageOnlyPdfSaysTesseractIsMissingWhenOcrIsWantedButNotInstalled() throws Exception {
        assumeFalse(DocumentExtractor.tesseractInstalled(), "tesseract is installed here");
        ExtractionOutcome outcome = extractor.extract(Fixtures.imageOnlyPdf(dir.resolve("scan.pdf"), 1));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.IMAGE_ONLY);
        assertThat(outcome.message()).contains("1 page but no text layer").contains("tesseract is not installed");
        assertThat(outcome.ocr()).isFalse();
    }
}
