package org.puente.extraction;

import java.util.List;

/** Writes the tika-config XML of the parser processes, and their logging configuration. */
final class TikaConfigWriter {

    private TikaConfigWriter() {
    }

    static String tikaConfigXml(ExtractionLimits limits, boolean ocr, List<String> forkedJvmArgs,
                                String javaPath, long startupTimeoutMillis) {
        long timeoutMillis = Math.max(1, limits.getTimeoutSeconds()) * 1000L;
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<!-- Written by org.puente.extraction.DocumentExtractor; rewritten at every start. -->\n");
        x.append("<properties>\n");

        // --- parsers: OCR only when asked for and installed
        x.append("  <parsers>\n");
        // One composite holding them all, so that Tika uses it as is (see CachingCompositeParser).
        x.append("  <parser class=\"").append(CachingCompositeParser.class.getName()).append("\">\n");
        x.append("    <parser class=\"").append(CachingDefaultParser.class.getName()).append("\">\n");
        x.append("      <parser-exclude class=\"org.apache.tika.parser.ocr.TesseractOCRParser\"/>\n");
        x.append("      <parser-exclude class=\"org.apache.tika.parser.pdf.PDFParser\"/>\n");
        x.append("      <parser-exclude class=\"org.apache.tika.parser.microsoft.ooxml.OOXMLParser\"/>\n");
        x.append("      <parser-exclude class=\"org.apache.tika.parser.csv.TextAndCSVParser\"/>\n");
        x.append("    </parser>\n");
        // Plain text (and its subtypes without a parser of their own: markdown, ...) is read as
        // text: no CSV sniffing of every .txt (a tenth of a parser's CPU). Files detected as
        // CSV/TSV keep Tika's sniffing parser. Both use the <encodingDetectors> below.
        x.append("    <parser class=\"org.apache.tika.parser.txt.TXTParser\"/>\n");
        x.append("    <parser class=\"org.apache.tika.parser.csv.TextAndCSVParser\">\n");
        x.append("      <mime>text/csv</mime>\n");
        x.append("      <mime>text/tsv</mime>\n");
        x.append("      <mime>text/tab-separated-values</mime>\n");
        x.append("    </parser>\n");
        // Streaming (SAX) DOCX/PPTX extraction: text flows through Tika's zip-bomb guard instead of
        // a whole-document DOM being built first (a 120 MB document.xml ran a 256 MB parser out of memory).
        x.append("    <parser class=\"org.apache.tika.parser.microsoft.ooxml.OOXMLParser\">\n");
        x.append("      <params>\n");
        x.append("        <param name=\"useSAXDocxExtractor\" type=\"bool\">true</param>\n");
        x.append("        <param name=\"useSAXPptxExtractor\" type=\"bool\">true</param>\n");
        x.append("      </params>\n");
        x.append("    </parser>\n");
        x.append("    <parser class=\"org.apache.tika.parser.pdf.PDFParser\">\n");
        x.append("      <params>\n");
        x.append("        <param name=\"ocrStrategy\" type=\"string\">").append(ocr ? "auto" : "no_ocr").append("</param>\n");
        x.append("        <param name=\"extractInlineImages\" type=\"bool\">false</param>\n");
        x.append("      </params>\n");
        x.append("    </parser>\n");
        if (ocr) {
            // Tika's TesseractOCRParser, recording whether tesseract found any text (see the class).
            // Its timeout bounds one tesseract run (an image, a PDF page); the parser process's
            // timeout bounds the whole file, and DocumentExtractor stops a tesseract that outlives it.
            x.append("    <parser class=\"").append(TextCountingOcrParser.class.getName()).append("\">\n");
            x.append("      <params>\n");
            x.append("        <param name=\"language\" type=\"string\">").append(esc(limits.getOcrLanguages())).append("</param>\n");
            x.append("        <param name=\"timeout\" type=\"int\">").append(Math.max(1, limits.getTimeoutSeconds())).append("</param>\n");
            x.append("      </params>\n");
            x.append("    </parser>\n");
        }
        x.append("  </parser>\n");
        x.append("  </parsers>\n");

        // --- formats: Tika's detection with its costly Illustrator rule guarded (see FormatDetector)
        x.append("  <detectors>\n");
        x.append("    <detector class=\"").append(FormatDetector.class.getName()).append("\"/>\n");
        x.append("  </detectors>\n");

        // --- charsets: valid UTF-8 first, then Tika's own detectors (called by ours)
        x.append("  <encodingDetectors>\n");
        x.append("    <encodingDetector class=\"").append(Utf8FirstEncodingDetector.class.getName()).append("\"/>\n");
        x.append("  </encodingDetectors>\n");

        // --- zip bombs, nesting, embedded depth, metadata size
        x.append("  <autoDetectParserConfig>\n");
        x.append("    <params>\n");
        x.append("      <maximumCompressionRatio>").append(limits.getMaxCompressionRatio()).append("</maximumCompressionRatio>\n");
        x.append("      <outputThreshold>").append(limits.getCompressionThresholdCharacters()).append("</outputThreshold>\n");
        x.append("      <maximumDepth>").append(limits.getMaxNestingDepth()).append("</maximumDepth>\n");
        x.append("      <maximumPackageEntryDepth>").append(limits.getMaxNestingDepth()).append("</maximumPackageEntryDepth>\n");
        x.append("    </params>\n");
        x.append("    <metadataWriteFilterFactory class=\"org.apache.tika.metadata.writefilter.StandardWriteFilterFactory\">\n");
        x.append("      <params>\n");
        x.append("        <maxTotalEstimatedBytes>").append(limits.getMaxMetadataBytes()).append("</maxTotalEstimatedBytes>\n");
        x.append("        <maxFieldSize>").append(limits.getMaxMetadataFieldBytes()).append("</maxFieldSize>\n");
        x.append("        <maxValuesPerField>100</maxValuesPerField>\n");
        x.append("      </params>\n");
        x.append("    </metadataWriteFilterFactory>\n");
        x.append("    <embeddedDocumentExtractorFactory class=\"")
                .append(DepthLimitingEmbeddedDocumentExtractorFactory.class.getName()).append("\">\n");
        x.append("      <maxEmbeddedDepth>").append(limits.getMaxEmbeddedDepth()).append("</maxEmbeddedDepth>\n");
        x.append("    </embeddedDocumentExtractorFactory>\n");
        x.append("  </autoDetectParserConfig>\n");

        // --- the forked parser processes
        x.append("  <pipes>\n");
        x.append("    <params>\n");
        x.append("      <numClients>").append(Math.max(1, limits.getParserProcesses())).append("</numClients>\n");
        x.append("      <javaPath>").append(esc(javaPath)).append("</javaPath>\n");
        x.append("      <forkedJvmArgs>\n");
        for (String arg : forkedJvmArgs) {
            x.append("        <arg>").append(esc(arg)).append("</arg>\n");
        }
        x.append("      </forkedJvmArgs>\n");
        x.append("      <timeoutMillis>").append(timeoutMillis).append("</timeoutMillis>\n");
        x.append("      <startupTimeoutMillis>").append(startupTimeoutMillis).append("</startupTimeoutMillis>\n");
        x.append("      <sleepOnStartupTimeoutMillis>5000</sleepOnStartupTimeoutMillis>\n");
        // Without emitters the extract must always come back to this JVM, or the child never starts.
        x.append("      <maxForEmitBatchBytes>-1</maxForEmitBatchBytes>\n");
        x.append("    </params>\n");
        x.append("  </pipes>\n");

        x.append("  <fetchers>\n");
        x.append("    <fetcher class=\"org.apache.tika.pipes.fetcher.fs.FileSystemFetcher\">\n");
        x.append("      <name>").append(DocumentExtractor.FETCHER_NAME).append("</name>\n");
        // Fetch keys are absolute paths checked by DocumentExtractor; there is no common base folder.
        x.append("      <allowAbsolutePaths>true</allowAbsolutePaths>\n");
        x.append("    </fetcher>\n");
        x.append("  </fetchers>\n");
        x.append("</properties>\n");
        return x.toString();
    }

    /**
     * Logging of the parser processes: errors only, to stderr. Their stdout is the channel to
     * this JVM and must stay clean; Tika already logs every failure in this JVM too.
     */
    static String childLogbackXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder>
                      <pattern>[tika-parser] %level %logger{20} - %msg%n</pattern>
                    </encoder>
                  </appender>
                  <root level="ERROR">
                    <appender-ref ref="STDERR"/>
                  </root>
                </configuration>
                """;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
