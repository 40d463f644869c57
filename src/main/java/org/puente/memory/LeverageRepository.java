package org.puente.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leverage reports in the database ({@code leverage_report}, {@code leverage_document},
 * {@code leverage_document_band}), and the register columns an analysis needs to choose its
 * documents.
 */
@Repository
public class LeverageRepository {

    private final JdbcClient jdbc;

    public LeverageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A document of the register as the analysis sees it. */
    record Candidate(String id, String title, String location, String state, String status, String statusMessage,
                     String language) {
    }

    private static final String CANDIDATE_SELECT = """
            SELECT d.id, d.title, d.state, d.status, d.status_message, d.language,
                (SELECT MIN(l.location) FROM document_location l WHERE l.document_id = d.id AND l.state = 'PRESENT') AS location
            FROM document d""";

    /** Every present document, in the order of their first location (folder order, as a reader lists them). */
    List<Candidate> presentDocuments() {
        return jdbc.sql("SELECT * FROM (" + CANDIDATE_SELECT + " WHERE d.state = 'PRESENT') c ORDER BY c.location, c.id")
                .query((rs, n) -> candidate(rs)).list();
    }

    /** The document with this id, present or gone. */
    Optional<Candidate> document(String id) {
        return jdbc.sql(CANDIDATE_SELECT + " WHERE d.id = ?").param(id).query((rs, n) -> candidate(rs)).optional();
    }

    private static Candidate candidate(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Candidate(rs.getString("id"), rs.getString("title"), rs.getString("location"), rs.getString("state"),
                rs.getString("status"), rs.getString("status_message"), rs.getString("language"));
    }

    /** Saves a report with its documents and bands; returns it with its new id. */
    @Transactional
    public LeverageReport save(LeverageReport report) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO leverage_report (target_language, created_at, memory_units, documents, skipped, thresholds,
                    weights, total_words, weighted_words, elapsed_millis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(report.targetLanguage(), report.createdAt().atOffset(ZoneOffset.UTC), report.memoryUnits(),
                        report.documents().size(), report.skipped().size(), LeverageReport.THRESHOLDS,
                        formatWeights(report.weights()), report.total().words(), report.weightedWords(),
                        report.elapsedMillis())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        int position = 0;
        for (DocumentLeverage d : report.documents()) {
            jdbc.sql("""
                    INSERT INTO leverage_document (report_id, position, document_id, title, location, source_language,
                        skipped_reason, weighted_words) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)""")
                    .params(id, position++, d.documentId(), d.title(), d.location(), d.sourceLanguage(), d.weightedWords())
                    .update();
            for (MatchBand band : MatchBand.values()) {
                BandCounts c = d.band(band);
                jdbc.sql("""
                        INSERT INTO leverage_document_band (report_id, document_id, band, segments, words, characters)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(id, d.documentId(), band.column(), c.segments(), c.words(), c.characters()).update();
            }
        }
        for (SkippedDocument s : report.skipped()) {
            jdbc.sql("""
                    INSERT INTO leverage_document (report_id, position, document_id, title, location, source_language,
                        skipped_reason, weighted_words) VALUES (?, ?, ?, ?, ?, '', ?, 0)""")
                    .params(id, position++, s.documentId(), s.title(), s.location(), truncate(s.reason(), 2000)).update();
        }
        return report.withId(id);
    }

    /** A report as saved. */
    public Optional<LeverageReport> find(long id) {
        return jdbc.sql("SELECT * FROM leverage_report WHERE id = ?").param(id).query((rs, n) -> {
            Map<String, Double> weights = parseWeights(rs.getString("weights"));
            return new LeverageReport(id, rs.getString("target_language"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getLong("memory_units"),
                    LeverageWeights.of(weights), List.of(), List.of(), rs.getLong("elapsed_millis"));
        }).optional().map(header -> {
            Map<String, Map<MatchBand, BandCounts>> bands = new LinkedHashMap<>();
            jdbc.sql("SELECT * FROM leverage_document_band WHERE report_id = ?").param(id).query(rs -> {
                bands.computeIfAbsent(rs.getString("document_id"), k -> new EnumMap<>(MatchBand.class))
                        .put(MatchBand.ofKey(rs.getString("band")),
                                new BandCounts(rs.getInt("segments"), rs.getLong("words"), rs.getLong("characters")));
            });
            List<DocumentLeverage> documents = new ArrayList<>();
            List<SkippedDocument> skipped = new ArrayList<>();
            jdbc.sql("SELECT * FROM leverage_document WHERE report_id = ? ORDER BY position").param(id).query(rs -> {
                String documentId = rs.getString("document_id");
                String reason = rs.getString("skipped_reason");
                if (reason != null) {
                    skipped.add(new SkippedDocument(documentId, rs.getString("title"), rs.getString("location"), reason));
                } else {
                    documents.add(new DocumentLeverage(documentId, rs.getString("title"), rs.getString("location"),
                            rs.getString("source_language"), bands.getOrDefault(documentId, Map.of()),
                            rs.getDouble("weighted_words")));
                }
            });
            return new LeverageReport(id, header.targetLanguage(), header.createdAt(), header.memoryUnits(),
                    header.weights(), documents, skipped, header.elapsedMillis());
        });
    }

    /** One line of the history of analyses. */
    public record ReportSummary(long id, String targetLanguage, Instant createdAt, int documents, int skipped,
                                long totalWords, double weightedWords, long memoryUnits) {
    }

    /** The latest analyses, newest first. */
    public List<ReportSummary> recentReports(int limit) {
        return jdbc.sql("SELECT * FROM leverage_report ORDER BY id DESC LIMIT ?").param(limit)
                .query((rs, n) -> new ReportSummary(rs.getLong("id"), rs.getString("target_language"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("documents"),
                        rs.getInt("skipped"), rs.getLong("total_words"), rs.getDouble("weighted_words"),
                        rs.getLong("memory_units")))
                .list();
    }

    static String formatWeights(LeverageWeights weights) {
        return weights.byBand().entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static Map<String, Double> parseWeights(String text) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            weights.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
        }
        return weights;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
