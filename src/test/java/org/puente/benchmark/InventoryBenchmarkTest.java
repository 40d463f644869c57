package org.puente.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.extraction.ExtractionLimits;

/**
 * {@code puente benchmark} for real on a few generated documents: the loop and the pipeline run
 * as child JVMs, twice, and every figure printed is one they measured.
 */
class InventoryBenchmarkTest {

    @TempDir
    Path work;

    @Test
    void twoRoundsMeasureLoopAndPipelineAndSummariseTheRatios() throws Exception {
        Path corpus = work.resolve("corpus");
        new BenchmarkCorpus(Path.of("seeds/debian-installation-guide")).write(corpus, 8, 2);
        ExtractionLimits limits = new ExtractionLimits();
        limits.setClassDataDir(null); // no class-data archive: no training process in a test
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<InventoryBenchmark.Round> rounds =
                new InventoryBenchmark(corpus, limits, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(2);

        String out = printed.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(rounds).hasSize(2);
        for (InventoryBenchmark.Round round : rounds) {
            assertThat(round.loop().documents()).isEqualTo(8);
            assertThat(round.firstRun().documents()).isEqualTo(8);
            assertThat(round.reRun().documents()).isEqualTo(8);
            assertThat(round.loop().seconds()).isPositive();
            assertThat(round.firstRun().seconds()).isPositive();
            // the whole process holds its JVM's start and, for the pipeline, Spring's and the later steps
            assertThat(round.loop().processSeconds()).isGreaterThan(round.loop().seconds());
            assertThat(round.firstRun().processSeconds()).isGreaterThan(round.firstRun().seconds());
            // nothing changed between the two runs of a round: the re-run parses nothing
            assertThat(round.reRunShare()).isLessThan(1);
        }
        assertThat(out).contains("Corpus: " + corpus + ", 8 files").contains("Round 1 of 2").contains("Round 2 of 2")
                .contains("plain loop:").contains("pipeline / plain loop speed:").contains("2 rounds: pipeline / plain loop speed");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(InventoryBenchmark.median(new double[] {0.8, 0.9, 1.2})).isEqualTo(0.9);
        assertThat(InventoryBenchmark.median(new double[] {0.8, 1.0})).isEqualTo(0.9);
    }

    @Test
    void refusesZeroRounds() {
        assertThatThrownBy(() -> new InventoryBenchmark(work, new ExtractionLimits(), System.out).run(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
