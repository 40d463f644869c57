package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that make the parser loop, run out of memory or exit the JVM: each costs only itself,
 * and the next file extracts. The misbehaviour comes from {@link PathologicalTestParser}, which
 * Tika picks for files starting with the markers of {@code custom-mimetypes.xml} (test classpath).
 */
class DocumentExtractorIsolationTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DocumentExtractor extractor;

    @BeforeAll
    static void start() {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setTimeoutSeconds(5);
        limits.setParserHeapMegabytes(128);
        limits.setParserProcesses(1);
        extractor = new DocumentExtractor(limits, shared.resolve("extractor"));
    }

    @AfterAll
    static void stop() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private Path marker(String name, String marker) throws Exception {
        return Files.writeString(dir.resolve(name), marker + "\nrest of the file\n", StandardCharsets.US_ASCII);
    }

    private void nextFileStillExtracts() throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.txt"), "Relatório: ação, informação", StandardCharsets.UTF_8);
        ExtractionOutcome outcome = extractor.extract(ok);
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
        assertThat(outcome.text()).isEqualTo("Relatório: ação, informação");
    }

    @Test
    void endlessLoopTimesOut() throws Exception {
        long start = System.nanoTime();
        ExtractionOutcome outcome = extractor.extract(marker("loop.bin", "PUENTE-TEST-LOOP"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.TIMEOUT);
        assertThat(outcome.message()).startsWith("timeout:").contains("5 s");
        assertThat(outcome.mediaType()).isEqualTo("application/x-puente-test-loop");
        assertThat(seconds).isBetween(4L, 20L);
        nextFileStillExtracts();
    }

    @Test
    void exhaustedHeapIsOutOfMemory() throws Exception {
        ExtractionOutcome outcome = extractor.extract(marker("oom.bin", "PUENTE-TEST-OOM"));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.OUT_OF_MEMORY);
        assertThat(outcome.message()).startsWith("out of memory:").contains("128 MB");
        nextFileStillExtracts();
    }

    @Test
    void exitingParserIsACrash() throws Exception {
        ExtractionOutcome outcome = extractor.extract(marker("exit.bin", "PUENTE-TEST-EXIT"));
        assertThat(outcome.status()).isEqualTo(ExtractionStatus.CRASHED);
        assertThat(outcome.message()).startsWith("crashed:");
        assertThat(outcome.mediaType()).isEqualTo("application/x-puente-test-exit");
        nextFileStillExtracts();
    }

    @Test
    void fileAboveTheSizeLimitIsNotParsed(@TempDir Path work) throws Exception {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setMaxFileBytes(1000);
        try (DocumentExtractor small = new DocumentExtractor(limits, work)) {
            Path big = Files.write(dir.resolve("big.txt"), new byte[5000]);
            ExtractionOutcome outcome = small.extract(big);
            assertThat(outcome.status()).isEqualTo(ExtractionStatus.TOO_LARGE);
            assertThat(outcome.message()).startsWith("too large:").contains("4.9 KB").contains("1000 bytes");
        }
    }

    @Test
    void parserProcessThatCannotStartIsAnInfrastructureFailure(@TempDir Path work) throws Exception {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserHeapMegabytes(1); // -Xmx1m: the JVM refuses to start
        limits.setParserProcesses(1);
        try (DocumentExtractor broken = new DocumentExtractor(limits, work)) {
            Path ok = Files.writeString(dir.resolve("fine.txt"), "Un texto normal.", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> broken.extract(ok))
                    .isInstanceOf(ExtractionUnavailableException.class)
                    .hasMessageContaining("not a problem of");
        }
    }

    @Test
    void closedExtractorRefusesWork(@TempDir Path work) throws Exception {
        DocumentExtractor closed = new DocumentExtractor(new ExtractionLimits(), work);
        closed.close();
        closed.close();
        Path ok = Files.writeString(dir.resolve("x.txt"), "x", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> closed.extract(ok)).isInstanceOf(IllegalStateException.class);
    }
}
