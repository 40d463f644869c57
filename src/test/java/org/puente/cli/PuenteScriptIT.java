package org.puente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./puente} as users start it, in a checkout of its own that shares this build's
 * {@code target/}: its JVM writes a class-data archive when it has none to map, maps it from
 * then on with nothing of it on the console, and the first successful run replaces the archive
 * other commands wrote with one of the classes runs load.
 */
class PuenteScriptIT {

    /** Options of the script's JVM ({@code PUENTE_JAVA_OPTS}): the archive must fit them. */
    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path checkout;

    @Test
    void aRunWritesTheArchiveEveryCommandMapsOtherCommandsShareOneUntilThen() throws Exception {
        Path target = PuenteJar.jar().getParent();
        Files.copy(Path.of("puente"), checkout.resolve("puente"));
        Files.createSymbolicLink(checkout.resolve("target"), target);
        // sources older than the jar: the script does not build it again
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(Files.writeString(checkout.resolve("pom.xml"), "<project/>"), old);
        Files.setLastModifiedTime(Files.createDirectories(checkout.resolve("src")), old);
        Path archives = target.resolve("class-data");
        Files.createDirectories(archives);
        try (Stream<Path> earlier = Files.list(archives)) {
            for (Path archive : earlier.toList()) {
                Files.delete(archive); // this build's archives, written by the user's commands
            }
        }
        Path corpus = Files.createDirectories(checkout.resolve("corpus"));
        Files.writeString(corpus.resolve("informe.txt"),
                "La biblioteca nacional publica cada año un informe sobre el estado de sus colecciones.");
        String configuration = """
                puente:
                  sources:
                    - name: corpus
                      type: folder
                      path: corpus
                  extraction:
                    class-data-dir: %s
                """.formatted(target.resolve("cds"));

        String help = puente("--help");
        assertThat(help).contains("Usage: puente").doesNotContain("warning").doesNotContain("CDS");
        Path other = single(archives);
        assertThat(other.getFileName().toString()).matches("puente-\\d+-other\\.jsa");
        long written = Files.getLastModifiedTime(other).toMillis();

        assertThat(puente("--help")).isEqualTo(help);
        assertThat(puente("run", "--help")).contains("--reextract"); // asks for help: not a run
        assertThat(single(archives)).isEqualTo(other);
        assertThat(Files.getLastModifiedTime(other).toMillis()).as("not written again").isEqualTo(written);

        PuenteJar.configure(checkout, configuration + "  workers: not-a-number\n");
        PuenteJar.Result failed = script("run");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(single(archives)).as("a run that failed writes no archive").isEqualTo(other);

        PuenteJar.configure(checkout, configuration);
        assertThat(puente("run")).contains("Run 1: 1 documents found");
        Path run = single(archives);
        assertThat(run.getFileName().toString()).matches("puente-\\d+\\.jsa");
        long runWritten = Files.getLastModifiedTime(run).toMillis();

        assertThat(puente("--help")).isEqualTo(help);
        assertThat(puente("run")).contains("Run 2: 1 documents found, 0 unreadable, 0 parsed");
        assertThat(single(archives)).isEqualTo(run);
        assertThat(Files.getLastModifiedTime(run).toMillis()).as("not written again").isEqualTo(runWritten);

        // the archive fits the script's JVM and options: -Xshare:on refuses to start otherwise
        List<String> strict = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        strict.addAll(OPTIONS);
        strict.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + run, "-jar", PuenteJar.jar().toString(), "--help"));
        Process process = new ProcessBuilder(strict).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** The one archive in the folder; no training file is left behind. */
    private static Path single(Path archives) throws IOException {
        try (Stream<Path> files = Files.list(archives)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).getFileName().toString()).endsWith(".jsa").doesNotStartWith("training-");
            return all.get(0);
        }
    }

    /** {@code ./puente args...}, which must succeed; returns its output. */
    private String puente(String... args) throws Exception {
        PuenteJar.Result result = script(args);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    /** {@code ./puente args...} in the checkout, with the java running the tests and {@link #OPTIONS}. */
    private PuenteJar.Result script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "./puente"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PUENTE_JAVA_OPTS", String.join(" ", OPTIONS));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new PuenteJar.Result(process.exitValue(), output);
    }
}
