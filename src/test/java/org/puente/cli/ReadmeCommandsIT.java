package org.puente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first command on a fresh copy of the repository's pipeline/ and seeds/: the
 * pipeline over the sample corpus with the embedded defaults, then the other commands.
 */
class ReadmeCommandsIT {

    @TempDir
    Path checkout;

    @Test
    void runOnTheSampleCorpusThenStatusExportAndRerun() throws Exception {
        copy(Path.of("pipeline"), checkout.resolve("pipeline"));
        copy(Path.of("seeds"), checkout.resolve("seeds"));
        long seedDocuments;
        try (Stream<Path> files = Files.walk(checkout.resolve("seeds"))) {
            seedDocuments = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("README")).count();
        }

        PuenteJar.Result run = PuenteJar.run(checkout, "run");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Run 1: " + seedDocuments + " documents found, 0 unreadable, " + seedDocuments + " parsed");
        // the Debian guide's 4 pages in en, es and pt: 3 pairs each
        assertThat(run.output()).contains("Aligned 12 document pairs: ");
        assertThat(checkout.resolve("translations/memory.tmx")).exists();

        JsonNode register = JsonMapper.builder().build().readTree(checkout.resolve("inventory/register.json").toFile());
        assertThat(register.size()).isEqualTo((int) seedDocuments);
        Set<String> languages = new HashSet<>();
        for (JsonNode record : register) {
            assertThat(record.get("status").asString()).as(record.toString()).isEqualTo("EXTRACTED");
            languages.add(record.get("language").asString());
        }
        assertThat(languages).containsExactlyInAnyOrder("es", "en", "pt");
        assertThat(checkout.resolve("inventory/register.csv")).exists();
        assertThat(checkout.resolve(".puente/db")).isDirectory();

        PuenteJar.Result again = PuenteJar.run(checkout, "run");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("Run 2: " + seedDocuments + " documents found, 0 unreadable, 0 parsed")
                .doesNotContain("Aligned");

        PuenteJar.Result align = PuenteJar.run(checkout, "tm", "align");
        assertThat(align.exitCode()).as(align.output()).isZero();
        assertThat(align.output()).contains("(unchanged since its last alignment)").contains("Aligned 0 document pairs");
        PuenteJar.Result review = PuenteJar.run(checkout, "tm", "review", "--output", "review.csv");
        assertThat(review.exitCode()).as(review.output()).isZero();
        assertThat(checkout.resolve("review.csv")).content().startsWith("id,confidence,");

        PuenteJar.Result status = PuenteJar.run(checkout, "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.output()).contains("EXTRACTED").containsPattern("(?m)^2 ");

        PuenteJar.Result export = PuenteJar.run(checkout, "inventory", "export", "--format", "csv", "--output", "-");
        assertThat(export.exitCode()).isZero();
        assertThat(export.output()).contains("id,state,status").contains("installation-guide_ch01s01.html");

        // Leverage after the run aligned the seed pages: their English sentences are in the memory, in context.
        PuenteJar.Result analyze = PuenteJar.run(checkout, "tm", "analyze", "--to", "es");
        assertThat(analyze.exitCode()).as(analyze.output()).isZero();
        assertThat(analyze.output()).contains("Leverage into es:").containsPattern("(?m)^Total ");
        JsonNode leverage = JsonMapper.builder().build().readTree(checkout.resolve("inventory/leverage-es.json").toFile());
        JsonNode bands = leverage.get("total").get("bands");
        long sum = 0;
        for (String band : List.of("in-context", "exact", "fuzzy-95-99", "fuzzy-85-94", "fuzzy-75-84", "fuzzy-50-74",
                "no-match", "repetition-document", "repetition-batch")) {
            sum += bands.get(band).get("words").asLong();
        }
        assertThat(leverage.get("total").get("total").get("words").asLong()).isEqualTo(sum).isPositive();
        assertThat(bands.get("in-context").get("words").asLong()).as(analyze.output()).isPositive();
        assertThat(checkout.resolve("inventory/leverage-es.csv")).exists();
        PuenteJar.Result french = PuenteJar.run(checkout, "tm", "analyze", "--to", "fr");
        assertThat(french.exitCode()).isEqualTo(1);
        assertThat(french.output()).contains("puente: the target language fr is not one of the configured languages");

        PuenteJar.Result help = PuenteJar.run(checkout, "run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--reextract");

        PuenteJar.Result wrong = PuenteJar.run(checkout, "frobnicate");
        assertThat(wrong.exitCode()).isEqualTo(2);
    }

    @Test
    void aBrokenConfigurationGivesOneLineAndExitCodeOne() throws Exception {
        PuenteJar.configure(checkout, """
                puente:
                  sources:
                    - name: nothing
                      type: folder
                      path: does-not-exist
                  workers: not-a-number
                """);
        PuenteJar.Result run = PuenteJar.run(checkout, "run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("puente: cannot start").contains("workers");
        assertThat(run.output().lines().count()).isLessThanOrEqualTo(2);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
