package org.puente.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.puente.config.PuenteProperties;
import org.puente.extraction.ExtractionStatus;
import org.puente.inventory.DocumentRepository;
import org.puente.inventory.TextDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Aligns documents that translate each other into the memory: the pairs
 * {@link TranslationPairs} finds in the inventory and those a coordinator declares
 * ({@code puente.memory.alignment.pairs}, {@code puente tm align --source --target}). Both texts
 * are segmented, aligned sentence by sentence ({@link SentenceAligner}); pairs at or above
 * the confidence threshold become units of origin ALIGNMENT, the others wait in the review
 * queue ({@link AlignmentReview}) and are never used as matches.
 *
 * <p>A pair of documents is one alignment, whatever the direction: aligning it again replaces
 * what it added (its units and pending pairs; decisions of reviewers are kept and applied
 * again), so re-running never doubles anything, and a pair is only realigned when the content
 * of one of its documents changed (or when forced).
 */
@Component
public class DocumentAligner {

    private static final Logger log = LoggerFactory.getLogger(DocumentAligner.class);
    private static final Pattern SPACE = Pattern.compile("[\\s\\p{Cc}\\uE101-\\uE1FF]+");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** Prop of an aligned unit: the confidence of its sentence pair. */
    static final String PROP_CONFIDENCE = "x-puente-confidence";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DocumentRepository documents;
    private final TranslationMemory memory;
    private final ObjectProvider<Segmenter> segmenter;
    private final PuenteProperties properties;
    private final SentenceAligner aligner = new SentenceAligner();

    public DocumentAligner(JdbcClient jdbc, PlatformTransactionManager transactionManager, DocumentRepository documents,
                           TranslationMemory memory, ObjectProvider<Segmenter> segmenter, PuenteProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.documents = documents;
        this.memory = memory;
        this.segmenter = segmenter;
        this.properties = properties;
    }

    /**
     * What aligning one pair of documents gave.
     *
     * @param unchanged    not aligned again: both documents are as when last aligned (the
     *                     figures are those of that alignment)
     * @param sentencePairs sentence pairs with text on both sides (omissions not counted)
     * @param failure      why the pair could not be aligned, or null
     */
    public record PairResult(TextDocument source, TextDocument target, boolean declared, boolean unchanged,
                             int sentencePairs, int intoMemory, int forReview, double meanConfidence, String failure) {
    }

    /** A pair to align: found in the inventory, or declared. */
    public record Candidate(TextDocument source, TextDocument target, boolean declared) {
    }

    /** The pairs to align and the declarations that cannot be used (one line each). */
    public record Candidates(List<Candidate> pairs, List<String> problems) {
    }

    /** What {@code run} aligned: the figures of the alignments it made, and what failed. */
    public record RunFigures(int pairs, int intoMemory, int forReview, List<String> failures) {
    }

    // ---- which pairs -------------------------------------------------------------------------

    /** The pairs found in the inventory (if {@code find-pairs}) and the declared ones. */
    public Candidates candidates() {
        AlignmentSettings settings = properties.getMemory().getAlignment();
        Map<String, Candidate> pairs = new LinkedHashMap<>();
        Candidates declared = declaredCandidates();
        declared.pairs().forEach(c -> pairs.put(pairKey(c.source().id(), c.target().id()), c));
        List<String> problems = declared.problems();
        if (settings.isFindPairs()) {
            TranslationPairs finder = new TranslationPairs(properties.getLanguages());
            for (TranslationPairs.Pair p : finder.find(documents.presentDocuments(), id -> documents.text(id).orElse(""))) {
                pairs.putIfAbsent(pairKey(p.source().id(), p.target().id()), new Candidate(p.source(), p.target(), false));
            }
        }
        return new Candidates(new ArrayList<>(pairs.values()), problems);
    }

    /** The pairs of {@code puente.memory.alignment.pairs}, and why some cannot be used. */
    public Candidates declaredCandidates() {
        List<Candidate> pairs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AlignmentSettings.DeclaredPair d : properties.getMemory().getAlignment().getPairs()) {
            try {
                pairs.add(declared(d.getSource(), d.getTarget()));
            } catch (IllegalArgumentException e) {
                problems.add("declared pair " + d.getSource() + " -> " + d.getTarget() + ": " + e.getMessage());
            }
        }
        return new Candidates(pairs, problems);
    }

    /**
     * A declared pair, checked.
     *
     * @throws IllegalArgumentException with a one-line reason: unknown document, gone, not
     *         extracted, both in the same language
     */
    public Candidate declared(String sourceRef, String targetRef) {
        TextDocument source = usable(sourceRef);
        TextDocument target = usable(targetRef);
        if (source.id().equals(target.id())) {
            throw new IllegalArgumentException("'" + sourceRef + "' and '" + targetRef + "' are the same document");
        }
        if (LanguageTags.language(source.language()).equals(LanguageTags.language(target.language()))) {
            throw new IllegalArgumentException("both documents are in " + source.language()
                    + " (" + source.location() + ", " + target.location() + ")");
        }
        return new Candidate(source, target, true);
    }

    private TextDocument usable(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("a document (register id or location) is missing");
        }
        TextDocument d = documents.findDocument(ref.strip()).orElseThrow(() -> new IllegalArgumentException(
                "unknown document '" + ref + "' (neither an id nor a location of the register)"));
        if (!DocumentRepository.PRESENT.equals(d.state())) {
            throw new IllegalArgumentException(d.location() + " is gone from the sources");
        }
        if (!ExtractionStatus.EXTRACTED.name().equals(d.status())) {
            throw new IllegalArgumentException(d.location() + " has no extracted text (status " + d.status() + ")");
        }
        if ("other".equals(d.language()) || "unknown".equals(d.language())) {
            throw new IllegalArgumentException(d.location() + " is in no configured language (" + d.language() + ")");
        }
        return d;
    }

    // ---- aligning ----------------------------------------------------------------------------

    /**
     * Aligns every candidate pair whose documents changed since their last alignment (or all,
     * when {@code force}). A pair that fails is reported in its result, never thrown.
     *
     * @param runId the pipeline run, or null from the command line
     */
    public List<PairResult> alignAll(List<Candidate> candidates, Long runId, boolean force) {
        List<PairResult> results = new ArrayList<>();
        for (Candidate c : candidates) {
            results.add(align(c, runId, force));
        }
        return results;
    }

    /** Aligns one pair (see {@link #alignAll}); a failure is in the result, not thrown. */
    public PairResult align(Candidate pair, Long runId, boolean force) {
        TextDocument s = pair.source();
        TextDocument t = pair.target();
        Optional<Previous> previous = previous(s.id(), t.id());
        if (!force && previous.isPresent() && previous.get().failure() == null
                && previous.get().isOf(s.sha256(), t.sha256(), s.id())) {
            Previous p = previous.get();
            return new PairResult(s, t, pair.declared(), true, p.sentencePairs(), p.intoMemory(), p.forReview(),
                    p.meanConfidence(), null);
        }
        try {
            return alignNow(pair, previous, runId);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("alignment of {} and {} failed: {}", s.location(), t.location(), reason, e);
            try {
                recordFailure(pair, previous, runId, reason);
            } catch (RuntimeException unrecorded) {
                // reported below all the same; the pair is tried again next time
                log.warn("could not record the failed alignment of {} and {}: {}", s.location(), t.location(),
                        unrecorded.getMessage());
            }
            return new PairResult(s, t, pair.declared(), false, 0, 0, 0, 0, reason);
        }
    }

    private PairResult alignNow(Candidate pair, Optional<Previous> previous, Long runId) {
        TextDocument s = pair.source();
        TextDocument t = pair.target();
        String sourceText = documents.text(s.id()).orElseThrow(() -> new IllegalStateException("no text for " + s.location()));
        String targetText = documents.text(t.id()).orElseThrow(() -> new IllegalStateException("no text for " + t.location()));
        Segmenter segments = segmenter.getObject();
        List<List<String>> sourceParagraphs = segments.paragraphs(sourceText, s.language());
        List<List<String>> targetParagraphs = segments.paragraphs(targetText, t.language());
        List<SentenceAligner.SentencePair> beads = aligner.align(sourceParagraphs, targetParagraphs);
        List<String> sourceSentences = sourceParagraphs.stream().flatMap(List::stream).toList();
        List<String> targetSentences = targetParagraphs.stream().flatMap(List::stream).toList();
        // One entry per distinct text pair (a repeated heading is one unit), with its best confidence.
        Map<String, Aligned> aligned = new LinkedHashMap<>();
        for (SentenceAligner.SentencePair b : beads) {
            if (b.isOmission()) {
                continue;
            }
            String source = clean(b.source());
            String target = clean(b.target());
            if (!LETTER.matcher(source).find() || !LETTER.matcher(target).find() || source.equals(target)) {
                continue; // numbers, code, or text left untranslated: nothing to learn
            }
            // Each side's neighbours in its document: an exact match in the same place is in context.
            List<TmProp> sourceContext = SegmentContext.props(neighbour(sourceSentences, b.sourceFrom() - 1),
                    neighbour(sourceSentences, b.sourceTo()));
            List<TmProp> targetContext = SegmentContext.props(neighbour(targetSentences, b.targetFrom() - 1),
                    neighbour(targetSentences, b.targetTo()));
            aligned.merge(source + "\u0000" + target, new Aligned(source, target, b.confidence(), sourceContext, targetContext),
                    (a, c) -> a.confidence() >= c.confidence() ? a : c);
        }
        double threshold = properties.getMemory().getAlignment().getMinConfidence();
        String detail = originDetail(s, t);
        Instant now = Instant.now();
        String unitSource = pair.declared() ? LanguageTags.normalize(s.language()) : TranslationUnit.ALL_LANGUAGES;
        return transactions.execute(status -> {
            Map<String, String> decided = new HashMap<>();
            long alignmentId;
            if (previous.isPresent()) {
                alignmentId = previous.get().id();
                jdbc.sql("SELECT source_text, target_text, status FROM tm_review WHERE alignment_id = ? AND status <> 'PENDING'")
                        .param(alignmentId)
                        .query(rs -> {
                            decided.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
                        });
                removeAlignedContent(alignmentId);
                jdbc.sql("""
                        UPDATE tm_alignment SET source_document = ?, target_document = ?, source_language = ?,
                            target_language = ?, source_sha256 = ?, target_sha256 = ?, declared = ?, origin_detail = ?,
                            run_id = ?, aligned_at = ?, failure = NULL WHERE id = ?""")
                        .params(s.id(), t.id(), s.language(), t.language(), s.sha256(), t.sha256(),
                                pair.declared() || previous.get().declared(), detail, runId, TranslationMemory.utc(now), alignmentId)
                        .update();
            } else {
                alignmentId = insertAlignment(pair, detail, s.sha256(), t.sha256(), runId, now, null);
            }
            List<TranslationUnit> units = new ArrayList<>();
            List<Aligned> review = new ArrayList<>();
            double sum = 0;
            for (Map.Entry<String, Aligned> e : aligned.entrySet()) {
                Aligned a = e.getValue();
                sum += a.confidence();
                String decision = decided.get(e.getKey());
                if ("REJECTED".equals(decision)) {
                    continue;
                }
                if ("ACCEPTED".equals(decision) || a.confidence() >= threshold) {
                    units.add(unit(a, s.language(), t.language(), unitSource, now, "ACCEPTED".equals(decision)));
                } else {
                    review.add(a);
                }
            }
            memory.addAligned(units, detail, s.id());
            for (TranslationUnit u : units) {
                link(alignmentId, u);
            }
            for (Aligned a : review) {
                jdbc.sql("""
                        INSERT INTO tm_review (alignment_id, source_language, target_language, source_text, target_text,
                            confidence, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                        .params(alignmentId, s.language(), t.language(), a.source(), a.target(), a.confidence(), TranslationMemory.utc(now))
                        .update();
            }
            double mean = aligned.isEmpty() ? 0 : sum / aligned.size();
            jdbc.sql("UPDATE tm_alignment SET sentence_pairs = ?, into_memory = ?, for_review = ?, mean_confidence = ? WHERE id = ?")
                    .params(aligned.size(), units.size(), review.size(), mean, alignmentId).update();
            log.info("aligned {} and {}: {} sentence pairs, {} into the memory, {} for review", s.location(), t.location(),
                    aligned.size(), units.size(), review.size());
            return new PairResult(s, t, pair.declared(), false, aligned.size(), units.size(), review.size(), mean, null);
        });
    }

    private record Aligned(String source, String target, double confidence, List<TmProp> sourceContext,
                           List<TmProp> targetContext) {
    }

    /** The sentence at {@code index}, cleaned; "" before the first and after the last. */
    private static String neighbour(List<String> sentences, int index) {
        return index < 0 || index >= sentences.size() ? "" : clean(sentences.get(index));
    }

    /** A unit of the memory from an aligned sentence pair, without context. */
    static TranslationUnit unit(String source, String target, double confidence, String sourceLanguage,
                                String targetLanguage, String unitSource, Instant now, boolean reviewed) {
        return unit(source, target, confidence, sourceLanguage, targetLanguage, unitSource, now, reviewed, List.of(), List.of());
    }

    /** A unit of the memory from an aligned sentence pair, each variant with its neighbours as props. */
    static TranslationUnit unit(String source, String target, double confidence, String sourceLanguage,
                                String targetLanguage, String unitSource, Instant now, boolean reviewed,
                                List<TmProp> sourceContext, List<TmProp> targetContext) {
        List<TmProp> props = new ArrayList<>();
        props.add(new TmProp(PROP_CONFIDENCE, String.format(java.util.Locale.ROOT, "%.2f", confidence)));
        if (reviewed) {
            props.add(new TmProp(AlignmentReview.PROP_REVIEWED, "accepted"));
        }
        return new TranslationUnit(null, unitSource, now, null, null, null, null, props, null, List.of(
                variant(sourceLanguage, source, sourceContext), variant(targetLanguage, target, targetContext)));
    }

    private static TranslationVariant variant(String language, String text, List<TmProp> context) {
        return new TranslationVariant(LanguageTags.normalize(language), null, null, null, null, null, context, null,
                TmSegment.of(text));
    }

    private static TranslationUnit unit(Aligned a, String sourceLanguage, String targetLanguage, String unitSource,
                                        Instant now, boolean reviewed) {
        return unit(a.source(), a.target(), a.confidence(), sourceLanguage, targetLanguage, unitSource, now, reviewed,
                a.sourceContext(), a.targetContext());
    }

    /** Records that the unit (just added or merged) came from the alignment. */
    void link(long alignmentId, TranslationUnit unit) {
        long unitId = jdbc.sql("SELECT id FROM tm_unit WHERE unit_key = ?").param(TranslationMemory.unitKey(unit))
                .query(Long.class).single();
        int linked = jdbc.sql("SELECT COUNT(*) FROM tm_alignment_unit WHERE alignment_id = ? AND unit_id = ?")
                .params(alignmentId, unitId).query(Integer.class).single();
        if (linked == 0) {
            jdbc.sql("INSERT INTO tm_alignment_unit (alignment_id, unit_id) VALUES (?, ?)").params(alignmentId, unitId).update();
        }
    }

    /**
     * Takes out what an alignment put in the memory: its units that no other alignment holds
     * and that did not come from elsewhere (an import), and its pending pairs.
     */
    void removeAlignedContent(long alignmentId) {
        List<Long> units = jdbc.sql("SELECT unit_id FROM tm_alignment_unit WHERE alignment_id = ?").param(alignmentId)
                .query(Long.class).list();
        jdbc.sql("DELETE FROM tm_alignment_unit WHERE alignment_id = ?").param(alignmentId).update();
        for (Long unit : units) {
            boolean elsewhere = jdbc.sql("SELECT COUNT(*) FROM tm_alignment_unit WHERE unit_id = ?").param(unit)
                    .query(Integer.class).single() > 0;
            // Units an import also holds (its own, or merged with) stay in the memory.
            boolean imported = jdbc.sql("SELECT COUNT(*) FROM tm_unit u WHERE u.id = ? AND (u.origin <> 'ALIGNMENT' "
                            + "OR u.import_id IS NOT NULL OR EXISTS (SELECT 1 FROM tm_import_unit i WHERE i.unit_id = u.id))")
                    .param(unit).query(Integer.class).single() > 0;
            if (!elsewhere && !imported) {
                jdbc.sql("UPDATE tm_review SET unit_id = NULL WHERE unit_id = ?").param(unit).update();
                jdbc.sql("DELETE FROM tm_variant WHERE unit_id = ?").param(unit).update();
                jdbc.sql("DELETE FROM tm_unit WHERE id = ?").param(unit).update();
            }
        }
        jdbc.sql("DELETE FROM tm_review WHERE alignment_id = ? AND status = 'PENDING'").param(alignmentId).update();
    }

    private long insertAlignment(Candidate pair, String detail, String sourceSha, String targetSha, Long runId,
                                 Instant now, String failure) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO tm_alignment (source_document, target_document, source_language, target_language, source_sha256,
                    target_sha256, declared, origin_detail, run_id, aligned_at, sentence_pairs, into_memory, for_review,
                    mean_confidence, failure)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)""")
                .params(pair.source().id(), pair.target().id(), pair.source().language(), pair.target().language(),
                        sourceSha, targetSha, pair.declared(), detail, runId, TranslationMemory.utc(now), failure)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A failed pair keeps what its last alignment gave, and is tried again next time. */
    private void recordFailure(Candidate pair, Optional<Previous> previous, Long runId, String reason) {
        String failure = reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason;
        transactions.executeWithoutResult(status -> {
            if (previous.isPresent()) {
                jdbc.sql("UPDATE tm_alignment SET failure = ?, run_id = ? WHERE id = ?")
                        .params(failure, runId, previous.get().id()).update();
            } else {
                insertAlignment(pair, originDetail(pair.source(), pair.target()), "", "", runId, Instant.now(), failure);
            }
        });
    }

    private record Previous(long id, String sourceDocument, String sourceSha, String targetSha, boolean declared,
                            int sentencePairs, int intoMemory, int forReview, double meanConfidence, String failure) {

        /** Whether it aligned these contents (in either direction). */
        boolean isOf(String sha1, String sha2, String sourceId) {
            return sourceDocument.equals(sourceId) ? sourceSha.equals(sha1) && targetSha.equals(sha2)
                    : sourceSha.equals(sha2) && targetSha.equals(sha1);
        }
    }

    private Optional<Previous> previous(String a, String b) {
        return jdbc.sql("""
                SELECT id, source_document, source_sha256, target_sha256, declared, sentence_pairs, into_memory, for_review,
                    mean_confidence, failure FROM tm_alignment
                WHERE (source_document = ? AND target_document = ?) OR (source_document = ? AND target_document = ?)""")
                .params(a, b, b, a)
                .query((rs, n) -> new Previous(rs.getLong(1), rs.getString(2), rs.getString(3).strip(), rs.getString(4).strip(),
                        rs.getBoolean(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getDouble(9), rs.getString(10)))
                .optional();
    }

    // ---- what a run did ----------------------------------------------------------------------

    /** The alignments a pipeline run made, and those that failed in it. */
    public RunFigures figuresOfRun(long runId) {
        int[] sums = new int[3];
        List<String> failures = new ArrayList<>();
        jdbc.sql("SELECT failure, origin_detail, into_memory, for_review FROM tm_alignment WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query(rs -> {
                    if (rs.getString(1) == null) {
                        sums[0]++;
                        sums[1] += rs.getInt(3);
                        sums[2] += rs.getInt(4);
                    } else {
                        failures.add(rs.getString(2) + ": " + rs.getString(1));
                    }
                });
        return new RunFigures(sums[0], sums[1], sums[2], failures);
    }

    // ---- small things ------------------------------------------------------------------------

    /** Names both documents, as units and the review queue show where they came from. */
    static String originDetail(TextDocument s, TextDocument t) {
        String detail = "alignment of " + s.id() + " (" + s.language() + ", " + s.location() + ") and "
                + t.id() + " (" + t.language() + ", " + t.location() + ")";
        return detail.length() > 1000 ? detail.substring(0, 999) + "…" : detail;
    }

    /** Collapses whitespace (line breaks of wrapped text included) and drops control characters. */
    static String clean(String text) {
        return SPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
