package org.puente.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.puente.config.PuenteProperties;
import org.puente.config.WorkFolderLock;
import org.puente.inventory.ContentHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The translation memory in the database: one memory for every language, units with their
 * provenance, variants by BCP 47 tag. An import is all or nothing (the file is checked whole
 * before anything is written; what a failed or killed import added is undone);
 * a unit already held is merged, not added again; a unit whose source the memory already holds
 * with another translation is added too, and counted as a conflict.
 */
@Repository
public class TranslationMemory {

    public enum Origin { IMPORT, ALIGNMENT, PACKAGE }

    /** The props that carry a unit's provenance in exported TMX. */
    static final String PROP_ORIGIN = "x-puente-origin";
    static final String PROP_SOURCE = "x-puente-source";
    static final String PROP_DOCUMENT = "x-puente-document";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TmxReader reader = new TmxReader();
    private final JsonMapper json = JsonMapper.builder().build();
    private final TmUnitWriter units;
    private final Path workDir;

    public TranslationMemory(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager,
                             PuenteProperties properties) {
        this.workDir = properties.getWorkDir();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.units = new TmUnitWriter(jdbc, template, json);
    }

    /**
     * Imports a TMX file. If the file is invalid anywhere, nothing of it is kept and the
     * {@link TmxFormatException} says where and why.
     */
    public TmImportResult importTmx(Path file) throws IOException {
        // One import at a time per memory: an import undoes what unfinished ones left, which must
        // not be one that is still running in another process.
        try (WorkFolderLock lock = WorkFolderLock.acquire(workDir.resolve("tm-import.lock"),
                "another 'tm import' is writing to the memory in " + workDir + "; wait for it to finish")) {
            return importLocked(file);
        }
    }

    private TmImportResult importLocked(Path file) throws IOException {
        // First pass: the whole file is checked before anything is written, so a refused file
        // leaves the memory as it was. Reading is fast (about 300,000 units/s).
        int[] position = {0};
        try {
            reader.read(file, unit -> {
                position[0]++;
                TmUnitWriter.checkLengths(unit);
            });
        } catch (IllegalArgumentException tooLong) {
            throw new TmxFormatException(file, 0, 0, "unit " + position[0] + " " + tooLong.getMessage());
        }
        undoUnfinishedImports();
        String sha256 = ContentHash.of(file);
        long importId = transactions.execute(status -> {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO tm_import (file_name, sha256, imported_at, units_read, units_added, "
                            + "units_merged, stripped_characters, finished) VALUES (?, ?, ?, 0, 0, 0, 0, FALSE)")
                    .params(file.getFileName().toString(), sha256, utc(Instant.now()))
                    .update(keys, "id");
            return keys.getKey().longValue();
        });
        // Second pass, committed in batches: one huge transaction made every read of the
        // embedded database slow. Until the import is marked finished its units are undone
        // if it fails or the process is killed.
        int[] counts = new int[4]; // read, added, merged, conflicts
        List<TranslationUnit> batch = new ArrayList<>(IMPORT_BATCH);
        // The batches need not reach the disk one by one (H2 writes at most a second later): a killed
        // import is undone anyway. Writing each commit at once made half of the import's time.
        jdbc.sql("SET WRITE_DELAY " + IMPORT_WRITE_DELAY_MILLIS).update();
        try {
            TmxSummary summary = reader.read(file, unit -> {
                batch.add(unit);
                if (batch.size() >= IMPORT_BATCH) {
                    saveBatch(batch, file, importId, counts);
                }
            });
            saveBatch(batch, file, importId, counts);
            jdbc.sql("SET WRITE_DELAY 0").update(); // the import's end is written at once, as every other commit
            transactions.executeWithoutResult(status -> jdbc.sql("UPDATE tm_import SET units_read = ?, units_added = ?, "
                            + "units_merged = ?, stripped_characters = ?, finished = TRUE WHERE id = ?")
                    .params(counts[0], counts[1], counts[2], (int) summary.strippedCharacters(), importId).update());
            return new TmImportResult(file, importId, counts[0], counts[1], counts[2], counts[3],
                    summary.languages(), (int) summary.strippedCharacters());
        } catch (IOException | RuntimeException e) {
            try {
                jdbc.sql("SET WRITE_DELAY 0").update();
                undoUnfinishedImports();
            } catch (RuntimeException undo) {
                e.addSuppressed(undo); // the next import tries again; the cause to report is the first one
            }
            if (e instanceof IllegalArgumentException tooLong) {
                throw new TmxFormatException(file, 0, 0, tooLong.getMessage(), tooLong);
            }
            throw e;
        }
    }

    private static final int IMPORT_BATCH = 5000;
    private static final int IMPORT_WRITE_DELAY_MILLIS = 1000;

    private void saveBatch(List<TranslationUnit> batch, Path file, long importId, int[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            var provenance = new TmUnitWriter.Provenance(Origin.IMPORT, file.getFileName().toString(), null, importId);
            for (TmUnitWriter.Saved saved : units.write(batch, provenance)) {
                counts[0]++;
                switch (saved) {
                    case ADDED -> counts[1]++;
                    case MERGED -> counts[2]++;
                    case CONFLICT -> {
                        counts[1]++;
                        counts[3]++;
                    }
                }
            }
        });
        batch.clear();
    }

    /**
     * Removes what imports that did not finish (failed, or killed) added. A unit an alignment has
     * merged with since is kept, as the alignment's.
     */
    private void undoUnfinishedImports() {
        transactions.executeWithoutResult(status -> {
            for (Long id : jdbc.sql("SELECT id FROM tm_import WHERE finished = FALSE").query(Long.class).list()) {
                jdbc.sql("DELETE FROM tm_import_unit WHERE import_id = ?").param(id).update();
                jdbc.sql("UPDATE tm_unit SET import_id = NULL, origin = 'ALIGNMENT' WHERE import_id = ? "
                        + "AND id IN (SELECT unit_id FROM tm_alignment_unit)").param(id).update();
                jdbc.sql("UPDATE tm_review SET unit_id = NULL WHERE unit_id IN (SELECT id FROM tm_unit WHERE import_id = ?)")
                        .param(id).update();
                jdbc.sql("DELETE FROM tm_variant WHERE unit_id IN (SELECT id FROM tm_unit WHERE import_id = ?)").param(id).update();
                jdbc.sql("DELETE FROM tm_unit WHERE import_id = ?").param(id).update();
                jdbc.sql("DELETE FROM tm_import WHERE id = ?").param(id).update();
            }
        });
    }

    /**
     * Adds units aligned from inventory documents (origin ALIGNMENT), merged with units
     * already held like imported ones, in one transaction (or the caller's).
     *
     * @return how many of them were new to the memory
     */
    public int addAligned(List<TranslationUnit> aligned, String originDetail, String documentId) {
        if (aligned.isEmpty()) {
            return 0;
        }
        return transactions.execute(status -> {
            var provenance = new TmUnitWriter.Provenance(Origin.ALIGNMENT, originDetail, documentId, null);
            int added = 0;
            for (TmUnitWriter.Saved saved : units.write(aligned, provenance)) {
                if (saved != TmUnitWriter.Saved.MERGED) {
                    added++;
                }
            }
            return added;
        });
    }

    /**
     * Writes the memory, or the part the filter selects, as TMX 1.4b. Each unit carries its
     * provenance as props: {@code x-puente-origin} (IMPORT, ALIGNMENT, PACKAGE),
     * {@code x-puente-source} (the file, documents or package), {@code x-puente-document}. The
     * target is replaced only once the whole file is written.
     *
     * @param languages base languages to export (e.g. en and es for one pair); empty for all.
     *                  A unit is exported when it has at least two of them.
     * @param documents inventory document ids; empty for every unit
     * @return how many units were written
     */
    public long exportTmx(Path target, Set<String> languages, Set<String> documents) throws IOException {
        String sourceLanguage = languages.size() == 2 && languages.contains("en") ? "en" : TranslationUnit.ALL_LANGUAGES;
        try (TmxWriter out = new TmxWriter(target, TmxWriter.header(sourceLanguage, "0.1"))) {
            List<Long> ids = jdbc.sql("SELECT id FROM tm_unit ORDER BY id").query(Long.class).list();
            for (List<Long> batch : batches(ids, 500)) {
                for (TranslationUnit unit : load(batch, languages, documents)) {
                    out.write(unit);
                }
            }
            out.commit();
            return out.unitsWritten();
        }
    }

    private static List<List<Long>> batches(List<Long> ids, int size) {
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return batches;
    }

    /** The units of a batch of ids, as they were imported, with their provenance props added. */
    private List<TranslationUnit> load(List<Long> ids, Set<String> languages, Set<String> documents) throws IOException {
        Map<Long, List<TranslationVariant>> variants = new LinkedHashMap<>();
        List<Object[]> rows = jdbc.sql("SELECT unit_id, language, base_language, segment_xml, metadata FROM tm_variant "
                        + "WHERE unit_id IN (:ids) ORDER BY unit_id, id")
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})
                .list();
        for (Object[] r : rows) {
            if (!languages.isEmpty() && !languages.contains((String) r[2])) {
                continue;
            }
            JsonNode m = json.readTree((String) r[4]);
            variants.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new TranslationVariant((String) r[1],
                    instant(m.get("creationDate")), text(m.get("creationId")), instant(m.get("changeDate")),
                    text(m.get("changeId")), stringMap(m.get("attributes")), props(m.get("props")),
                    strings(m.get("notes")), reader.segment((String) r[3])));
        }
        List<TranslationUnit> units = new ArrayList<>();
        List<Object[]> unitRows = jdbc.sql("SELECT id, tuid, source_language, created_at, created_by, changed_at, changed_by, "
                        + "origin, origin_detail, document_id, metadata FROM tm_unit WHERE id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getObject(6, OffsetDateTime.class),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)})
                .list();
        for (Object[] u : unitRows) {
            List<TranslationVariant> vs = variants.getOrDefault((Long) u[0], List.of());
            String document = (String) u[9];
            if (vs.size() < (languages.isEmpty() ? 1 : 2)
                    || (!documents.isEmpty() && (document == null || !documents.contains(document)))) {
                continue;
            }
            String stored = (String) u[2];
            boolean sourceExported = TranslationUnit.ALL_LANGUAGES.equals(stored)
                    || vs.stream().anyMatch(v -> LanguageTags.language(v.language()).equals(LanguageTags.language(stored)));
            String source = sourceExported ? stored : TranslationUnit.ALL_LANGUAGES; // its source language was not exported
            JsonNode m = json.readTree((String) u[10]);
            List<TmProp> props = new ArrayList<>(props(m.get("props")));
            props.add(new TmProp(PROP_ORIGIN, (String) u[7]));
            if (u[8] != null) {
                props.add(new TmProp(PROP_SOURCE, (String) u[8]));
            }
            if (document != null) {
                props.add(new TmProp(PROP_DOCUMENT, document));
            }
            units.add(new TranslationUnit((String) u[1], source, instant((OffsetDateTime) u[3]), (String) u[4],
                    instant((OffsetDateTime) u[5]), (String) u[6], stringMap(m.get("attributes")), props,
                    strings(m.get("notes")), vs));
        }
        return units;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        }
        return map;
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> list.add(n.asString()));
        }
        return list;
    }

    private static List<TmProp> props(JsonNode node) {
        List<TmProp> list = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> list.add(new TmProp(n.get("type").asString(), n.get("value").asString())));
        }
        return list;
    }

    /** How many units the memory holds. */
    public long size() {
        return jdbc.sql("SELECT COUNT(*) FROM tm_unit").query(Long.class).single();
    }

    /**
     * The translations the memory holds for a source text (exact plain text), in the target
     * language, one per unit: several when translators disagreed.
     */
    public List<String> exactTranslations(String sourceText, String sourceLanguage, String targetLanguage) {
        String target = LanguageTags.normalize(targetLanguage);
        return jdbc.sql("""
                SELECT t.language, t.plain_text FROM tm_variant s JOIN tm_variant t ON t.unit_id = s.unit_id
                WHERE s.base_language = ? AND s.text_key = ? AND t.base_language = ?""")
                .params(LanguageTags.language(LanguageTags.normalize(sourceLanguage)), textKey(sourceText),
                        LanguageTags.language(target))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().stream()
                // the exact regional variant first, then the others
                .sorted(Comparator.comparing((String[] r) -> !r[0].equals(target)).thenComparing(r -> r[1]))
                .map(r -> r[1]).distinct().toList();
    }

    /** A source text the memory holds with several translations into one language: a conflict. */
    public record Conflict(String sourceLanguage, String source, String targetLanguage, List<Translation> translations) {
    }

    /** One of the translations of a conflict, with where its unit came from. */
    public record Translation(String language, String text, String origin, String originDetail) {
    }

    /**
     * Passes each conflict from {@code sourceLanguage} into {@code targetLanguage} (base
     * languages: regional variants of one language are compared together) to {@code each},
     * sources in text order, and returns how many there were. Only variants that serve as
     * source count: the unit's source language, or any variant of a {@code *all*} unit.
     */
    public int conflicts(String sourceLanguage, String targetLanguage, java.util.function.Consumer<Conflict> each) {
        String from = LanguageTags.language(LanguageTags.normalize(sourceLanguage));
        String to = LanguageTags.language(LanguageTags.normalize(targetLanguage));
        String sources = "(u.source_language = '*all*' OR u.source_language = :from OR u.source_language LIKE :fromRegion)";
        List<Object[]> rows = new ArrayList<>();
        int[] count = {0};
        String[] current = {null};
        jdbc.sql("""
                SELECT s.text_key, s.plain_text, t.language, t.plain_text, u.origin, u.origin_detail
                FROM tm_variant s JOIN tm_variant t ON t.unit_id = s.unit_id JOIN tm_unit u ON u.id = s.unit_id
                WHERE s.base_language = :from AND t.base_language = :to AND %1$s
                  AND s.text_key IN (
                    SELECT s.text_key FROM tm_variant s JOIN tm_variant t ON t.unit_id = s.unit_id
                      JOIN tm_unit u ON u.id = s.unit_id
                    WHERE s.base_language = :from AND t.base_language = :to AND %1$s
                    GROUP BY s.text_key HAVING COUNT(DISTINCT t.text_key) > 1)
                ORDER BY s.plain_text, s.text_key, t.plain_text""".formatted(sources))
                .param("from", from).param("to", to).param("fromRegion", from + "-%")
                .query(rs -> {
                    if (!rs.getString(1).equals(current[0]) && !rows.isEmpty()) {
                        each.accept(conflict(from, to, rows));
                        count[0]++;
                        rows.clear();
                    }
                    current[0] = rs.getString(1);
                    rows.add(new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
                });
        if (!rows.isEmpty()) {
            each.accept(conflict(from, to, rows));
            count[0]++;
        }
        return count[0];
    }

    private static Conflict conflict(String from, String to, List<Object[]> rows) {
        List<Translation> translations = new ArrayList<>();
        for (Object[] r : rows) {
            translations.add(new Translation((String) r[1], (String) r[2], (String) r[3], (String) r[4]));
        }
        return new Conflict(from, (String) rows.get(0)[0], to, translations);
    }

    /** Identity of a unit: its variants' languages and segments (inline codes included), in order. */
    static String unitKey(TranslationUnit unit) {
        List<String> parts = new ArrayList<>();
        for (TranslationVariant v : unit.variants()) {
            parts.add(v.language() + "\u0000" + v.segment().toXml());
        }
        parts.sort(null);
        return ContentHash.of(String.join("\u0001", parts));
    }

    static String textKey(String plainText) {
        return ContentHash.of(plainText);
    }

    /** How the memory's tables store an instant (TIMESTAMP WITH TIME ZONE, in UTC); null stays null. */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
