package org.puente.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.puente.benchmark.BenchmarkCorpus;
import org.puente.benchmark.InventoryBenchmark;
import org.puente.config.PuenteProperties;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code puente benchmark FOLDER}: the pipeline against a plain Tika loop, in one run. */
@Component
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measures inventory + extraction over a folder: a plain sequential Tika loop, then "
                + "'puente run' on a fresh working folder, then a re-run over the unchanged folder. "
                + "Prints documents/s, MB/s and peak heap of each, and the ratios.",
                "Your own register and database are not touched."})
public class BenchmarkCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FOLDER", description = "The documents to measure on.")
    Path folder;

    @Option(names = "--generate", paramLabel = "N",
            description = "First write N generated documents into FOLDER (which must be missing or empty): "
                    + "es, en and pt (one in ten mixed), as txt, html, docx and pdf in turn, from the sentences "
                    + "of seeds/debian-installation-guide/. The same N and --size always give the same files.")
    Integer generate;

    @Option(names = "--size", paramLabel = "KB", defaultValue = "8",
            description = "With --generate: the text of each document, in KB (default: ${DEFAULT-VALUE}).")
    int sizeKb;

    @Option(names = "--seeds", paramLabel = "FOLDER", defaultValue = "seeds/debian-installation-guide",
            description = "With --generate: the parallel pages (en/, es/, pt/) to take sentences from "
                    + "(default: ${DEFAULT-VALUE}).")
    Path seeds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Measure N times, loop and pipeline back to back in each round, and print the median "
                    + "and range of the ratios: on a machine whose speed drifts, one round can mislead "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    private final PuenteProperties properties;

    public BenchmarkCommand(PuenteProperties properties) {
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (generate != null) {
            long bytes = new BenchmarkCorpus(seeds).write(folder, generate, sizeKb);
            System.out.printf("Generated %d documents (%.1f MB) in %s%n", generate, bytes / 1048576.0, folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        new InventoryBenchmark(folder, properties.getExtraction(), System.out).run(rounds);
        return 0;
    }
}
