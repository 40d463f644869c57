package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCR for real: tesseract (spa+eng+por) through the parser processes. Skipped only where
 * tesseract is not installed; CI installs it (.ci/run).
 *
 * <p>Status of a picture file: with OCR on and text recognised it is {@link ExtractionStatus#EXTRACTED}
 * with {@code ocr()} true, exactly like a scanned PDF; without text (OCR off, or nothing
 * recognised) it is {@link ExtractionStatus#IMAGE_ONLY}.
 */
class DocumentExtractorOcrTest {

    /** Words tesseract reads reliably in 40 px sans-serif, checked below case-insensitively. */
    static final String[] LINES = {
            "La biblioteca municipal abre todos los lunes.",
            "The library catalogue lists every manuscript.",
            "Los lectores consultan periódicos antiguos en la sala.",
    };
    private static final String[] WORDS = {"biblioteca", "municipal", "library", "catalogue", "manuscript", "lectores"};

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DocumentExtractor ocrOn;
    private static DocumentExtractor ocrOff;

    @BeforeAll
    static void start() {
        assumeTrue(DocumentExtractor.tesseractInstalled(), "tesseract is not on the PATH");
        ExtractionLimits on = new ExtractionLimits();
        on.setParserProcesses(1);
        on.setTimeoutSeconds(60);
        on.setOcr(true);
        on.setOcrLanguages("spa+eng+por");
        ocrOn = new DocumentExtractor(on, shared.resolve("ocr-on"));
        ExtractionLimits off = new ExtractionLimits();
        off.setParserProcesses(1);
        off.setOcr(false);
        ocrOff = new DocumentExtractor(off, shared.resolve("ocr-off"));
    }

    @AfterAll
    static void stop() {
        if (ocrOn != null) {
            ocrOn.close();
        }
        if (ocrOff != null) {
            ocrOff.close();
        }
    }

    private static ExtractionOutcome extract(DocumentExtractor extractor, Path file) {
        long start = System.nanoTime();
        ExtractionOutcome outcome = extractor.extract(file);
        System.out.printf(Locale.ROOT, "%s (ocr %s) -> %s in %.2f s, ocr()=%s, %s %s%n", file.getFileName(),
                extractor == ocrOff ? "off" : "on", outcome.status(), (System.nanoTime() - start) / 1e9,
                outcome.ocr(), outcome.message(), outcome.metadata());
        return outcome;
    }

    private static void assertHasTheWords(ExtractionOutcome outcome) {
        String text = outcome.text().toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            assertThat(text).as("OCR text %s", outcome.text()).contains(word);
        }
    }

    @Test
    void scannedPdfIsOcredWhenOcrIsOn() throws Exception {
        Path scan = Fixtures.scannedPdf(dir.resolve("escaneo.pdf"), LINES);
        ExtractionOutcome outcome = extract(ocrOn, scan);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.ocr()).isTrue();
        assertThat(outcome.message()).isNull();
        assertThat(outcome.mediaType()).isEqualTo("application/pdf");
        assertThat(outcome.pages()).isEqualTo(1);
        assertHasTheWords(outcome);
        // the marker of TextCountingOcrParser is not a warning for people
        assertThat(outcome.metadata()).doesNotContainKey("warnings");
    }

    @Test
    void scannedPdfIsImageOnlyWhenOcrIsOff() throws Exception {
        Path scan = Fixtures.scannedPdf(dir.resolve("escaneo.pdf"), LINES);
        ExtractionOutcome outcome = extract(ocrOff, scan);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.IMAGE_ONLY);
        assertThat(outcome.ocr()).isFalse();
        assertThat(outcome.text()).isEmpty();
        assertThat(outcome.message()).contains("1 page but no text layer").contains("OCR is off");
    }

    @Test
    void pngAndJpegPicturesOfTextAreExtractedWithOcr() throws Exception {
        for (String format : new String[] {"png", "jpg"}) {
            Path picture = Fixtures.textImageFile(dir.resolve("foto." + format), format, LINES);
            ExtractionOutcome outcome = extract(ocrOn, picture);
            assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
            assertThat(outcome.ocr()).isTrue();
            assertThat(outcome.mediaType()).isEqualTo(format.equals("png") ? "image/png" : "image/jpeg");
            assertHasTheWords(outcome);

            ExtractionOutcome off = extract(ocrOff, picture);
            assertThat(off.status()).isEqualTo(ExtractionStatus.IMAGE_ONLY);
            assertThat(off.message()).contains("is a picture").contains("OCR is off");
        }
    }

    @Test
    void blankPictureIsImageOnlyAndOcrFoundNothing() throws Exception {
        Path blank = Fixtures.textImageFile(dir.resolve("blanco.png"), "png");
        ExtractionOutcome outcome = extract(ocrOn, blank);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.IMAGE_ONLY);
        assertThat(outcome.ocr()).isFalse();
        assertThat(outcome.message()).contains("OCR ran").contains("found no text");
    }

    @Test
    void textPdfIsNotFlaggedAsOcrEvenWhereTikaOcrsAnAlmostEmptyPage() throws Exception {
        // Tika's "auto" strategy OCRs pages with fewer than 10 characters: page 2 ("7") is OCRed,
        // finds nothing, and the document's text is still all from the text layer.
        Path pdf = Fixtures.pdf(dir.resolve("texto.pdf"), "Texto", "Autora",
                "La biblioteca publica su memoria anual de actividades.", "7",
                "Third page with ordinary text for the catalogue.");
        ExtractionOutcome on = extract(ocrOn, pdf);
        ExtractionOutcome off = extract(ocrOff, pdf);
        assertThat(on.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(on.ocr()).isFalse();
        assertThat(on.text().replaceAll("\\s+", " ")).isEqualTo(off.text().replaceAll("\\s+", " "));
        assertThat(on.metadata()).doesNotContainKey("warnings");
    }

    @Test
    void tesseractDoesNotOutliveATimeout() throws Exception {
        // A page of small dense text that takes tesseract far longer than the 3 s allowed.
        BufferedImage page = new BufferedImage(5000, 7000, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
        for (int y = 40; y < page.getHeight(); y += 34) {
            g.drawString("Los lectores consultan periodicos antiguos en la biblioteca cada lunes; the library "
                    + "catalogue lists every manuscript " + y, 20, y);
        }
        g.dispose();
        Path huge = dir.resolve("enorme.png");
        ImageIO.write(page, "png", huge.toFile());

        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        limits.setTimeoutSeconds(3);
        limits.setOcr(true);
        Path workDir = dir.resolve("short-timeout");
        try (DocumentExtractor extractor = new DocumentExtractor(limits, workDir)) {
            extractor.extract(Fixtures.pdf(dir.resolve("arranque.pdf"), null, null, "Arranque del proceso"));
            ExtractionOutcome outcome = extract(extractor, huge);
            assertThat(outcome.status()).isEqualTo(ExtractionStatus.TIMEOUT);
            String tmp = workDir.toAbsolutePath().normalize().resolve("tmp").toString();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (tesseractsWorkingIn(tmp) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(tesseractsWorkingIn(tmp)).as("tesseract processes still running in " + tmp).isZero();
        }
    }

    private static long tesseractsWorkingIn(String folder) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("tesseract"))
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[0].startsWith(folder)).orElse(false))
                .count();
    }

    @Test
    void picturesInsideADocxAreNotOcred() throws Exception {
        Path docx = dir.resolve("con-imagen.docx");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Fixtures.textImage(LINES), "png", png);
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
            doc.createParagraph().createRun().setText("Informe con una imagen escaneada.");
            XWPFRun run = doc.createParagraph().createRun();
            run.addPicture(new ByteArrayInputStream(png.toByteArray()), Document.PICTURE_TYPE_PNG, "escaneo.png",
                    Units.toEMU(450), Units.toEMU(100));
            doc.write(out);
        }
        ExtractionOutcome outcome = extract(ocrOn, docx);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.text()).contains("Informe con una imagen escaneada.").doesNotContainIgnoringCase("manuscript");
        assertThat(outcome.ocr()).isFalse();
    }
}
