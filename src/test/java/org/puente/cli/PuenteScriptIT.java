package org.puente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code ./puente} as users start it: its JVM writes a class-data archive once after a build and
 * maps it from then on, with nothing of it on the console.
 */
class PuenteScriptIT {

    private static final Path ARCHIVES = Path.of("target", "class-data");
    /** Options of the script's JVM ({@code PUENTE_JAVA_OPTS}): the archive must fit them. */
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void theFirstCommandWritesTheClassDataArchiveAndLaterOnesUseIt() throws Exception {
        PuenteJar.jar(); // built by 'package', so the script does not build it again
        String first = puente("--help");
        assertThat(first).contains("Usage: puente").doesNotContain("warning").doesNotContain("CDS");
        List<Path> archives = archives();
        assertThat(archives).hasSize(1);
        long written = Files.getLastModifiedTime(archives.get(0)).toMillis();

        String second = puente("--help");
        assertThat(second).isEqualTo(first);
        assertThat(archives()).containsExactlyElementsOf(archives);
        assertThat(Files.getLastModifiedTime(archives.get(0)).toMillis()).as("not written again").isEqualTo(written);
        try (Stream<Path> left = Files.list(ARCHIVES)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("training-"));
        }

        // the archive fits the script's JVM and options: -Xshare:on refuses to start otherwise
        List<String> strict = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        strict.addAll(OPTIONS);
        strict.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archives.get(0), "-jar", PuenteJar.jar().toString(), "--help"));
        Process process = new ProcessBuilder(strict).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(ARCHIVES)) {
            return files.filter(p -> p.getFileName().toString().matches("puente-\\d+\\.jsa")).sorted().toList();
        }
    }

    /** {@code ./puente args...} from the repository root, with the java running the tests and {@link #OPTIONS}. */
    private static String puente(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "./puente"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PUENTE_JAVA_OPTS", String.join(" ", OPTIONS));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
