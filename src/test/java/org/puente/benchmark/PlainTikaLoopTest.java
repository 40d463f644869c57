package org.puente.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.extraction.Fixtures;

/**
 * The baseline loop does the pipeline's work, no more: with OCR off (the pipeline's default) a
 * scanned page stays unread even where tesseract is installed, as in the pipeline; with OCR on
 * the loop reads it. CI installs tesseract, so both halves run there.
 */
class PlainTikaLoopTest {

    @TempDir
    Path dir;

    private static String parse(Path file, ParseContext context) throws Exception {
        BodyContentHandler text = new BodyContentHandler(-1);
        try (InputStream in = Files.newInputStream(file)) {
            new AutoDetectParser().parse(in, text, new Metadata(), context);
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    @Test
    void loopOcrsOnlyWhenThePipelineWould() throws Exception {
        assumeTrue(new TesseractOCRParser().hasTesseract(), "tesseract is not on the PATH");
        Path scan = Fixtures.scannedPdf(dir.resolve("escaneo.pdf"), "The library catalogue lists every manuscript.");

        assertThat(parse(scan, PlainTikaLoop.context(false, "eng"))).doesNotContain("library");
        assertThat(parse(scan, PlainTikaLoop.context(true, "eng"))).contains("library").contains("catalogue");
    }
}
