package org.puente.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.puente.benchmark.TmBenchmark;
import org.puente.config.PuenteProperties;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code puente tm benchmark}: the memory against Okapi's Pensieve TM, in one run. */
@Component
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measures the translation memory against Okapi's Pensieve TM on the same memory and the same "
                + "queries: import time, fuzzy lookups per second, median and 95th-percentile latency, heap, and the "
                + "share of Pensieve's matches the memory also finds. The queries are real sentences held out of the "
                + "TMX; both engines import the rest.",
                "Works in a scratch folder under the working state: your memory is not touched."})
public class TmBenchmarkCommand implements Callable<Integer> {

    /** The federation's sample memory, next to the repository, when it is there. */
    static final Path SAMPLE_MEMORY = Path.of("..", "shared", "samples", "tm", "en-es.tmx");

    @Option(names = "--tmx", paramLabel = "FILE", description = "The memory to measure on (default: ${DEFAULT-VALUE}).")
    Path tmx = SAMPLE_MEMORY;

    @Option(names = "--from", paramLabel = "LANG", defaultValue = "en", description = "Source language (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "LANG", defaultValue = "es", description = "Target language (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--queries", defaultValue = "2000", description = "Held-out sentences to query with (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--threshold", defaultValue = "75", description = "Fuzzy threshold (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--max", defaultValue = "5", description = "Matches asked per lookup (default ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the query draw (default ${DEFAULT-VALUE}).")
    long seed;

    private final PuenteProperties properties;

    public TmBenchmarkCommand(PuenteProperties properties) {
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(tmx)) {
            throw new IllegalArgumentException("no TMX at " + tmx + "; give one with --tmx FILE");
        }
        if (queries < 1 || threshold < 1 || threshold > 100 || max < 1) {
            throw new IllegalArgumentException("--queries and --max must be at least 1, --threshold in 1..100");
        }
        new TmBenchmark(new TmBenchmark.Options(tmx, from, to, queries, threshold, max, seed,
                properties.getWorkDir().resolve("benchmark").resolve("tm")), System.out).run();
        return 0;
    }
}
