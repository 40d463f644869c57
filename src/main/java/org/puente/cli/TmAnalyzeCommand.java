package org.puente.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.puente.config.PuenteProperties;
import org.puente.memory.BandCounts;
import org.puente.memory.DocumentLeverage;
import org.puente.memory.LeverageAnalysis;
import org.puente.memory.LeverageReport;
import org.puente.memory.LeverageReportWriter;
import org.puente.memory.LeverageRepository;
import org.puente.memory.MatchBand;
import org.puente.memory.SkippedDocument;
import org.springframework.stereotype.Component;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code puente tm analyze --to es}: the leverage analysis of a batch of documents. */
@Component
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Leverage analysis: how much of the documents the memory already covers for a target language, "
                + "in segments, words and characters per band (in context, 100%%, 95-99, 85-94, 75-84, 50-74, no match, "
                + "repetitions within a document and across the batch) and weighted words.",
                "Writes inventory/leverage-<target>.csv and .json and keeps the report in the database (every analysis "
                        + "is kept: --list shows them)."})
public class TmAnalyzeCommand implements Callable<Integer> {

    @Option(names = "--to", paramLabel = "LANG", description = "Target language (es, en, pt, or a regional variant: pt-BR, es-419).")
    String to;

    @Option(names = "--document", paramLabel = "ID",
            description = "Analyse this inventory document (repeatable; in this order). Default: every present, extracted "
                    + "document in a configured language other than the target.")
    List<String> documents = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where the CSV and JSON go (default: puente.inventory-dir, inventory).")
    Path outputDirectory;

    @Option(names = "--list", description = "Lists the analyses kept in the database instead, newest first.")
    boolean list;

    private final LeverageAnalysis analysis;
    private final LeverageReportWriter writer;
    private final LeverageRepository repository;
    private final PuenteProperties properties;

    public TmAnalyzeCommand(LeverageAnalysis analysis, LeverageReportWriter writer, LeverageRepository repository,
                            PuenteProperties properties) {
        this.analysis = analysis;
        this.writer = writer;
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (list) {
            return list(out);
        }
        if (to == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--to LANG is required (e.g. --to es)");
        }
        // An unknown document or language fails with its reason on one line (exit code 1).
        LeverageReport report = analysis.analyze(to, documents);
        print(report, out);
        if (report.documents().isEmpty()) {
            out.println("Nothing to analyse into " + report.targetLanguage() + ".");
        }
        List<Path> files = writer.write(report, outputDirectory != null ? outputDirectory : properties.getInventoryDir());
        out.printf("Report %d: %s, %s%n", report.id(), files.get(0), files.get(1));
        return 0;
    }

    static void print(LeverageReport report, PrintStream out) {
        out.printf(Locale.ROOT, "Leverage into %s: %d documents, %d skipped; memory of %,d units; %.1f s%n",
                report.targetLanguage(), report.documents().size(), report.skipped().size(), report.memoryUnits(),
                report.elapsedMillis() / 1000.0);
        out.println("Words by band (101% in context; rep: repeated in the document, x-rep: in an earlier document)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-34s", "document"));
        for (MatchBand band : MatchBand.values()) {
            header.append(String.format(Locale.ROOT, " %7s", band.label()));
        }
        out.println(header.append(String.format(Locale.ROOT, " %8s %9s", "total", "weighted")));
        for (DocumentLeverage d : report.documents()) {
            out.println(line(d.displayName(), d.bands(), d.total(), d.weightedWords()));
        }
        out.println(line("Total", report.totalBands(), report.total(), report.weightedWords()));
        for (SkippedDocument s : report.skipped()) {
            out.printf("Skipped %s (%s): %s%n", s.documentId(), s.displayName(), s.reason());
        }
    }

    private static String line(String name, java.util.Map<MatchBand, BandCounts> bands, BandCounts total, double weighted) {
        String oneLine = name.replaceAll("\\s+", " ").strip();
        String shown = oneLine.length() > 34 ? oneLine.substring(0, 33) + "…" : oneLine;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", shown));
        for (MatchBand band : MatchBand.values()) {
            line.append(String.format(Locale.ROOT, " %7d", bands.get(band).words()));
        }
        return line.append(String.format(Locale.ROOT, " %8d %9.1f", total.words(), weighted)).toString();
    }

    private int list(PrintStream out) {
        List<LeverageRepository.ReportSummary> reports = repository.recentReports(50);
        if (reports.isEmpty()) {
            out.println("No analysis yet: run one with 'puente tm analyze --to es'.");
            return 0;
        }
        out.printf("%-7s %-20s %-7s %9s %7s %10s %10s %12s%n", "report", "created (UTC)", "target", "documents", "skipped",
                "words", "weighted", "memory units");
        for (LeverageRepository.ReportSummary r : reports) {
            out.printf(Locale.ROOT, "%-7d %-20s %-7s %9d %7d %10d %10.1f %12d%n", r.id(),
                    r.createdAt().toString().substring(0, 19).replace('T', ' '), r.targetLanguage(), r.documents(),
                    r.skipped(), r.totalWords(), r.weightedWords(), r.memoryUnits());
        }
        return 0;
    }
}
