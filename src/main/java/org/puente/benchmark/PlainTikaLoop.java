package org.puente.benchmark;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

/**
 * The baseline of {@code puente benchmark}: a plain sequential Tika loop, as anyone would write
 * it ({@link AutoDetectParser} in one JVM, no isolation, no language identification, no
 * database), run by {@link InventoryBenchmark} as its own JVM with the JVM's default options
 * (full JIT compilation), not those of Puente's short-lived processes.
 *
 * <p>Arguments: a file listing the documents, one path a line, the character limit per
 * document, {@code ocr} or {@code no-ocr}, and the tesseract languages. OCR follows the
 * pipeline's setting, so that both do the same work: with tesseract installed, Tika's defaults
 * would OCR every PDF page with little text, which the pipeline does only when told to.
 *
 * <p>Prints one line: {@code loop: <documents> documents, <failed> failed, <seconds> s,
 * <cpu seconds> s CPU, peak heap <MB> MB}; the time counts from the first document, without the
 * JVM's start.
 */
public final class PlainTikaLoop {

    private PlainTikaLoop() {
    }

    public static void main(String[] args) throws Exception {
        // errors only, as in the parser processes: a warning per PDF (fonts) would be timed too
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
        List<Path> files = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        int maxCharacters = Integer.parseInt(args[1]);
        boolean ocr = "ocr".equals(args[2]);
        String ocrLanguages = args[3];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        AutoDetectParser parser = new AutoDetectParser();
        int failed = 0;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                parser.parse(in, new BodyContentHandler(new WriteOutContentHandler(maxCharacters)),
                        new Metadata(), context(ocr, ocrLanguages));
            } catch (Exception | StackOverflowError e) {
                failed++; // the loop goes on, as the pipeline does
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "loop: %d documents, %d failed, %.3f s, %.3f s CPU, peak heap %d MB%n",
                files.size(), failed, seconds, cpuSeconds, PeakHeap.megabytes());
    }

    /** What the loop parses each document with: OCR on (auto strategy for PDFs) or off. */
    static ParseContext context(boolean ocr, String ocrLanguages) {
        ParseContext context = new ParseContext();
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        PDFParserConfig pdf = new PDFParserConfig();
        if (ocr) {
            tesseract.setLanguage(ocrLanguages);
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
        } else {
            tesseract.setSkipOcr(true);
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        }
        context.set(TesseractOCRConfig.class, tesseract);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }
}
