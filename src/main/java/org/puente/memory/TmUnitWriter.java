package org.puente.memory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.puente.memory.TranslationMemory.Origin;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes units into the memory a batch at a time, inside the caller's transaction: a unit the
 * memory already holds is merged (its newest change date kept), a new unit is inserted, and one
 * whose source the memory holds with another translation is inserted too and reported as a
 * conflict. The checks for a whole batch take a few queries and the inserts are JDBC batches: a
 * statement per unit made a 94,000-unit import take over half a minute.
 */
final class TmUnitWriter {

    /** What became of one unit. */
    enum Saved { ADDED, MERGED, CONFLICT }

    /** Where a batch of units comes from; props carried by a unit take precedence. */
    record Provenance(Origin origin, String originDetail, String documentId, Long importId) {
    }

    /** H2's longest VARCHAR. */
    static final int MAX_CHARACTERS = 1_000_000;
    /** Keys per IN (...) list. */
    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    TmUnitWriter(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** A unit as it will be stored. */
    private static final class Row {
        final TranslationUnit unit;
        final String key;
        Origin origin;
        String originDetail;
        String documentId;
        Long importId;
        String metadata;
        OffsetDateTime changedAt;
        String changedBy;
        final List<VariantRow> variants = new ArrayList<>();

        Row(TranslationUnit unit, String key) {
            this.unit = unit;
            this.key = key;
        }
    }

    private record VariantRow(String language, String baseLanguage, String xml, String plain, String textKey,
                              String metadata, SegmentContext.Keys context) {
    }

    /** Writes the units, in order, and says what became of each. */
    List<Saved> write(List<TranslationUnit> units, Provenance provenance) {
        List<Row> rows = new ArrayList<>(units.size());
        for (TranslationUnit unit : units) {
            rows.add(prepare(unit, provenance));
        }
        Set<Long> withoutImport = new HashSet<>();
        Map<String, Long> held = heldUnits(rows, withoutImport);
        Map<String, Set<String>> translations = knownTranslations(rows, held);

        List<Saved> saved = new ArrayList<>(rows.size());
        Map<String, Row> inserted = new LinkedHashMap<>();
        List<Object[]> newerChanges = new ArrayList<>();
        for (Row row : rows) {
            Long heldId = held.get(row.key);
            Row earlier = inserted.get(row.key);
            if (heldId != null || earlier != null) {
                // Same variants: keep the newest change date and who made it.
                if (row.changedAt != null) {
                    if (heldId != null) {
                        newerChanges.add(new Object[] {row.changedAt, row.changedBy, heldId, row.changedAt});
                    } else if (earlier.changedAt == null || earlier.changedAt.isBefore(row.changedAt)) {
                        earlier.changedAt = row.changedAt;
                        earlier.changedBy = row.changedBy;
                    }
                }
                saved.add(Saved.MERGED);
                continue;
            }
            saved.add(conflicts(row, translations) ? Saved.CONFLICT : Saved.ADDED);
            remember(row, translations);
            inserted.put(row.key, row);
        }
        if (provenance.importId() != null && !withoutImport.isEmpty()) {
            // The file also holds units an alignment or a package brought: recorded, so that they
            // stay when that alignment is replaced (the import's own units are found by import_id).
            List<Object[]> merged = new ArrayList<>();
            for (Long id : withoutImport) {
                merged.add(new Object[] {provenance.importId(), id});
            }
            template.batchUpdate("MERGE INTO tm_import_unit (import_id, unit_id) KEY (import_id, unit_id) VALUES (?, ?)",
                    merged);
        }
        if (!newerChanges.isEmpty()) {
            template.batchUpdate("UPDATE tm_unit SET changed_at = ?, changed_by = ? WHERE id = ? "
                    + "AND (changed_at IS NULL OR changed_at < ?)", newerChanges);
        }
        insert(new ArrayList<>(inserted.values()));
        return saved;
    }

    private Row prepare(TranslationUnit unit, Provenance provenance) {
        Row row = new Row(unit, TranslationMemory.unitKey(unit));
        row.origin = provenance.origin();
        row.originDetail = provenance.originDetail();
        row.documentId = provenance.documentId();
        row.importId = provenance.importId();
        // A unit exported by Puente carries its provenance as props: it becomes the columns again.
        List<TmProp> props = new ArrayList<>();
        for (TmProp p : unit.props()) {
            switch (p.type()) {
                case TranslationMemory.PROP_ORIGIN -> {
                    try {
                        row.origin = Origin.valueOf(p.value());
                    } catch (IllegalArgumentException unknown) {
                        props.add(p);
                    }
                }
                case TranslationMemory.PROP_SOURCE -> row.originDetail = p.value();
                case TranslationMemory.PROP_DOCUMENT -> row.documentId = p.value();
                default -> props.add(p);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("attributes", unit.attributes());
        metadata.put("props", props);
        metadata.put("notes", unit.notes());
        row.metadata = fit(json.writeValueAsString(metadata), unit, "its props and notes");
        row.changedAt = TranslationMemory.utc(unit.changeDate());
        row.changedBy = unit.changeId();
        for (TranslationVariant v : unit.variants()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("creationDate", v.creationDate());
            vm.put("creationId", v.creationId());
            vm.put("changeDate", v.changeDate());
            vm.put("changeId", v.changeId());
            vm.put("attributes", v.attributes());
            vm.put("props", v.props());
            vm.put("notes", v.notes());
            String plain = v.segment().plainText();
            row.variants.add(new VariantRow(v.language(), LanguageTags.language(v.language()),
                    fit(v.segment().toXml(), unit, "its " + v.language() + " segment"), plain,
                    TranslationMemory.textKey(plain), fit(json.writeValueAsString(vm), unit, "its " + v.language() + " props and notes"),
                    SegmentContext.of(unit, v)));
        }
        return row;
    }

    /** Refuses a unit with a segment longer than the database holds. */
    static void checkLengths(TranslationUnit unit) {
        for (TranslationVariant v : unit.variants()) {
            fit(v.segment().toXml(), unit, "its " + v.language() + " segment");
        }
    }

    /** {@code value}, or an error naming the unit when it is longer than the database holds. */
    private static String fit(String value, TranslationUnit unit, String what) {
        if (value.length() > MAX_CHARACTERS) {
            throw new IllegalArgumentException((unit.tuid() == null ? "" : "(tuid '" + unit.tuid() + "') ")
                    + what + " (" + value.length() + " characters) is longer than the "
                    + MAX_CHARACTERS + " characters the memory holds");
        }
        return value;
    }

    /** The ids of the units the memory already holds, by key. */
    private Map<String, Long> heldUnits(List<Row> rows, Set<Long> withoutImport) {
        Map<String, Long> held = new HashMap<>();
        List<String> keys = rows.stream().map(r -> r.key).distinct().toList();
        for (List<String> part : parts(keys)) {
            jdbc.sql("SELECT unit_key, id, import_id FROM tm_unit WHERE unit_key IN (:keys)").param("keys", part)
                    .query(rs -> {
                        held.put(rs.getString(1), rs.getLong(2));
                        rs.getLong(3);
                        if (rs.wasNull()) {
                            withoutImport.add(rs.getLong(2));
                        }
                    });
        }
        return held;
    }

    /**
     * The translations the memory holds of the new units' source texts, as
     * "source language, source key, target language" → target keys.
     */
    private Map<String, Set<String>> knownTranslations(List<Row> rows, Map<String, Long> held) {
        Map<String, Set<String>> sourceKeys = new HashMap<>(); // by base language
        for (Row row : rows) {
            if (!held.containsKey(row.key)) {
                for (VariantRow s : sources(row)) {
                    sourceKeys.computeIfAbsent(s.baseLanguage(), k -> new HashSet<>()).add(s.textKey());
                }
            }
        }
        Map<String, Set<String>> translations = new HashMap<>();
        sourceKeys.forEach((language, keys) -> {
            for (List<String> part : parts(new ArrayList<>(keys))) {
                jdbc.sql("SELECT s.text_key, t.base_language, t.text_key FROM tm_variant s "
                                + "JOIN tm_variant t ON t.unit_id = s.unit_id "
                                + "WHERE s.base_language = :language AND s.text_key IN (:keys) AND t.base_language <> :language")
                        .param("language", language).param("keys", part)
                        .query(rs -> {
                            translations.computeIfAbsent(pair(language, rs.getString(1), rs.getString(2)), k -> new HashSet<>())
                                    .add(rs.getString(3));
                        });
            }
        });
        return translations;
    }

    /** The variants that serve as source: the unit's source, or every variant of a {@code *all*} unit. */
    private static List<VariantRow> sources(Row row) {
        return row.unit.source().map(v -> List.of(row.variants.get(row.unit.variants().indexOf(v)))).orElse(row.variants);
    }

    /** Whether the memory holds one of the unit's source texts with another translation in one of its languages. */
    private static boolean conflicts(Row row, Map<String, Set<String>> translations) {
        for (VariantRow source : sources(row)) {
            for (VariantRow target : row.variants) {
                if (target.baseLanguage().equals(source.baseLanguage())) {
                    continue;
                }
                Set<String> known = translations.get(pair(source.baseLanguage(), source.textKey(), target.baseLanguage()));
                if (known != null && known.stream().anyMatch(k -> !k.equals(target.textKey()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds a new unit's translations to what later units of the batch are checked against. */
    private static void remember(Row row, Map<String, Set<String>> translations) {
        for (VariantRow source : sources(row)) {
            for (VariantRow target : row.variants) {
                if (!target.baseLanguage().equals(source.baseLanguage())) {
                    translations.computeIfAbsent(pair(source.baseLanguage(), source.textKey(), target.baseLanguage()),
                            k -> new HashSet<>()).add(target.textKey());
                }
            }
        }
    }

    private static String pair(String sourceLanguage, String sourceKey, String targetLanguage) {
        return sourceLanguage + '\u0000' + sourceKey + '\u0000' + targetLanguage;
    }

    private void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        KeyHolder keys = new GeneratedKeyHolder();
        template.batchUpdate(connection -> connection.prepareStatement("""
                        INSERT INTO tm_unit (unit_key, tuid, source_language, created_at, created_by, changed_at, changed_by,
                            origin, origin_detail, document_id, import_id, metadata)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"ID"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Row row = rows.get(i);
                        TranslationUnit u = row.unit;
                        ps.setString(1, row.key);
                        ps.setString(2, u.tuid());
                        ps.setString(3, u.sourceLanguage());
                        ps.setObject(4, TranslationMemory.utc(u.creationDate()), Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setString(5, u.creationId());
                        ps.setObject(6, row.changedAt, Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setString(7, row.changedBy);
                        ps.setString(8, row.origin.name());
                        ps.setString(9, row.originDetail);
                        ps.setString(10, row.documentId);
                        ps.setObject(11, row.importId, Types.BIGINT);
                        ps.setString(12, row.metadata);
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                }, keys);
        List<Map<String, Object>> ids = keys.getKeyList();
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " ids for " + rows.size() + " new units");
        }
        List<Object[]> variants = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long unitId = ((Number) ids.get(i).values().iterator().next()).longValue();
            for (VariantRow v : rows.get(i).variants) {
                variants.add(new Object[] {unitId, v.language(), v.baseLanguage(), v.xml(), v.plain(), v.textKey(), v.metadata(),
                        v.context() == null ? null : v.context().before(), v.context() == null ? null : v.context().after()});
            }
        }
        template.batchUpdate("INSERT INTO tm_variant (unit_id, language, base_language, segment_xml, plain_text, text_key, "
                + "metadata, context_before, context_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", variants);
    }

    private static <T> List<List<T>> parts(List<T> items) {
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i += IN_LIST) {
            parts.add(items.subList(i, Math.min(items.size(), i + IN_LIST)));
        }
        return parts;
    }
}
