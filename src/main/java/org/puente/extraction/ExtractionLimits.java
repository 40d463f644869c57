package org.puente.extraction;

/**
 * The bounds every extraction runs under, bound from {@code puente.extraction} in
 * {@code pipeline/puente.yml}. The defaults suit a 2-core machine and office documents.
 */
public class ExtractionLimits {

    /** Characters of text kept per document; longer text is truncated and flagged. */
    private int maxCharacters = 2_000_000;
    /** Wall-clock time one document may take before its parser process is killed. */
    private long timeoutSeconds = 60;
    /** Heap of each parser process; a document that needs more is recorded as out of memory. */
    private int parserHeapMegabytes = 384;
    /**
     * Extra options of the parser processes' JVMs. The default compiles with C1 only, after a
     * third of the usual call counts: parser processes start cold for every run, C2's compilation
     * work cost more CPU than it saved on short documents and on smaller runs of long ones, and
     * earlier C1 compilation cost a little less (see the README's performance notes). Long runs
     * use {@link #longRunParserJvmOptions}.
     */
    private java.util.List<String> parserJvmOptions = new java.util.ArrayList<>(
            java.util.List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.3"));
    /**
     * The parser processes' JVM options for a long run (see {@link #longRunMegabytes}): tiered
     * compilation, with C2 kept to the hottest code (ten times the usual call and loop counts
     * before a method is compiled by C2). On long documents a few loops (PDF text positions, XML
     * scanning) take most of the time and C2 pays back its compilation; on a run of short documents
     * it does not (README, Performance).
     */
    private java.util.List<String> longRunParserJvmOptions = new java.util.ArrayList<>(java.util.List.of(
            "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000"));
    /**
     * A run is long when the files it extracts of {@value #LONG_DOCUMENT_BYTES} bytes or more
     * hold at least this many megabytes (each counted up to {@link #maxCharacters} bytes: a larger
     * file is parsed no further than that); its parser processes then run with
     * {@link #longRunParserJvmOptions}. 0: every run; -1: none.
     */
    private long longRunMegabytes = 64;
    /** Parser processes run side by side. */
    private int parserProcesses = 2;
    /** Largest output/input ratio of compressed content (zip bombs) and minimum size it applies from. */
    private long maxCompressionRatio = 100;
    private long compressionThresholdCharacters = 1_000_000;
    /** How deep XML/package nesting and embedded documents may go. */
    private int maxNestingDepth = 100;
    private int maxEmbeddedDepth = 5;
    /** Bytes of metadata kept per document, and per field. */
    private int maxMetadataBytes = 1_000_000;
    private int maxMetadataFieldBytes = 100_000;
    /** Files above this size are not parsed at all. */
    private long maxFileBytes = 500L * 1024 * 1024;
    /** OCR image-only pages with tesseract when it is installed. */
    private boolean ocr = false;
    /** Tesseract languages, '+'-separated. */
    private String ocrLanguages = "spa+eng+por";
    /**
     * Folder of the parser processes' class-data archive ({@link ParserClassData}); {@code null}:
     * no archive. The application sets it (application.yml: under the working folder).
     */
    private java.nio.file.Path classDataDir;

    public int getMaxCharacters() { return maxCharacters; }
    public void setMaxCharacters(int maxCharacters) { this.maxCharacters = maxCharacters; }
    public long getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(long timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
    public int getParserHeapMegabytes() { return parserHeapMegabytes; }
    public void setParserHeapMegabytes(int parserHeapMegabytes) { this.parserHeapMegabytes = parserHeapMegabytes; }
    public java.util.List<String> getParserJvmOptions() { return parserJvmOptions; }
    public void setParserJvmOptions(java.util.List<String> parserJvmOptions) { this.parserJvmOptions = parserJvmOptions; }
    public java.util.List<String> getLongRunParserJvmOptions() { return longRunParserJvmOptions; }
    public void setLongRunParserJvmOptions(java.util.List<String> v) { this.longRunParserJvmOptions = v; }
    public long getLongRunMegabytes() { return longRunMegabytes; }
    public void setLongRunMegabytes(long longRunMegabytes) { this.longRunMegabytes = longRunMegabytes; }

    /** Files from this size on count as long documents ({@link #longRunMegabytes}). */
    public static final long LONG_DOCUMENT_BYTES = 64 * 1024;

    /** Whether a run whose long documents hold this many bytes (counted as {@link #longRunMegabytes} says) is long. */
    public boolean isLongRun(long longDocumentBytes) {
        return longRunMegabytes >= 0 && longDocumentBytes >= longRunMegabytes * 1024 * 1024;
    }

    /** The parser processes' JVM options for a run whose long documents hold this many bytes. */
    public java.util.List<String> parserJvmOptionsFor(long longDocumentBytes) {
        return isLongRun(longDocumentBytes) ? longRunParserJvmOptions : parserJvmOptions;
    }

    public int getParserProcesses() { return parserProcesses; }
    public void setParserProcesses(int parserProcesses) { this.parserProcesses = parserProcesses; }
    public long getMaxCompressionRatio() { return maxCompressionRatio; }
    public void setMaxCompressionRatio(long maxCompressionRatio) { this.maxCompressionRatio = maxCompressionRatio; }
    public long getCompressionThresholdCharacters() { return compressionThresholdCharacters; }
    public void setCompressionThresholdCharacters(long v) { this.compressionThresholdCharacters = v; }
    public int getMaxNestingDepth() { return maxNestingDepth; }
    public void setMaxNestingDepth(int maxNestingDepth) { this.maxNestingDepth = maxNestingDepth; }
    public int getMaxEmbeddedDepth() { return maxEmbeddedDepth; }
    public void setMaxEmbeddedDepth(int maxEmbeddedDepth) { this.maxEmbeddedDepth = maxEmbeddedDepth; }
    public int getMaxMetadataBytes() { return maxMetadataBytes; }
    public void setMaxMetadataBytes(int maxMetadataBytes) { this.maxMetadataBytes = maxMetadataBytes; }
    public int getMaxMetadataFieldBytes() { return maxMetadataFieldBytes; }
    public void setMaxMetadataFieldBytes(int v) { this.maxMetadataFieldBytes = v; }
    public long getMaxFileBytes() { return maxFileBytes; }
    public void setMaxFileBytes(long maxFileBytes) { this.maxFileBytes = maxFileBytes; }
    public boolean isOcr() { return ocr; }
    public void setOcr(boolean ocr) { this.ocr = ocr; }
    public String getOcrLanguages() { return ocrLanguages; }
    public void setOcrLanguages(String ocrLanguages) { this.ocrLanguages = ocrLanguages; }
    public java.nio.file.Path getClassDataDir() { return classDataDir; }
    public void setClassDataDir(java.nio.file.Path classDataDir) { this.classDataDir = classDataDir; }
}
