package org.puente.inventory;

import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.puente.config.SourceDefinition;
import org.puente.extraction.ExtractionOutcome;
import org.puente.extraction.ExtractionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlCharacterValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register in the database: documents, their locations and the runs that saw them. Every
 * write is keyed (location, content hash, run id), so replaying a chunk after a crash changes
 * nothing: the pipeline's restart relies on that.
 */
@Repository
public class DocumentRepository {

    public static final String PRESENT = "PRESENT";
    public static final String GONE = "GONE";
    public static final String FAILED = "FAILED";

    private final JdbcClient jdbc;

    public DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- runs ---------------------------------------------------------------------------

    public long nextRunId() {
        return jdbc.sql("SELECT COALESCE(MAX(run_id), 0) + 1 FROM inventory_run").query(Long.class).single();
    }

    /** Starts a run, or its discovery again when the run resumes after a kill (its start time is kept). */
    @Transactional
    public void startRun(long runId, Instant now) {
        int updated = jdbc.sql("""
                UPDATE inventory_run SET found = 0, unreadable = 0, failed_sources = NULL, finished_at = NULL
                WHERE run_id = ?""")
                .param(runId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO inventory_run (run_id, started_at) VALUES (?, ?)").param(runId).param(ts(now)).update();
        }
    }

    public void recordDiscovery(long runId, int found, int unreadable, List<String> failedSources) {
        jdbc.sql("UPDATE inventory_run SET found = ?, unreadable = ?, failed_sources = ? WHERE run_id = ?")
                .param(found).param(unreadable)
                .param(failedSources.isEmpty() ? null : truncate(String.join("\n", failedSources), 2000))
                .param(runId).update();
    }

    /**
     * Ends a run. A run resumed after a kill can sweep twice (discovery sweeps when there is
     * nothing to extract, before its step is recorded as done): each sweep adds the documents it
     * marked gone, and the last one ends the run.
     */
    public void finishRun(long runId, int gone, Instant now) {
        jdbc.sql("UPDATE inventory_run SET gone = gone + ?, finished_at = ? WHERE run_id = ?")
                .param(gone).param(ts(now)).param(runId).update();
    }

    public Optional<RunSummary> run(long runId) {
        return jdbc.sql("SELECT * FROM inventory_run WHERE run_id = ?").param(runId)
                .query((rs, n) -> new RunSummary(rs.getLong("run_id"), instant(rs.getObject("started_at", OffsetDateTime.class)),
                        instant(rs.getObject("finished_at", OffsetDateTime.class)), rs.getInt("found"), rs.getInt("unreadable"),
                        rs.getInt("parsed"), rs.getInt("new_documents"), rs.getInt("changed"), rs.getInt("gone"),
                        splitLines(rs.getString("failed_sources"))))
                .optional();
    }

    public List<RunSummary> recentRuns(int limit) {
        List<Long> ids = jdbc.sql("SELECT run_id FROM inventory_run ORDER BY run_id DESC LIMIT ?").param(limit)
                .query(Long.class).list();
        return ids.stream().map(id -> run(id).orElseThrow()).toList();
    }

    // ---- discovery ----------------------------------------------------------------------

    /** Records that a source found a readable document at a location in this run. */
    public void recordFound(long runId, SourceDefinition source, FoundDocument found, Instant now) {
        int updated = jdbc.sql("""
                UPDATE document_location SET source_name = ?, owner = ?, owner_name = ?, tags = ?, content_path = ?,
                    fingerprint = ?, size_bytes = ?, modified_at = ?, state = 'PRESENT', failure = NULL,
                    last_seen = ?, last_seen_run = ?, gone_since = NULL
                WHERE location = ?""")
                .params(source.getName(), source.getOwner().name(), source.getOwnerName(), String.join(",", source.getTags()),
                        found.content().toString(), found.fingerprint(), found.size(), ts(found.modified()), ts(now), runId,
                        found.location())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO document_location (location, source_name, owner, owner_name, tags, content_path, fingerprint,
                        size_bytes, modified_at, state, first_seen, last_seen, last_seen_run)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PRESENT', ?, ?, ?)""")
                    .params(found.location(), source.getName(), source.getOwner().name(), source.getOwnerName(),
                            String.join(",", source.getTags()), found.content().toString(), found.fingerprint(), found.size(),
                            ts(found.modified()), ts(now), ts(now), runId)
                    .update();
        }
    }

    /** Records that a location could not be read at all in this run (HTTP error, unreadable file...). */
    public void recordUnreadable(long runId, SourceDefinition source, String location, String reason, Instant now) {
        int updated = jdbc.sql("""
                UPDATE document_location SET state = 'FAILED', failure = ?, last_seen = ?, last_seen_run = ?,
                    extracted_fingerprint = NULL
                WHERE location = ?""")
                .params(truncate(reason, 2000), ts(now), runId, location).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO document_location (location, source_name, owner, owner_name, tags, state, failure,
                        first_seen, last_seen, last_seen_run)
                    VALUES (?, ?, ?, ?, ?, 'FAILED', ?, ?, ?, ?)""")
                    .params(location, source.getName(), source.getOwner().name(), source.getOwnerName(),
                            String.join(",", source.getTags()), truncate(reason, 2000), ts(now), ts(now), runId)
                    .update();
        }
    }

    /** Forgets what was extracted, so the next run parses every document again. */
    public int forgetExtractions() {
        return jdbc.sql("UPDATE document_location SET extracted_fingerprint = NULL").update();
    }

    public int countPending(long runId) {
        return jdbc.sql(PENDING_COUNT).param("run", runId).query(Integer.class).single();
    }

    /**
     * The bytes of the locations a run has to extract that are of {@code fromBytes} or more, each
     * counted up to {@code capBytes}.
     */
    public long pendingBytes(long runId, long fromBytes, long capBytes) {
        return jdbc.sql("SELECT COALESCE(SUM(LEAST(size_bytes, :cap)), 0) FROM document_location WHERE "
                        + PENDING_WHERE + " AND size_bytes >= :from")
                .param("run", runId).param("from", fromBytes).param("cap", capBytes)
                .query(Long.class).single();
    }

    /** The WHERE clause of locations the extraction step must (re)process in a run. */
    public static final String PENDING_WHERE = "state = 'PRESENT' AND last_seen_run = :run "
            + "AND (extracted_fingerprint IS NULL OR extracted_fingerprint <> fingerprint)";
    private static final String PENDING_COUNT = "SELECT COUNT(*) FROM document_location WHERE " + PENDING_WHERE;

    // ---- extraction ---------------------------------------------------------------------

    public Optional<String> documentIdBySha256(String sha256) {
        return jdbc.sql("SELECT id FROM document WHERE sha256 = ?").param(sha256).query(String.class).optional();
    }

    /** Whether a registered document has this size (what the same content would have). */
    public boolean hasDocumentOfSize(long sizeBytes) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM document WHERE size_bytes = ?)").param(sizeBytes)
                .query(Boolean.class).single();
    }

    /**
     * Writes one extraction result. The content decides the document: content already in the
     * register joins that document (a duplicate); new content at a location whose previous
     * document had no other location updates that document in place (same id, version + 1);
     * otherwise a new document is created.
     */
    public WriteResult save(long runId, ExtractedDocument result, Instant now) {
        PendingLocation pending = result.pending();
        if (result.isUnreadable()) {
            jdbc.sql("UPDATE document_location SET state = 'FAILED', failure = ?, extracted_fingerprint = NULL WHERE location = ?")
                    .param(truncate(result.failure(), 2000)).param(pending.location()).update();
            return WriteResult.UNREADABLE;
        }
        WriteResult kind;
        String documentId;
        Optional<String> existing = documentIdBySha256(result.sha256());
        if (existing.isPresent()) {
            documentId = existing.get();
            jdbc.sql("UPDATE document SET state = 'PRESENT', gone_since = NULL WHERE id = ?").param(documentId).update();
            kind = WriteResult.DUPLICATE;
        } else {
            if (!result.wasParsed()) {
                throw new IllegalStateException("content of " + pending.location() + " vanished from the register during the run");
            }
            String previous = pending.documentId();
            boolean previousIsOnlyHere = previous != null && jdbc.sql(
                    "SELECT COUNT(*) FROM document_location WHERE document_id = ? AND location <> ? AND state = 'PRESENT'")
                    .param(previous).param(pending.location()).query(Integer.class).single() == 0;
            if (previousIsOnlyHere) {
                documentId = previous;
                updateDocument(documentId, result, now);
                kind = WriteResult.CHANGED;
            } else {
                documentId = newDocumentId(result.sha256(), pending.location());
                insertDocument(documentId, result, now);
                kind = WriteResult.NEW;
            }
            jdbc.sql("DELETE FROM document_text WHERE document_id = ?").param(documentId).update();
            // As a character stream: H2 then encodes the text into its LOB store once; given as a
            // string it encoded it, decoded it and encoded it again (a tenth of the main JVM's CPU
            // on 200 KB documents, under C1).
            String text = result.outcome().text();
            jdbc.sql("INSERT INTO document_text (document_id, content) VALUES (?, ?)")
                    .param(documentId).param(new SqlCharacterValue(new StringReader(text), text.length())).update();
        }
        jdbc.sql("UPDATE document_location SET document_id = ?, extracted_fingerprint = fingerprint, failure = NULL WHERE location = ?")
                .param(documentId).param(pending.location()).update();
        String counter = switch (kind) {
            case NEW -> "new_documents = new_documents + 1";
            case CHANGED -> "changed = changed + 1";
            default -> null;
        };
        jdbc.sql("UPDATE inventory_run SET parsed = parsed + ?" + (counter == null ? "" : ", " + counter) + " WHERE run_id = ?")
                .param(result.wasParsed() ? 1 : 0).param(runId).update();
        return kind;
    }

    public enum WriteResult { NEW, CHANGED, DUPLICATE, UNREADABLE }

    private void insertDocument(String id, ExtractedDocument r, Instant now) {
        jdbc.sql("""
                INSERT INTO document (id, sha256, state, status, status_message, media_type, title, author, pages, words,
                    size_bytes, text_chars, truncated, ocr, language, language_confidence, language_shares, created_at,
                    modified_at, first_seen, last_changed, version)
                VALUES (?, ?, 'PRESENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(concat(new Object[] {id, r.sha256()}, documentFields(r), new Object[] {ts(now), ts(now)}))
                .update();
    }

    private void updateDocument(String id, ExtractedDocument r, Instant now) {
        jdbc.sql("""
                UPDATE document SET sha256 = ?, state = 'PRESENT', gone_since = NULL, status = ?, status_message = ?,
                    media_type = ?, title = ?, author = ?, pages = ?, words = ?, size_bytes = ?, text_chars = ?,
                    truncated = ?, ocr = ?, language = ?, language_confidence = ?, language_shares = ?, created_at = ?,
                    modified_at = ?, last_changed = ?, version = version + 1
                WHERE id = ?""")
                .params(concat(new Object[] {r.sha256()}, documentFields(r), new Object[] {ts(now), id}))
                .update();
    }

    private static Object[] documentFields(ExtractedDocument r) {
        ExtractionOutcome o = r.outcome();
        return new Object[] {o.status().name(), truncate(o.message(), 2000), truncate(o.mediaType(), 200),
                truncate(o.title(), 1000), truncate(o.author(), 1000), o.pages(), r.words(), r.pending().sizeBytes(),
                o.text().length(), o.truncated(), o.ocr(), r.language().language(), r.language().confidence(),
                LanguageShares.format(r.language().shares()), ts(o.created()), ts(o.modified())};
    }

    // ---- sweep --------------------------------------------------------------------------

    /**
     * Marks gone what this run did not see: locations of sources that were read completely (a
     * source that failed as a whole keeps its locations as they were), then documents left
     * without any present location. Documents are never deleted.
     *
     * @return the number of documents that became gone
     */
    @Transactional
    public int sweep(long runId, List<String> failedSourceNames, Instant now) {
        String keep = failedSourceNames.isEmpty() ? "" : " AND source_name NOT IN (:failed)";
        var locations = jdbc.sql("UPDATE document_location SET state = 'GONE', gone_since = :now "
                + "WHERE last_seen_run < :run AND state <> 'GONE'" + keep)
                .param("now", ts(now)).param("run", runId);
        if (!failedSourceNames.isEmpty()) {
            locations = locations.param("failed", failedSourceNames);
        }
        locations.update();
        jdbc.sql("""
                UPDATE document SET state = 'PRESENT', gone_since = NULL WHERE state = 'GONE' AND EXISTS
                    (SELECT 1 FROM document_location l WHERE l.document_id = document.id AND l.state = 'PRESENT')""").update();
        return jdbc.sql("""
                UPDATE document SET state = 'GONE', gone_since = ? WHERE state = 'PRESENT' AND NOT EXISTS
                    (SELECT 1 FROM document_location l WHERE l.document_id = document.id AND l.state = 'PRESENT')""")
                .param(ts(now)).update();
    }

    // ---- reading the register -------------------------------------------------------------

    /**
     * Streams the register: every document (present first, then gone), then unreadable locations.
     * Two queries in the same order (documents, and their locations), merged as they stream:
     * not one location query per document.
     */
    public void forEachRecord(Consumer<DocumentRecord> consumer) {
        try (Stream<DocumentLocation> all = jdbc.sql("""
                SELECT d.state AS document_state, l.* FROM document_location l JOIN document d ON d.id = l.document_id
                ORDER BY d.state DESC, d.id, l.first_seen, l.location""")
                .query((rs, n) -> new DocumentLocation(rs.getString("document_state"), rs.getString("document_id"),
                        locationRow(rs))).stream()) {
            Iterator<DocumentLocation> locations = all.iterator();
            DocumentLocation[] next = {locations.hasNext() ? locations.next() : null};
            jdbc.sql("SELECT * FROM document ORDER BY state DESC, id").query(rs -> {
                String state = rs.getString("state");
                String id = rs.getString("id");
                List<LocationRow> found = new ArrayList<>();
                // a run writing between the two queries may have moved a document: skip what sorts before it
                for (int order; next[0] != null && (order = next[0].compareTo(state, id)) <= 0; ) {
                    if (order == 0) {
                        found.add(next[0].row());
                    }
                    next[0] = locations.hasNext() ? locations.next() : null;
                }
                consumer.accept(documentRecord(rs, id, found));
            });
        }
        jdbc.sql("SELECT * FROM document_location WHERE state = 'FAILED' ORDER BY location").query(rs -> {
            LocationRow l = locationRow(rs);
            consumer.accept(new DocumentRecord(null, PRESENT, "UNREADABLE", rs.getString("failure"), null, null, null,
                    0, null, null, null, "unknown", 0, Map.of(), false, false, l.owner, l.tags, List.of(l.location), 0,
                    null, null, l.modified, instant(rs.getObject("first_seen", OffsetDateTime.class)), null, null));
        });
    }

    private static DocumentRecord documentRecord(java.sql.ResultSet rs, String id, List<LocationRow> locations)
            throws java.sql.SQLException {
        List<String> present = locations.stream().filter(l -> l.state.equals(PRESENT)).map(l -> l.location).toList();
        List<String> shown = present.isEmpty() ? locations.stream().map(l -> l.location).toList() : present;
        LocationRow first = locations.isEmpty() ? null : locations.get(0);
        return new DocumentRecord(id, rs.getString("state"), rs.getString("status"),
                rs.getString("status_message"), rs.getString("title"), rs.getString("author"), rs.getString("media_type"),
                rs.getLong("size_bytes"), (Integer) rs.getObject("pages"), (Integer) rs.getObject("words"),
                rs.getString("sha256"), rs.getString("language"), rs.getDouble("language_confidence"),
                LanguageShares.parse(rs.getString("language_shares")), rs.getBoolean("truncated"), rs.getBoolean("ocr"),
                first == null ? null : first.owner, first == null ? List.of() : first.tags, shown,
                Math.max(0, present.size() - 1), instant(rs.getObject("created_at", OffsetDateTime.class)),
                instant(rs.getObject("modified_at", OffsetDateTime.class)),
                first == null ? null : first.modified,
                instant(rs.getObject("first_seen", OffsetDateTime.class)),
                instant(rs.getObject("last_changed", OffsetDateTime.class)),
                instant(rs.getObject("gone_since", OffsetDateTime.class)));
    }

    /** Present documents whose extraction failed, and unreadable locations: what a run reports. */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>(jdbc.sql("""
                SELECT d.status, d.status_message, MIN(l.location) AS location FROM document d
                JOIN document_location l ON l.document_id = d.id AND l.state = 'PRESENT'
                WHERE d.state = 'PRESENT' AND d.status <> ? GROUP BY d.id, d.status, d.status_message ORDER BY location""")
                .param(ExtractionStatus.EXTRACTED.name())
                .query((rs, n) -> new Failure(rs.getString("location"), rs.getString("status"), rs.getString("status_message")))
                .list());
        failures.addAll(jdbc.sql("SELECT location, failure FROM document_location WHERE state = 'FAILED' ORDER BY location")
                .query((rs, n) -> new Failure(rs.getString("location"), "UNREADABLE", rs.getString("failure"))).list());
        return failures;
    }

    public record Failure(String location, String status, String reason) {
    }

    public Map<String, Integer> countByStatus() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM document WHERE state = 'PRESENT' GROUP BY status ORDER BY status")
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getInt("n"));
                });
        return counts;
    }

    /** Present documents with their present locations, by id. */
    public List<TextDocument> presentDocuments() {
        Map<String, List<String>> locations = new LinkedHashMap<>();
        jdbc.sql("SELECT document_id, location FROM document_location WHERE state = 'PRESENT' AND document_id IS NOT NULL "
                        + "ORDER BY first_seen, location")
                .query(rs -> {
                    locations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("SELECT id, sha256, state, status, language, media_type, text_chars FROM document "
                        + "WHERE state = 'PRESENT' ORDER BY id")
                .query((rs, n) -> textDocument(rs, locations.getOrDefault(rs.getString("id"), List.of())))
                .list();
    }

    /** A document by its id, or by one of its locations (as the register writes it). */
    public Optional<TextDocument> findDocument(String idOrLocation) {
        Optional<String> id = jdbc.sql("SELECT id FROM document WHERE id = ?").param(idOrLocation).query(String.class).optional()
                .or(() -> jdbc.sql("SELECT document_id FROM document_location WHERE location = ? AND document_id IS NOT NULL")
                        .param(idOrLocation).query(String.class).optional());
        return id.flatMap(documentId -> {
            List<LocationRow> all = locations(documentId);
            List<String> present = all.stream().filter(l -> l.state.equals(PRESENT)).map(l -> l.location).toList();
            List<String> shown = present.isEmpty() ? all.stream().map(l -> l.location).toList() : present;
            return jdbc.sql("SELECT id, sha256, state, status, language, media_type, text_chars FROM document WHERE id = ?")
                    .param(documentId).query((rs, n) -> textDocument(rs, shown)).optional();
        });
    }

    private static TextDocument textDocument(java.sql.ResultSet rs, List<String> locations) throws java.sql.SQLException {
        return new TextDocument(rs.getString("id"), rs.getString("sha256"), rs.getString("state"), rs.getString("status"),
                rs.getString("language"), rs.getString("media_type"), rs.getInt("text_chars"), locations);
    }

    public Optional<String> text(String documentId) {
        return jdbc.sql("SELECT content FROM document_text WHERE document_id = ?").param(documentId).query(String.class).optional();
    }

    private List<LocationRow> locations(String documentId) {
        return jdbc.sql("SELECT * FROM document_location WHERE document_id = ? ORDER BY first_seen, location")
                .param(documentId).query((rs, n) -> locationRow(rs)).list();
    }

    private static LocationRow locationRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String ownerName = rs.getString("owner_name");
        String tags = rs.getString("tags");
        return new LocationRow(rs.getString("location"), rs.getString("state"),
                instant(rs.getObject("modified_at", OffsetDateTime.class)),
                ownerName != null && !ownerName.isBlank() ? ownerName : rs.getString("owner").toLowerCase().replace('_', '-'),
                tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")));
    }

    private record LocationRow(String location, String state, Instant modified, String owner, List<String> tags) {
    }

    /** A location with the state and id of its document: the register's order (state descending, id). */
    private record DocumentLocation(String documentState, String documentId, LocationRow row) {
        int compareTo(String state, String id) {
            int byState = state.compareTo(documentState);
            return byState != 0 ? byState : documentId.compareTo(id);
        }
    }

    // ---- small conversions ----------------------------------------------------------------

    static String newDocumentId(String sha256, String location) {
        return ContentHash.of(sha256 + "|" + location).substring(0, 16);
    }

    private static Object[] concat(Object[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> splitLines(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split("\n"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
