package org.puente.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.puente.inventory.DocumentRepository;
import org.puente.inventory.InventoryLauncher;
import org.puente.inventory.RunSummary;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code puente status}: the last runs and the state of the register. */
@Component
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the last runs (when, how long, what they found, parsed and marked gone), "
                + "the present documents by extraction status, and what failed.")
public class StatusCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "5", description = "How many recent runs to show (default ${DEFAULT-VALUE}).")
    int runs;

    private final DocumentRepository repository;
    private final InventoryLauncher launcher;

    public StatusCommand(DocumentRepository repository, InventoryLauncher launcher) {
        this.repository = repository;
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<RunSummary> recent = repository.recentRuns(runs);
        if (recent.isEmpty()) {
            out.println("No run yet: start one with 'puente run'.");
            return 0;
        }
        out.printf("%-5s %-20s %-10s %7s %10s %7s %5s %8s %5s%n",
                "run", "started (UTC)", "state", "found", "unreadable", "parsed", "new", "changed", "gone");
        boolean running = launcher.runInProgress();
        for (RunSummary r : recent) {
            String state = r.finished() != null ? String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0)
                    : running && r == recent.get(0) ? "running" : "stopped";
            out.printf("%-5d %-20s %-10s %7d %10d %7d %5d %8d %5d%n", r.runId(),
                    r.started().toString().substring(0, 19).replace('T', ' '), state,
                    r.found(), r.unreadable(), r.parsed(), r.newDocuments(), r.changed(), r.gone());
            r.failedSources().forEach(s -> out.println("      source not read: " + s));
        }
        if (!running && recent.get(0).finished() == null) {
            out.println("Run " + recent.get(0).runId() + " stopped before the end: 'puente run' resumes it.");
        }
        Map<String, Integer> byStatus = repository.countByStatus();
        out.println();
        out.println("Present documents by extraction status:");
        byStatus.forEach((status, n) -> out.printf("  %-15s %d%n", status, n));
        RunCommand.printFailures(out, repository.failures());
        return 0;
    }
}
