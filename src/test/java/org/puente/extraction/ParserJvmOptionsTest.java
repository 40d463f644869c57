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

/** The parser processes' JVM options come from the configuration: a careless one must not hang a run. */
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
}
