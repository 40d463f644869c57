package org.puente.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.puente.benchmark.PeakHeap;
import org.puente.config.PuenteProperties;
import org.puente.inventory.DocumentRepository;
import org.puente.inventory.InventoryLauncher;
import org.puente.inventory.RunSummary;
import org.puente.memory.DocumentAligner;
import org.puente.memory.TranslationMemory;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code puente run}: the whole pipeline so far (inventory, extraction, alignment), then a summary. */
@Component
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline over the sources of pipeline/puente.yml: finds every document, "
                + "extracts the text and languages of new and changed ones, marks vanished ones gone, "
                + "writes inventory/register.csv and register.json, and aligns the translation pairs whose "
                + "documents changed into the translation memory.",
                "A run that was killed is resumed by the next 'puente run'."})
public class RunCommand implements Callable<Integer> {

    private static final int FAILURES_SHOWN = 20;

    @Option(names = "--reextract", description = "Parse every document again, not only new and changed ones "
            + "(e.g. after enabling OCR or raising a limit).")
    boolean reextract;

    private final InventoryLauncher launcher;
    private final DocumentAligner aligner;
    private final TranslationMemory memory;
    private final PuenteProperties properties;

    public RunCommand(InventoryLauncher launcher, DocumentAligner aligner, TranslationMemory memory,
                      PuenteProperties properties) {
        this.launcher = launcher;
        this.aligner = aligner;
        this.memory = memory;
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        InventoryLauncher.Outcome outcome = launcher.run(reextract);
        PrintStream out = System.out;
        RunSummary s = outcome.summary();
        if (s != null) {
            out.printf("Run %d%s: %d documents found, %d unreadable, %d parsed (%d new, %d changed), %d gone%s, peak heap %d MB%n",
                    s.runId(), outcome.resumed() ? " (resumed)" : "", s.found(), s.unreadable(), s.parsed(),
                    s.newDocuments(), s.changed(), s.gone(), duration(s.duration()), PeakHeap.megabytes());
            for (String source : s.failedSources()) {
                out.println("  source not read (its documents kept as they were): " + source);
            }
        }
        printFailures(out, outcome.failures());
        if (s != null && outcome.failure() == null) {
            printAlignment(out, s.runId());
        }
        if (outcome.failure() != null) {
            throw new IllegalStateException("the run stopped: " + outcome.failure()
                    + " (fix the cause and run again: it resumes where it stopped)");
        }
        out.println("Register: inventory/register.csv, inventory/register.json");
        return 0;
    }

    /** What the run's align step did, and the portable copy of the memory when it added anything. */
    private void printAlignment(PrintStream out, long runId) throws java.io.IOException {
        if (!properties.getMemory().getAlignment().isEnabled()) {
            return;
        }
        DocumentAligner.RunFigures figures = aligner.figuresOfRun(runId);
        if (figures.pairs() > 0) {
            out.printf("Aligned %d document pairs: %d sentence pairs into the memory, %d kept for review "
                    + "('puente tm review')%n", figures.pairs(), figures.intoMemory(), figures.forReview());
        }
        figures.failures().forEach(f -> out.println("  alignment failed (tried again next run): " + f));
        aligner.declaredCandidates().problems().forEach(p -> out.println("  alignment not done: " + p));
        if (figures.pairs() > 0) {
            long written = memory.exportTmx(TmCommand.PORTABLE_COPY, java.util.Set.of(), java.util.Set.of());
            out.printf("Portable copy of the memory: %s (%d units)%n", TmCommand.PORTABLE_COPY, written);
        }
    }

    static void printFailures(PrintStream out, List<DocumentRepository.Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        out.printf("%d documents could not be extracted or read:%n", failures.size());
        failures.stream().limit(FAILURES_SHOWN).forEach(f ->
                out.printf("  %-15s %s: %s%n", f.status(), f.location(), f.reason()));
        if (failures.size() > FAILURES_SHOWN) {
            out.printf("  ... and %d more: see the 'status' and 'message' columns of inventory/register.csv%n",
                    failures.size() - FAILURES_SHOWN);
        }
    }

    private static String duration(Duration d) {
        return d == null ? "" : String.format(Locale.ROOT, " in %.2f s", d.toMillis() / 1000.0);
    }
}
