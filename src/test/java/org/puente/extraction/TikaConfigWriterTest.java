package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.pipes.PipesConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written configuration loads in Tika as it is, with OCR on and off (no parser process). */
class TikaConfigWriterTest {

    @TempDir
    Path dir;

    private Path write(boolean ocr) throws Exception {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setTimeoutSeconds(7);
        limits.setParserProcesses(3);
        String xml = TikaConfigWriter.tikaConfigXml(limits, ocr, List.of("-cp", "/a b/c&d.jar", "-Xmx64m"),
                "/usr/bin/java", 1000);
        return Files.writeString(dir.resolve("tika-config-" + ocr + ".xml"), xml, StandardCharsets.UTF_8);
    }

    @Test
    void loadsWithOcrOnAndOff() throws Exception {
        for (boolean ocr : new boolean[] {false, true}) {
            Path file = write(ocr);
            TikaConfig config = new TikaConfig(file);
            AutoDetectParser parser = new AutoDetectParser(config);
            assertThat(config.getDetector()).isInstanceOf(FormatDetector.class);
            assertThat(parser.getAutoDetectParserConfig().getMaximumCompressionRatio()).isEqualTo(100L);
            assertThat(parser.getAutoDetectParserConfig().getEmbeddedDocumentExtractorFactory())
                    .isInstanceOf(DepthLimitingEmbeddedDocumentExtractorFactory.class);
            PipesConfig pipes = PipesConfig.load(file);
            assertThat(pipes.getNumClients()).isEqualTo(3);
            assertThat(pipes.getTimeoutMillis()).isEqualTo(7000L);
            assertThat(pipes.getMaxForEmitBatchBytes()).isEqualTo(-1L);
            assertThat(pipes.getForkedJvmArgs()).containsExactly("-cp", "/a b/c&d.jar", "-Xmx64m");
            assertThat(pipes.getJavaPath()).isEqualTo("/usr/bin/java");
        }
    }

    @Test
    void ocrOffExcludesTesseractAndPdfOcr() throws Exception {
        String off = Files.readString(write(false));
        assertThat(off).contains("<parser-exclude class=\"org.apache.tika.parser.ocr.TesseractOCRParser\"/>")
                .contains(">no_ocr<")
                .doesNotContain("OCRParser\">").doesNotContain("TextCountingOcrParser");
        String on = Files.readString(write(true));
        assertThat(on).contains("<parser class=\"org.puente.extraction.TextCountingOcrParser\">")
                .contains(">spa+eng+por<").contains(">auto<");
    }

    @Test
    void plainTextIsReadWithoutCsvSniffingAndWithTheUtf8FirstDetector() throws Exception {
        TikaConfig config = new TikaConfig(write(false));
        assertThat(config.getParser()).isInstanceOf(CachingCompositeParser.class);
        Map<MediaType, Parser> parsers = ((CompositeParser) config.getParser()).getParsers(new ParseContext());
        Parser text = parsers.get(MediaType.TEXT_PLAIN);
        assertThat(text).isInstanceOf(TXTParser.class);
        // the configured charset detectors: Puente's (valid UTF-8 first), then Tika's
        assertThat(((CompositeEncodingDetector) config.getEncodingDetector()).getDetectors())
                .singleElement().isInstanceOf(Utf8FirstEncodingDetector.class);
        assertThat(((TXTParser) text).getEncodingDetector()).isSameAs(config.getEncodingDetector());
        Parser csv = parsers.get(MediaType.text("csv"));
        assertThat(((ParserDecorator) csv).getWrappedParser()).isInstanceOf(TextAndCSVParser.class);
        assertThat(((TextAndCSVParser) ((ParserDecorator) csv).getWrappedParser()).getEncodingDetector())
                .isSameAs(config.getEncodingDetector());
        assertThat(((CompositeParser) config.getParser()).getParsers(new ParseContext())).isSameAs(parsers);
    }
}
