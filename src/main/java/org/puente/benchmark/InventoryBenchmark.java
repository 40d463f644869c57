package org.puente.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.tika.parser.AutoDetectParser;
import org.puente.extraction.ExtractionLimits;

/**
 * Measures the pipeline against the baseline the issue names, in one run over one folder:
 * <ol>
 * <li>a plain sequential Tika loop ({@link PlainTikaLoop}: {@link AutoDetectParser} in a JVM of its own with
 * the default JVM options, same character limit and OCR setting),</li>
 * <li>{@code puente run} over the folder as a fresh process with an empty working folder (first run),</li>
 * <li>{@code puente run} again over the unchanged folder (re-run).</li>
 * </ol>
 * It prints documents/s, MB/s and peak heap for each, and the ratios; with several rounds, also
 * their median and range.
 */
public final class InventoryBenchmark {

    private static final Pattern RUN_LINE = Pattern.compile("Run \\d+.*?(\\d+) documents found.*? in ([0-9.]+) s");
    private static final Pattern LOOP_LINE = Pattern.compile(
            "loop: (\\d+) documents, (\\d+) failed, ([0-9.]+) s, ([0-9.]+) s CPU, peak heap (\\d+) MB");
    private static final Pattern HEAP_LINE = Pattern.compile("peak heap (\\d+) MB");

    private final Path folder;
    private final ExtractionLimits limits;
    private final PrintStream out;

    public InventoryBenchmark(Path folder, ExtractionLimits limits, PrintStream out) {
        this.folder = folder;
        this.limits = limits;
        this.out = out;
    }

    /**
     * One measured process. {@code seconds} is the time the issue compares (the loop from its first
     * document, the pipeline's run from its summary); {@code processSeconds} is the whole process,
     * from its JVM's start to its exit.
     */
    public record Figures(String what, int documents, long bytes, double seconds, long peakHeapMb,
                          double processSeconds) {
        double documentsPerSecond() {
            return documents / seconds;
        }

        double megabytesPerSecond() {
            return bytes / (1024.0 * 1024.0) / seconds;
        }
    }

    /** One round: the loop, then the pipeline's first run and re-run, back to back. */
    public record Round(Figures loop, Figures firstRun, Figures reRun) {
        public double speedRatio() {
            return loop.seconds() / firstRun.seconds();
        }

        public double reRunShare() {
            return reRun.seconds() / firstRun.seconds();
        }
    }

    /**
     * Measures {@code rounds} times, each round on a fresh working folder. On a machine whose
     * speed drifts (shared or throttled cores), a ratio is only sound within one round: several
     * rounds give its spread and median.
     */
    public List<Round> run(int rounds) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        List<Path> files = files();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        out.printf(Locale.ROOT, "Corpus: %s, %d files, %.1f MB%n", folder, files.size(), bytes / 1048576.0);
        List<Round> results = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            if (rounds > 1) {
                out.printf("Round %d of %d%n", i, rounds);
            }
            Path state = Files.createTempDirectory("puente-benchmark-");
            try {
                Round round = new Round(plainTikaLoop(files, bytes, state), pipeline("pipeline, first run", state, bytes),
                        pipeline("pipeline, re-run", state, bytes));
                print(round);
                results.add(round);
            } finally {
                deleteTree(state);
            }
        }
        if (rounds > 1) {
            printSummary(results);
        }
        return results;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /**
     * {@link PlainTikaLoop} in a child JVM with the JVM's default options: the baseline as a
     * plain program runs it, with full JIT compilation (Puente's own processes run C1 only, which
     * would slow the loop down by a third and flatter the pipeline).
     */
    private Figures plainTikaLoop(List<Path> files, long bytes, Path state) throws Exception {
        Path list = state.resolve("loop-files.txt");
        Files.write(list, files.stream().map(f -> f.toAbsolutePath().toString()).toList(), StandardCharsets.UTF_8);
        ChildRun child = runJava(List.of("-cp", System.getProperty("java.class.path"), PlainTikaLoop.class.getName(),
                list.toString(), Integer.toString(limits.getMaxCharacters()), limits.isOcr() ? "ocr" : "no-ocr",
                limits.getOcrLanguages()), "plain Tika loop");
        Matcher loop = LOOP_LINE.matcher(child.output());
        if (!loop.find()) {
            throw new IllegalStateException("plain Tika loop: unexpected output:\n" + child.output());
        }
        if (Integer.parseInt(loop.group(2)) > 0) {
            out.printf("  plain loop: %s files failed to parse%n", loop.group(2));
        }
        // a "sequential" loop keeps more than one core busy: its JIT compiler and GC run beside it
        out.printf(Locale.ROOT, "  plain loop: %s s of CPU in %s s (JIT compiler and garbage collector included)%n",
                loop.group(4), loop.group(3));
        return new Figures("plain Tika loop (1 thread)", Integer.parseInt(loop.group(1)), bytes,
                Double.parseDouble(loop.group(3)), Long.parseLong(loop.group(5)), child.seconds());
    }

    /** What a child JVM printed, and how long it took from its start to its exit. */
    private record ChildRun(String output, double seconds) {
    }

    /** Runs this JVM's java with the arguments, or throws if it failed. */
    private static ChildRun runJava(List<String> arguments, String what) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed:\n" + output);
        }
        return new ChildRun(output.toString(), (System.nanoTime() - start) / 1e9);
    }

    /** {@code puente run} in a child JVM on this JVM's class path, configured for the folder only. */
    private Figures pipeline(String what, Path state, long bytes) throws Exception {
        // the same JVM options as this JVM: those ./puente starts with, its class-data archive included,
        // but not the writing of that archive (./puente's first command after a build)
        List<String> command = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-XX:ArchiveClassesAtExit")).toList());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                "-Dspring.config.import=",
                "-Dpuente.work-dir=" + state.resolve("work"),
                "-Dpuente.inventory-dir=" + state.resolve("inventory"),
                "-Dpuente.sources[0].name=benchmark",
                "-Dpuente.sources[0].type=folder",
                "-Dpuente.sources[0].path=" + folder.toAbsolutePath(),
                "-Dpuente.extraction.max-characters=" + limits.getMaxCharacters(),
                // OCR as configured, and as the loop does it
                "-Dpuente.extraction.ocr=" + limits.isOcr(),
                "-Dpuente.extraction.ocr-languages=" + limits.getOcrLanguages(),
                // the archive of the user's working folder: made once, as in everyday runs
                "-Dpuente.extraction.class-data-dir=" + (limits.getClassDataDir() == null ? ""
                        : limits.getClassDataDir().toAbsolutePath().toString()),
                "org.puente.PuenteApplication", "run"));
        ChildRun child = runJava(command, what);
        Matcher run = RUN_LINE.matcher(child.output());
        Matcher heap = HEAP_LINE.matcher(child.output());
        if (!run.find() || !heap.find()) {
            throw new IllegalStateException(what + ": unexpected output:\n" + child.output());
        }
        return new Figures(what, Integer.parseInt(run.group(1)), bytes, Double.parseDouble(run.group(2)),
                Long.parseLong(heap.group(1)), child.seconds());
    }

    private void print(Round round) {
        out.printf("%-28s %9s %9s %9s %11s %9s%n", "", "seconds", "docs/s", "MB/s", "peak heap", "process");
        for (Figures f : List.of(round.loop(), round.firstRun(), round.reRun())) {
            out.printf(Locale.ROOT, "%-28s %9.2f %9.1f %9.2f %8d MB %7.2f s%n", f.what(), f.seconds(),
                    f.documentsPerSecond(), f.megabytesPerSecond(), f.peakHeapMb(), f.processSeconds());
        }
        out.printf(Locale.ROOT, "pipeline / plain loop speed: %.2fx; re-run / first run time: %.1f%%%n",
                round.speedRatio(), 100 * round.reRunShare());
        out.println("(seconds: the loop from its first document, the pipeline's run from its summary, JVM start-up "
                + "not included; process: the whole JVM from start to exit, for the pipeline with Spring's start, "
                + "the register and the alignment steps; peak heap: the pipeline JVM's, without the parser processes)");
    }

    private void printSummary(List<Round> rounds) {
        double[] ratios = rounds.stream().mapToDouble(Round::speedRatio).sorted().toArray();
        double[] shares = rounds.stream().mapToDouble(Round::reRunShare).sorted().toArray();
        out.printf(Locale.ROOT, "%d rounds: pipeline / plain loop speed %.2fx median (%.2f-%.2fx); "
                        + "re-run / first run %.1f%% median (%.1f-%.1f%%)%n", rounds.size(),
                median(ratios), ratios[0], ratios[ratios.length - 1],
                100 * median(shares), 100 * shares[0], 100 * shares[shares.length - 1]);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
