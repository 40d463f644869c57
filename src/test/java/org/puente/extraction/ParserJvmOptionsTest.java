package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser processes' JVM options come from the configuration: a careless one must not hang a
 * run, and a long run gets its own.
 */
class ParserJvmOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWarningDoesNotCorruptTheParserChannel() throws Exception {
        Path text = Files.writeString(dir.resolve("nota.txt"), "Informe de la biblioteca nacional.\n", StandardCharsets.UTF_8);
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        // Deprecated since JDK 13: the JVM prints a warning at start-up (to standard output by default).
        limits.setParserJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-Xverify:none"));
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (DocumentExtractor extractor = new DocumentExtractor(limits, dir.resolve("extractor"))) {
                ExtractionOutcome outcome = extractor.extract(text);
                assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
                assertThat(outcome.text()).contains("biblioteca nacional");
            }
        });
    }

    @Test
    void anInvalidOptionIsASetupErrorNotAHang() {
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        limits.setParserJvmOptions(List.of("-XX:NoSuchOptionAnywhere=1"));
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (DocumentExtractor extractor = new DocumentExtractor(limits, dir.resolve("extractor"))) {
                Path text = Files.writeString(dir.resolve("a.txt"), "texto");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> extractor.extract(text))
                        .isInstanceOf(ExtractionUnavailableException.class)
                        .hasMessageContaining("setup problem");
            }
        });
    }

    @Test
    void aRunIsLongFromTheConfiguredMegabytesOfLongDocuments() {
        ExtractionLimits limits = new ExtractionLimits();
        long mb = 1024 * 1024;
        assertThat(limits.parserJvmOptionsFor(0)).isEqualTo(limits.getParserJvmOptions());
        assertThat(limits.parserJvmOptionsFor(64 * mb - 1)).isEqualTo(limits.getParserJvmOptions());
        assertThat(limits.parserJvmOptionsFor(64 * mb)).isEqualTo(limits.getLongRunParserJvmOptions())
                .isNotEqualTo(limits.getParserJvmOptions());
        limits.setLongRunMegabytes(0);
        assertThat(limits.parserJvmOptionsFor(0)).isEqualTo(limits.getLongRunParserJvmOptions());
        limits.setLongRunMegabytes(-1);
        assertThat(limits.parserJvmOptionsFor(Long.MAX_VALUE)).isEqualTo(limits.getParserJvmOptions());
    }

    @Test
    void aLongRunReplacesTheStartedParserProcessesWithItsOwn() throws Exception {
        Path text = Files.writeString(dir.resolve("nota.txt"), "Informe anual de la biblioteca nacional.\n", StandardCharsets.UTF_8);
        ExtractionLimits limits = new ExtractionLimits();
        limits.setParserProcesses(1);
        limits.setLongRunMegabytes(1);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (DocumentExtractor extractor = new DocumentExtractor(limits, dir.resolve("extractor"))) {
                assertThat(extractor.extract(text).status()).isEqualTo(ExtractionStatus.EXTRACTED);
                assertThat(extractor.prepareFor(1024 * 1024 - 1)).isFalse();

                long children = ProcessHandle.current().children().count();
                assertThat(extractor.prepareFor(1024 * 1024)).isTrue();
                String config = Files.readString(extractor.workDir().resolve("tika-config-long-run.xml"));
                assertThat(config).contains("-XX:Tier4InvocationThreshold=50000").doesNotContain("TieredStopAtLevel");
                ExtractionOutcome outcome = extractor.extract(text);
                assertThat(outcome.status()).isEqualTo(ExtractionStatus.EXTRACTED);
                assertThat(outcome.text()).contains("biblioteca nacional");
                // the earlier parser process was stopped: the long run's one took its place
                assertThat(ProcessHandle.current().children().count()).isEqualTo(children);
                assertThat(extractor.prepareFor(2 * 1024 * 1024)).isFalse();
            }
        });
    }
}
