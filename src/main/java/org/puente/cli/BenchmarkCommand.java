package org.puente.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.puente.benchmark.InventoryBenchmark;
import org.puente.config.PuenteProperties;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
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

    private final PuenteProperties properties;

    public BenchmarkCommand(PuenteProperties properties) {
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        new InventoryBenchmark(folder, properties.getExtraction(), System.out).run();
        return 0;
    }
}
