package org.puente.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.puente.config.AtomicFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review queue of alignment: sentence pairs whose confidence was below the threshold.
 * They are not in the memory until a person accepts them; a rejected pair stays rejected when
 * its documents are aligned again.
 */
@Component
public class AlignmentReview {

    /** Prop of a unit that a person accepted from the review queue. */
    static final String PROP_REVIEWED = "x-puente-reviewed";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TranslationMemory memory;
    private final DocumentAligner aligner;

    public AlignmentReview(JdbcClient jdbc, PlatformTransactionManager transactionManager, TranslationMemory memory,
                           DocumentAligner aligner) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.memory = memory;
        this.aligner = aligner;
    }

    /** One sentence pair of the queue. */
    public record PendingPair(long id, String sourceLanguage, String targetLanguage, String source, String target,
                              double confidence, String documents, String status) {
    }

    /** The pending pairs, lowest confidence last (the likeliest to be right first). */
    public List<PendingPair> pending() {
        return jdbc.sql("""
                SELECT r.id, r.source_language, r.target_language, r.source_text, r.target_text, r.confidence,
                    a.origin_detail, r.status
                FROM tm_review r JOIN tm_alignment a ON a.id = r.alignment_id
                WHERE r.status = 'PENDING' ORDER BY r.confidence DESC, r.id""")
                .query((rs, n) -> new PendingPair(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    /**
     * Puts pending pairs into the memory (origin ALIGNMENT, marked reviewed).
     *
     * @return one line per id that could not be accepted (unknown, or not pending)
     */
    public List<String> accept(List<Long> ids) {
        List<String> problems = new ArrayList<>();
        for (long id : ids) {
            transactions.executeWithoutResult(status -> {
                var row = jdbc.sql("""
                        SELECT r.alignment_id, r.source_language, r.target_language, r.source_text, r.target_text,
                            r.confidence, r.status, a.origin_detail, a.source_document, a.declared
                        FROM tm_review r JOIN tm_alignment a ON a.id = r.alignment_id WHERE r.id = ?""")
                        .param(id)
                        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getBoolean(10)})
                        .optional();
                if (row.isEmpty()) {
                    problems.add(id + ": no such pair in the review queue");
                    return;
                }
                Object[] r = row.get();
                if (!"PENDING".equals(r[6])) {
                    problems.add(id + ": already " + ((String) r[6]).toLowerCase(java.util.Locale.ROOT));
                    return;
                }
                String sourceLanguage = (String) r[1];
                String unitSource = (Boolean) r[9] ? LanguageTags.normalize(sourceLanguage) : TranslationUnit.ALL_LANGUAGES;
                TranslationUnit unit = DocumentAligner.unit((String) r[3], (String) r[4], (Double) r[5], sourceLanguage,
                        (String) r[2], unitSource, Instant.now(), true);
                memory.addAligned(List.of(unit), (String) r[7], (String) r[8]);
                aligner.link((Long) r[0], unit);
                long unitId = jdbc.sql("SELECT id FROM tm_unit WHERE unit_key = ?").param(TranslationMemory.unitKey(unit))
                        .query(Long.class).single();
                jdbc.sql("UPDATE tm_review SET status = 'ACCEPTED', reviewed_at = ?, unit_id = ? WHERE id = ?")
                        .params(TranslationMemory.utc(Instant.now()), unitId, id).update();
            });
        }
        return problems;
    }

    /**
     * Marks pending pairs rejected: they stay out of the memory, also when their documents are
     * aligned again.
     *
     * @return one line per id that could not be rejected
     */
    public List<String> reject(List<Long> ids) {
        List<String> problems = new ArrayList<>();
        for (long id : ids) {
            int updated = jdbc.sql("UPDATE tm_review SET status = 'REJECTED', reviewed_at = ? WHERE id = ? AND status = 'PENDING'")
                    .params(TranslationMemory.utc(Instant.now()), id).update();
            if (updated == 0) {
                problems.add(id + jdbc.sql("SELECT status FROM tm_review WHERE id = ?").param(id).query(String.class).optional()
                        .map(s -> ": already " + s.toLowerCase(java.util.Locale.ROOT))
                        .orElse(": no such pair in the review queue"));
            }
        }
        return problems;
    }

    /**
     * Writes the pending pairs as CSV (UTF-8, RFC 4180), replacing the file once written.
     * Confidences are cut, not rounded, to two decimals: a pair kept at 0.599 must not read 0.60.
     */
    public int writeCsv(Path file) throws IOException {
        List<PendingPair> pairs = pending();
        AtomicFile.write(file, out -> {
            out.write("id,confidence,source_language,target_language,source_text,target_text,documents\r\n");
            for (PendingPair p : pairs) {
                out.write(p.id() + "," + String.format(java.util.Locale.ROOT, "%.2f", Math.floor(p.confidence() * 100) / 100) + ","
                        + csv(p.sourceLanguage()) + "," + csv(p.targetLanguage()) + "," + csv(p.source()) + ","
                        + csv(p.target()) + "," + csv(p.documents()) + "\r\n");
            }
            return null;
        });
        return pairs.size();
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
