package org.puente.memory;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A leverage analysis of a batch of documents into one target language: a row per document,
 * their total, and the documents that were skipped. Kept in the database (each analysis is a
 * new report) and written as CSV and JSON.
 *
 * @param id             the report's number in the database; null before it is saved
 * @param targetLanguage BCP 47 tag of the translation planned (es, pt-BR ...)
 * @param memoryUnits    units in the translation memory when the analysis ran
 * @param elapsedMillis  how long the analysis took
 */
public record LeverageReport(Long id, String targetLanguage, Instant createdAt, long memoryUnits, LeverageWeights weights,
                             List<DocumentLeverage> documents, List<SkippedDocument> skipped, long elapsedMillis) {

    /** The score bounds of the memory bands, as recorded with each report. */
    public static final String THRESHOLDS = "in-context,100,95,85,75,50";

    public LeverageReport {
        documents = List.copyOf(documents);
        skipped = List.copyOf(skipped);
    }

    public LeverageReport withId(long newId) {
        return new LeverageReport(newId, targetLanguage, createdAt, memoryUnits, weights, documents, skipped, elapsedMillis);
    }

    /** The batch total of each band. */
    public Map<MatchBand, BandCounts> totalBands() {
        EnumMap<MatchBand, BandCounts> total = new EnumMap<>(MatchBand.class);
        for (MatchBand band : MatchBand.values()) {
            total.put(band, documents.stream().map(d -> d.band(band)).reduce(BandCounts.NONE, BandCounts::plus));
        }
        return Collections.unmodifiableMap(total);
    }

    public BandCounts total() {
        return totalBands().values().stream().reduce(BandCounts.NONE, BandCounts::plus);
    }

    public double weightedWords() {
        return weights.weightedWords(totalBands());
    }

    static String displayName(String id, String title, String location) {
        if (title != null && !title.isBlank()) {
            return title.strip();
        }
        if (location != null && !location.isBlank()) {
            String trimmed = location.replaceAll("[/\\\\]+$", "");
            return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        }
        return id;
    }
}
