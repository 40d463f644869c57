package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real documents through the real parser processes (two of them, shared by the tests). */
class DocumentExtractorTest {

    private static final int MAX_CHARACTERS = 5_000;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DocumentExtractor extractor;

    @BeforeAll
    static void start() {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setMaxCharacters(MAX_CHARACTERS);
        limits.setTimeoutSeconds(60);
        limits.setParserHeapMegabytes(256);
        limits.setParserProcesses(2);
        limits.setOcr(false);
        extractor = new DocumentExtractor(limits, shared.resolve("extractor"));
    }

    @AfterAll
    static void stop() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private static ExtractionOutcome extract(Path file) {
        ExtractionOutcome outcome = extractor.extract(file);
        System.out.println(file.getFileName() + " -> " + outcome.status() + " [" + outcome.mediaType() + "] "
                + outcome.message() + " " + outcome.metadata());
        return outcome;
    }

    @Test
    void writesItsConfigurationIntoTheWorkFolder() {
        Path config = extractor.workDir().resolve("tika-config.xml");
        assertThat(config).exists();
        assertThat(extractor.workDir().resolve("tmp")).isDirectory();
    }

    @Test
    void docxGivesTextTitleAndAuthor() throws Exception {
        Path file = Fixtures.docx(dir.resolve("informe.docx"), "Informe anual 2024", "María Pérez",
                "La biblioteca atendió a 12.000 lectores.", "Se digitalizaron 3.400 documentos.");
        ExtractionOutcome outcome = extract(file);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.message()).isNull();
        assertThat(outcome.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(outcome.title()).isEqualTo("Informe anual 2024");
        assertThat(outcome.author()).isEqualTo("María Pérez");
        assertThat(outcome.text()).contains("La biblioteca atendió a 12.000 lectores.")
                .contains("Se digitalizaron 3.400 documentos.");
        assertThat(outcome.truncated()).isFalse();
        assertThat(outcome.ocr()).isFalse();
    }

    @Test
    void pdfGivesTextPagesAndDates() throws Exception {
        Path file = Fixtures.pdf(dir.resolve("relatorio.pdf"), "Relatório", "João Silva",
                "Primeira pagina do relatorio.", "Segunda pagina com mais texto.", "Terceira pagina.");
        ExtractionOutcome outcome = extract(file);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.mediaType()).isEqualTo("application/pdf");
        assertThat(outcome.pages()).isEqualTo(3);
        assertThat(outcome.title()).isEqualTo("Relatório");
        assertThat(outcome.author()).isEqualTo("João Silva");
        assertThat(outcome.created()).isEqualTo(Instant.parse("2024-03-01T10:30:00Z"));
        assertThat(outcome.text()).contains("Primeira pagina do relatorio.").contains("Terceira pagina.");
        assertThat(outcome.metadata()).containsKey("producer").containsKey("pdfVersion");
    }

    @Test
    void pdfWithoutTextLayerIsImageOnlyAndSaysOcrIsOff() throws Exception {
        ExtractionOutcome outcome = extract(Fixtures.imageOnlyPdf(dir.resolve("scan.pdf"), 2));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.IMAGE_ONLY);
        assertThat(outcome.pages()).isEqualTo(2);
        assertThat(outcome.text()).isEmpty();
        assertThat(outcome.message()).contains("no text layer").contains("OCR is off");
        assertThat(outcome.ocr()).isFalse();
    }

    @Test
    void passwordProtectedPdfIsEncrypted() throws Exception {
        ExtractionOutcome outcome = extract(Fixtures.encryptedPdf(dir.resolve("secreto.pdf"), "Texto secreto"));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.ENCRYPTED);
        assertThat(outcome.mediaType()).isEqualTo("application/pdf");
        assertThat(outcome.message()).contains("password").contains("unprotected copy");
        assertThat(outcome.text()).doesNotContain("Texto secreto");
    }

    @Test
    void truncatedDocxIsCorrupt() throws Exception {
        Path full = Fixtures.docx(dir.resolve("full.docx"), "T", "A", "Texto de prueba ".repeat(200));
        ExtractionOutcome outcome = extract(Fixtures.truncated(full, dir.resolve("cut.docx"), 0.5));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.CORRUPT);
        assertThat(outcome.message()).startsWith("corrupt:").contains("fresh copy");
    }

    @Test
    void truncatedPdfIsCorrupt() throws Exception {
        Path full = Fixtures.pdf(dir.resolve("full.pdf"), "T", "A", "Pagina uno.", "Pagina dos.");
        ExtractionOutcome outcome = extract(Fixtures.truncated(full, dir.resolve("cut.pdf"), 0.3));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.CORRUPT);
        assertThat(outcome.message()).startsWith("corrupt:");
    }

    @Test
    void zipBombDocxIsRefusedQuickly() throws Exception {
        Path bomb = Fixtures.zipBombDocx(dir.resolve("bomb.docx"), 120);
        assertThat(Files.size(bomb)).isLessThan(1_000_000);
        long start = System.nanoTime();
        ExtractionOutcome outcome = extract(bomb);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.REFUSED_HOSTILE);
        assertThat(outcome.message()).startsWith("refused:");
        assertThat(seconds).isLessThan(30);
    }

    @Test
    void oneGiantRunIsStoppedAndTheNextFileStillExtracts() throws Exception {
        // Tika buffers a whole run before its zip-bomb guard sees it: 150 MB in one run cannot be
        // refused early, but it must end in a status, not a hang or a dead caller.
        Path bomb = Fixtures.giantRunDocx(dir.resolve("giant.docx"), 150);
        ExtractionOutcome outcome = extract(bomb);
        assertThat(outcome.status()).isIn(ExtractionStatus.REFUSED_HOSTILE, ExtractionStatus.OUT_OF_MEMORY);
        ExtractionOutcome next = extract(Fixtures.text(dir.resolve("after.txt"), "Después del problema.", StandardCharsets.UTF_8));
        assertThat(next.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(next.text()).isEqualTo("Después del problema.");
    }

    @Test
    void zipBombArchiveIsRefused() throws Exception {
        Path bomb = Fixtures.zipBomb(dir.resolve("bomb.zip"), 120);
        ExtractionOutcome outcome = extract(bomb);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.REFUSED_HOSTILE);
        assertThat(outcome.text().length()).isLessThanOrEqualTo(MAX_CHARACTERS);
    }

    @Test
    void randomBytesAreUnsupported() throws Exception {
        ExtractionOutcome outcome = extract(Fixtures.randomBytes(dir.resolve("blob.dat"), 20_000, 42));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.UNSUPPORTED);
        assertThat(outcome.mediaType()).isEqualTo("application/octet-stream");
        assertThat(outcome.message()).startsWith("unsupported:");
    }

    @Test
    void emptyFileIsReportedWithoutParsing() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        ExtractionOutcome outcome = extract(empty);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.CORRUPT);
        assertThat(outcome.message()).contains("0 bytes");
    }

    @Test
    void handBuiltOdtGivesTextAndMetadata() throws Exception {
        ExtractionOutcome outcome = extract(Fixtures.odt(dir.resolve("relatorio.odt")));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(outcome.title()).isEqualTo("Relatório da biblioteca");
        assertThat(outcome.author()).isEqualTo("Ana Souza");
        assertThat(outcome.created()).isEqualTo(Instant.parse("2023-05-04T09:15:00Z"));
        assertThat(outcome.text()).contains("Relatório anual").contains("ampliou o acervo e a informação digital");
        assertThat(outcome.metadata()).containsEntry("language", "pt-BR");
    }

    @Test
    void htmlGivesBodyTextTitleAndLanguage() throws Exception {
        ExtractionOutcome outcome = extract(Fixtures.html(dir.resolve("servicios.html")));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.mediaType()).isEqualTo("text/html");
        assertThat(outcome.title()).isEqualTo("Biblioteca Nacional: servicios");
        assertThat(outcome.text()).contains("Servicios de préstamo")
                .contains("La biblioteca ofrece préstamo interbibliotecario y consulta en sala.")
                .doesNotContain("no es texto");
        assertThat(outcome.metadata()).containsEntry("charset", "UTF-8");
    }

    @Test
    void shortUtf8SpanishTextKeepsItsAccents() throws Exception {
        String text = "Informe anual. Acción, educación, niño";
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("es.txt"), text, StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.mediaType()).isEqualTo("text/plain");
        assertThat(outcome.text()).isEqualTo(text);
        assertThat(outcome.metadata()).containsEntry("charset", "UTF-8");
    }

    @Test
    void shortUtf8PortugueseTextKeepsItsAccents() throws Exception {
        String text = "Relatório: ação, informação";
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("pt.txt"), text, StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.text()).isEqualTo(text);
    }

    @Test
    void windows1252TextIsDecodedAsSuch() throws Exception {
        String text = "Informe anual de la biblioteca. Acción, educación, niño, información y participación. "
                + "El presupuesto fue de 20 € y la señora dijo “gracias” a todos los lectores del año.";
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("cp1252.txt"), text, Charset.forName("windows-1252")));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.text()).isEqualTo(text);
    }

    @Test
    void textBeyondTheLimitIsTruncatedButExtracted() throws Exception {
        String text = "Parágrafo número %d del informe anual de actividades.\n";
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < MAX_CHARACTERS * 3; i++) {
            b.append(String.format(text, i));
        }
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("long.txt"), b.toString(), StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.text().length()).isLessThanOrEqualTo(MAX_CHARACTERS).isGreaterThan(MAX_CHARACTERS - 100);
        assertThat(outcome.text()).startsWith("Parágrafo número 0 del informe");
        assertThat(outcome.message()).startsWith("truncated:");
    }

    /**
     * A file larger than the character limit and the zip-bomb guard's threshold (1,000,000) is
     * parsed up to the limit only: damage past it is never reached, where a full parse would call
     * this file corrupt. (Smaller files, zip bombs among them, are parsed to their end: see the
     * zip-bomb tests.)
     */
    @Test
    void parsingStopsAtTheCharacterLimit() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<informe>\n");
        for (int i = 0; xml.length() < 1_200_000; i++) {
            xml.append("<p>Parágrafo número ").append(i).append(" del informe anual.</p>\n");
        }
        xml.append("<p>roto <b></p>\n"); // malformed: a parser that reached it would fail
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("informe.xml"), xml.toString(), StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.message()).startsWith("truncated:");
        assertThat(outcome.text()).startsWith("Parágrafo número 0 del informe").doesNotContain("roto");

        // the same damage within the limit is found
        Path shortXml = Fixtures.text(dir.resolve("corto.xml"), "<?xml version=\"1.0\"?>\n<informe><p>roto <b></p>\n",
                StandardCharsets.UTF_8);
        assertThat(extract(shortXml).status()).isEqualTo(ExtractionStatus.CORRUPT);
    }

    @Test
    void textExactlyAtTheLimitIsNotTruncated() throws Exception {
        String text = "x".repeat(MAX_CHARACTERS);
        ExtractionOutcome outcome = extract(Fixtures.text(dir.resolve("exact.txt"), text, StandardCharsets.UTF_8));
        assertThat(outcome.truncated()).isFalse();
        assertThat(outcome.text()).hasSize(MAX_CHARACTERS);
    }

    @Test
    void missingFileIsTheCallersProblem() {
        assertThatThrownBy(() -> extractor.extract(dir.resolve("nope.pdf"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void twoThreadsExtractAtOnce() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(Fixtures.docx(dir.resolve("d" + i + ".docx"), "Doc " + i, "Autor", "Contenido número " + i));
            files.add(Fixtures.text(dir.resolve("t" + i + ".txt"), "Texto número " + i + " con acción", StandardCharsets.UTF_8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ExtractionOutcome>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit((Callable<ExtractionOutcome>) () -> extractor.extract(f)));
            }
            for (int i = 0; i < files.size(); i++) {
                ExtractionOutcome outcome = futures.get(i).get();
                assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
                int n = i / 2;
                assertThat(outcome.text()).contains(i % 2 == 0 ? "Contenido número " + n : "Texto número " + n + " con acción");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
