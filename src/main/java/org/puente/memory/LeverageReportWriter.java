package org.puente.memory;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.puente.config.AtomicFile;
import org.springframework.stereotype.Component;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes a leverage report as {@code leverage-<target>.csv} (a row per document and a total row,
 * for a spreadsheet) and {@code leverage-<target>.json} (the same, with the weights and the
 * skipped documents, for programs). Each file is written beside its target and moved into place.
 */
@Component
public class LeverageReportWriter {

    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private final CsvMapper csv = CsvMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** The CSV's columns: the document, then segments, words and characters of each band, then the totals. */
    public static List<String> csvColumns() {
        List<String> columns = new ArrayList<>(List.of("row", "report", "target_language", "document_id", "title",
                "location", "source_language"));
        for (MatchBand band : MatchBand.values()) {
            columns.add(band.column() + "_segments");
            columns.add(band.column() + "_words");
            columns.add(band.column() + "_characters");
        }
        columns.addAll(List.of("total_segments", "total_words", "total_characters", "weighted_words"));
        return columns;
    }

    /** Writes both files into {@code folder}; returns their paths, CSV first. */
    public List<Path> write(LeverageReport report, Path folder) throws IOException {
        String base = "leverage-" + report.targetLanguage();
        Path csvFile = folder.resolve(base + ".csv");
        Path jsonFile = folder.resolve(base + ".json");
        AtomicFile.write(csvFile, out -> {
            writeCsv(report, out);
            return null;
        });
        AtomicFile.write(jsonFile, out -> {
            writeJson(report, out);
            return null;
        });
        return List.of(csvFile, jsonFile);
    }

    public void writeCsv(LeverageReport report, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        csvColumns().forEach(schema::addColumn);
        try (SequenceWriter rows = csv.writer(schema.build()).writeValues(out)) {
            for (DocumentLeverage d : report.documents()) {
                rows.write(row("document", report, d.documentId(), d.title(), d.location(), d.sourceLanguage(), d.bands(),
                        d.weightedWords()));
            }
            rows.write(row("total", report, "", "Total (" + report.documents().size() + " documents)", "", "",
                    report.totalBands(), report.weightedWords()));
        }
    }

    public void writeJson(LeverageReport report, Writer out) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("report", report.id());
        root.put("target_language", report.targetLanguage());
        root.put("created", report.createdAt().toString());
        root.put("memory_units", report.memoryUnits());
        root.put("thresholds", LeverageReport.THRESHOLDS);
        Map<String, Double> weights = new LinkedHashMap<>();
        report.weights().byBand().forEach((band, w) -> weights.put(band.key(), w));
        root.put("weights", weights);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DocumentLeverage d : report.documents()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", d.documentId());
            document.put("title", d.title());
            document.put("location", d.location());
            document.put("source_language", d.sourceLanguage());
            document.put("bands", bands(d.bands()));
            document.put("total", d.total());
            document.put("weighted_words", round(d.weightedWords()));
            documents.add(document);
        }
        root.put("documents", documents);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("documents", report.documents().size());
        total.put("bands", bands(report.totalBands()));
        total.put("total", report.total());
        total.put("weighted_words", round(report.weightedWords()));
        root.put("total", total);
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (SkippedDocument s : report.skipped()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", s.documentId());
            document.put("title", s.title());
            document.put("location", s.location());
            document.put("reason", s.reason());
            skipped.add(document);
        }
        root.put("skipped", skipped);
        json.writeValue(out, root);
    }

    private static Map<String, BandCounts> bands(Map<MatchBand, BandCounts> bands) {
        Map<String, BandCounts> byKey = new LinkedHashMap<>();
        bands.forEach((band, counts) -> byKey.put(band.key(), counts));
        return byKey;
    }

    private static List<String> row(String kind, LeverageReport report, String id, String title, String location,
                                    String language, Map<MatchBand, BandCounts> bands, double weighted) {
        List<String> row = new ArrayList<>();
        row.add(kind);
        row.add(report.id() == null ? "" : report.id().toString());
        row.add(report.targetLanguage());
        row.add(id);
        row.add(title == null ? "" : title);
        row.add(location == null ? "" : location);
        row.add(language);
        BandCounts total = BandCounts.NONE;
        for (MatchBand band : MatchBand.values()) {
            BandCounts c = bands.getOrDefault(band, BandCounts.NONE);
            row.add(Integer.toString(c.segments()));
            row.add(Long.toString(c.words()));
            row.add(Long.toString(c.characters()));
            total = total.plus(c);
        }
        row.add(Integer.toString(total.segments()));
        row.add(Long.toString(total.words()));
        row.add(Long.toString(total.characters()));
        row.add(String.format(Locale.ROOT, "%.1f", weighted));
        return row;
    }

    private static double round(double weighted) {
        return Math.round(weighted * 10) / 10.0;
    }
}
