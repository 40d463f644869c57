package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.inventory.ContentHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The leverage analysis on generated documents whose segments are made to fall in each band,
 * against a small memory, in a real embedded database: words per band, precedence, batch order,
 * skipped documents, the CSV, the JSON and the rows kept.
 */
@SpringBootTest(properties = {"puente.cli.enabled=false", "puente.memory.leverage.weights.exact=0.25"})
class LeverageAnalysisTest {

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("puente.work-dir", () -> work.resolve("state").toString());
    }

    @Autowired
    LeverageAnalysis analysis;

    @Autowired
    LeverageReportWriter writer;

    @Autowired
    LeverageRepository repository;

    @Autowired
    TranslationMemory memory;

    @Autowired
    JdbcClient jdbc;

    // In the memory (en -> es), and what the documents hold instead.
    static final String EXACT = "The reading room opens at nine in the morning.";                     // 9 words
    static final String HELD_95 = "The catalogue lists every book held by the national library.";
    static final String FUZZY_95 = "The catalogue lists every book held by the national library!";      // 10 words
    static final String HELD_85 = "Readers may borrow up to five books for two weeks.";
    static final String FUZZY_85 = "Readers may borrow up to six books for two weeks.";                 // 10 words
    static final String HELD_75 = "The digitisation project will scan the colonial newspapers.";
    static final String FUZZY_75 = "The digitisation project will scan the regional newspapers.";       // 8 words
    static final String HELD_50 = "Members of the association meet every spring in Lima.";
    static final String FUZZY_50 = "Members of the association gather every autumn in Bogotá.";         // 9 words
    /** Held with the segments it had around it (memoQ's context props): in context where they are the same. */
    static final String IN_CONTEXT = "Please return the books before closing time.";                   // 7 words, 38 characters
    /** Held only with a Portuguese translation: no match into Spanish. */
    static final String NEW = "Volunteers repaired the old printing press last summer.";               // 8 words, 48 characters
    static final String NEW_B = "Reference librarians answer questions by e-mail.";                    // 6 words

    /** The generated document: a segment for each band, two in one paragraph, repetitions. */
    static final String GUIDE = String.join("\n\n",
            EXACT,
            FUZZY_95,
            FUZZY_85 + " " + FUZZY_75,
            FUZZY_50,
            IN_CONTEXT, // between the segments its unit had around it
            NEW,
            "Volunteers   repaired the old printing press\nlast summer.", // the same, spacing aside: a repetition
            EXACT); // repeated, but a 100% match stays one
    static final String NOTES = String.join("\n\n", FUZZY_85, EXACT, NEW_B, IN_CONTEXT); // the last in another context

    static final String GUIDE_ID = "a000000000000001";
    static final String NOTES_ID = "b000000000000002";
    static final String SPANISH_ID = "c000000000000003";
    static final String BROKEN_ID = "d000000000000004";
    static final String OTHER_ID = "e000000000000005";
    static final String GONE_ID = "f000000000000006";
    static final String EMPTY_ID = "h000000000000008";

    @BeforeEach
    void documentsAndMemory() throws Exception {
        if (memory.size() > 0) {
            return;
        }
        Path tmx = Files.writeString(work.resolve("memory.tmx"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <tmx version="1.4">
                  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test"
                          adminlang="en" srclang="en" datatype="plaintext"/>
                  <body>
                %s
                  </body>
                </tmx>
                """.formatted(String.join("\n",
                tu(EXACT, "es", "La sala de lectura abre a las nueve de la mañana."),
                tu(HELD_95, "es", "El catálogo enumera todos los libros de la biblioteca nacional."),
                tu(HELD_85, "es", "Los lectores pueden llevar hasta cinco libros por dos semanas."),
                tu(HELD_75, "es", "El proyecto de digitalización escaneará los periódicos coloniales."),
                tu(HELD_50, "es", "Los miembros de la asociación se reúnen cada primavera en Lima."),
                "<tu><prop type=\"x-context-pre\">" + FUZZY_50 + "</prop><prop type=\"x-context-post\">" + NEW + "</prop>"
                        + "<tuv xml:lang=\"en\"><seg>" + IN_CONTEXT + "</seg></tuv>"
                        + "<tuv xml:lang=\"es\"><seg>Devuelva los libros antes del cierre.</seg></tuv></tu>",
                tu(NEW, "pt", "Os voluntários consertaram a velha prensa no verão passado."))), StandardCharsets.UTF_8);
        memory.importTmx(tmx);
        document(GUIDE_ID, "PRESENT", "EXTRACTED", "en", "Reading room guide", "/corpus/a-guide.txt", GUIDE);
        document(NOTES_ID, "PRESENT", "EXTRACTED", "en", null, "/corpus/b-notes.txt", NOTES);
        document(SPANISH_ID, "PRESENT", "EXTRACTED", "es", "Guía", "/corpus/c-guia.txt",
                "La sala de lectura abre a las nueve de la mañana.");
        document(BROKEN_ID, "PRESENT", "CORRUPT", "unknown", null, "/corpus/d-broken.docx", "");
        document(OTHER_ID, "PRESENT", "EXTRACTED", "other", "Leitfaden", "/corpus/e-other.txt",
                "Der Lesesaal öffnet um neun Uhr morgens.");
        document(GONE_ID, "GONE", "EXTRACTED", "en", "Old guide", "/corpus/f-old.txt", EXACT);
        document(EMPTY_ID, "PRESENT", "EXTRACTED", "en", "Scanned notice", "/corpus/h-empty.txt", " \n ");
    }

    @Test
    void theSegmentsOfTheGeneratedDocumentAreMadeForTheirBands() {
        assertThat(score(FUZZY_95, HELD_95)).isBetween(95f, 99.99f);
        assertThat(score(FUZZY_85, HELD_85)).isBetween(85f, 94.99f);
        assertThat(score(FUZZY_75, HELD_75)).isBetween(75f, 84.99f);
        assertThat(score(FUZZY_50, HELD_50)).isBetween(50f, 74.99f);
        assertThat(MatchBand.of(score(FUZZY_95, HELD_95), false, false, false)).isEqualTo(MatchBand.FUZZY_95_99);
        assertThat(MatchBand.of(score(FUZZY_85, HELD_85), false, false, false)).isEqualTo(MatchBand.FUZZY_85_94);
        assertThat(MatchBand.of(score(FUZZY_75, HELD_75), false, false, false)).isEqualTo(MatchBand.FUZZY_75_84);
        assertThat(MatchBand.of(score(FUZZY_50, HELD_50), false, false, false)).isEqualTo(MatchBand.FUZZY_50_74);
        assertThat(MatchBand.of(49.9, false, false, false)).isEqualTo(MatchBand.NO_MATCH);
        assertThat(MatchBand.of(94.99, false, false, false)).isEqualTo(MatchBand.FUZZY_85_94);
        // Precedence: a match that needs no work wins over a repetition; a repetition over a fuzzy match.
        assertThat(MatchBand.of(100, true, true, false)).isEqualTo(MatchBand.IN_CONTEXT);
        assertThat(MatchBand.of(100, false, true, false)).isEqualTo(MatchBand.EXACT);
        assertThat(MatchBand.of(98, false, true, false)).isEqualTo(MatchBand.REPETITION_DOCUMENT);
        assertThat(MatchBand.of(98, false, false, true)).isEqualTo(MatchBand.REPETITION_BATCH);
        assertThat(MatchBand.of(0, false, false, true)).isEqualTo(MatchBand.REPETITION_BATCH);
    }

    @Test
    void analysesTheBatchIntoWordsPerBandWithRepetitionsAndSkippedDocuments() throws Exception {
        LeverageReport report = analysis.analyze("es", List.of());

        assertThat(report.targetLanguage()).isEqualTo("es");
        assertThat(report.memoryUnits()).isEqualTo(7);
        // The Spanish document is a translation, not a source; the gone one is not in the batch.
        assertThat(report.documents()).extracting(DocumentLeverage::documentId).containsExactly(GUIDE_ID, NOTES_ID);
        assertThat(report.skipped()).extracting(SkippedDocument::documentId).containsExactly(BROKEN_ID, OTHER_ID, EMPTY_ID);
        assertThat(report.skipped()).extracting(SkippedDocument::reason).containsExactly(
                "its text could not be extracted (CORRUPT: the file is damaged)",
                "its language is 'other', not one of es, en, pt",
                "no text was extracted from it");

        DocumentLeverage guide = report.documents().get(0);
        assertThat(words(guide)).containsExactlyInAnyOrderEntriesOf(Map.of(
                MatchBand.IN_CONTEXT, 7L,
                MatchBand.EXACT, 18L,
                MatchBand.FUZZY_95_99, 10L,
                MatchBand.FUZZY_85_94, 10L,
                MatchBand.FUZZY_75_84, 8L,
                MatchBand.FUZZY_50_74, 9L,
                MatchBand.NO_MATCH, 8L,
                MatchBand.REPETITION_DOCUMENT, 8L,
                MatchBand.REPETITION_BATCH, 0L));
        assertThat(guide.band(MatchBand.EXACT).segments()).isEqualTo(2);
        assertThat(guide.band(MatchBand.IN_CONTEXT)).isEqualTo(new BandCounts(1, 7, 38));
        assertThat(guide.band(MatchBand.NO_MATCH)).isEqualTo(new BandCounts(1, 8, 48));
        assertThat(guide.band(MatchBand.REPETITION_DOCUMENT)).isEqualTo(new BandCounts(1, 8, 48));
        assertThat(guide.total().segments()).isEqualTo(9);
        assertThat(guide.total().words()).isEqualTo(78);
        // 7 x 0.1 + 18 x 0.25 (exact, as configured) + 10 x 0.3 + 10 x 0.4 + 8 x 0.6 + 9 x 1 + 8 x 1 + 8 x 0.2
        assertThat(guide.weightedWords()).isCloseTo(35.6, within(1e-9));

        DocumentLeverage notes = report.documents().get(1);
        assertThat(notes.band(MatchBand.REPETITION_BATCH)).isEqualTo(new BandCounts(1, 10, 40));
        // The sentence held with its context, elsewhere: an exact match, not a repetition across the batch.
        assertThat(notes.band(MatchBand.EXACT).words()).isEqualTo(9 + 7);
        assertThat(notes.band(MatchBand.IN_CONTEXT).words()).isZero();
        assertThat(notes.band(MatchBand.NO_MATCH).words()).isEqualTo(6);
        assertThat(notes.total().words()).isEqualTo(32);
        assertThat(notes.weightedWords()).isCloseTo(10 * 0.2 + 16 * 0.25 + 6, within(1e-9));
        assertThat(notes.displayName()).isEqualTo("b-notes.txt");

        assertThat(report.total().words()).isEqualTo(110);
        assertThat(report.totalBands().get(MatchBand.EXACT).words()).isEqualTo(34);
        assertThat(report.weightedWords()).isCloseTo(35.6 + 12.0, within(1e-9));

        // Kept in the database, every analysis a new report.
        assertThat(repository.find(report.id())).contains(report);
        assertThat(jdbc.sql("SELECT words FROM leverage_document_band WHERE report_id = ? AND document_id = ? AND band = ?")
                .params(report.id(), GUIDE_ID, "fuzzy_85_94").query(Long.class).single()).isEqualTo(10);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM leverage_document_band WHERE report_id = ?").param(report.id())
                .query(Integer.class).single()).isEqualTo(2 * MatchBand.values().length);
        assertThat(jdbc.sql("SELECT skipped_reason FROM leverage_document WHERE report_id = ? AND document_id = ?")
                .params(report.id(), EMPTY_ID).query(String.class).single()).isEqualTo("no text was extracted from it");
        LeverageReport again = analysis.analyze("es", List.of());
        assertThat(again.id()).isGreaterThan(report.id());
        assertThat(repository.recentReports(10)).extracting(LeverageRepository.ReportSummary::id)
                .startsWith(again.id(), report.id());

        // CSV and JSON
        List<Path> files = writer.write(report, work.resolve("inventory"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("leverage-es.csv", "leverage-es.json");
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).startsWith("row,report,target_language,document_id,"
                + "title,location,source_language,in_context_segments,in_context_words,in_context_characters,exact_segments,");
        List<Map<String, String>> rows = csvRows(files.get(0));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(LeverageReportWriter.csvColumns());
        Map<String, String> guideRow = rows.get(0);
        assertThat(guideRow).containsEntry("row", "document")
                .containsEntry("report", report.id().toString())
                .containsEntry("document_id", GUIDE_ID)
                .containsEntry("title", "Reading room guide")
                .containsEntry("location", "/corpus/a-guide.txt")
                .containsEntry("source_language", "en")
                .containsEntry("exact_segments", "2")
                .containsEntry("fuzzy_95_99_words", "10")
                .containsEntry("repetition_document_characters", "48")
                .containsEntry("in_context_words", "7")
                .containsEntry("total_words", "78")
                .containsEntry("weighted_words", "35.6");
        assertThat(rows.get(1)).containsEntry("document_id", NOTES_ID).containsEntry("repetition_batch_words", "10");
        assertThat(rows.get(2)).containsEntry("row", "total")
                .containsEntry("title", "Total (2 documents)")
                .containsEntry("exact_words", "34")
                .containsEntry("total_words", "110")
                .containsEntry("weighted_words", "47.6");

        JsonNode json = JsonMapper.builder().build().readTree(files.get(1).toFile());
        assertThat(json.get("report").asLong()).isEqualTo(report.id());
        assertThat(json.get("target_language").asString()).isEqualTo("es");
        assertThat(json.get("weights").get("exact").asDouble()).isEqualTo(0.25);
        assertThat(json.get("weights").get("no-match").asDouble()).isEqualTo(1.0);
        JsonNode guideJson = json.get("documents").get(0);
        assertThat(guideJson.get("id").asString()).isEqualTo(GUIDE_ID);
        assertThat(guideJson.get("bands").get("fuzzy-50-74").get("words").asLong()).isEqualTo(9);
        assertThat(guideJson.get("bands").get("repetition-document").get("segments").asInt()).isEqualTo(1);
        assertThat(guideJson.get("bands").get("in-context").get("words").asLong()).isEqualTo(7);
        assertThat(guideJson.get("total").get("words").asLong()).isEqualTo(78);
        assertThat(json.get("total").get("bands").get("repetition-batch").get("words").asLong()).isEqualTo(10);
        assertThat(json.get("total").get("weighted_words").asDouble()).isEqualTo(47.6);
        assertThat(json.get("skipped").get(2).get("reason").asString()).isEqualTo("no text was extracted from it");
        try (var files2 = Files.list(work.resolve("inventory"))) {
            assertThat(files2.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("leverage-es.csv", "leverage-es.json");
        }
    }

    @Test
    void theBatchOrderDecidesWhichOccurrenceIsTheRepetition() {
        LeverageReport report = analysis.analyze("es", List.of(NOTES_ID, GUIDE_ID, " " + NOTES_ID));

        assertThat(report.documents()).extracting(DocumentLeverage::documentId).containsExactly(NOTES_ID, GUIDE_ID);
        assertThat(report.documents().get(0).band(MatchBand.FUZZY_85_94).words()).isEqualTo(10);
        assertThat(report.documents().get(0).band(MatchBand.REPETITION_BATCH).words()).isZero();
        assertThat(report.documents().get(1).band(MatchBand.FUZZY_85_94).words()).isZero();
        assertThat(report.documents().get(1).band(MatchBand.REPETITION_BATCH).words()).isEqualTo(10);
        assertThat(report.total().words()).isEqualTo(110);
    }

    @Test
    void badInputIsRefusedOrSkippedWithTheReason() {
        assertThatThrownBy(() -> analysis.analyze("fr", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the target language fr is not one of the configured languages (es, en, pt, puente.languages)");
        assertThatThrownBy(() -> analysis.analyze("e s", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target language: ");
        assertThatThrownBy(() -> analysis.analyze("es", List.of(GUIDE_ID, "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no document with id 'nope' in the register");

        LeverageReport report = analysis.analyze("es", List.of(SPANISH_ID, GONE_ID, BROKEN_ID));
        assertThat(report.documents()).isEmpty();
        assertThat(report.skipped()).extracting(SkippedDocument::reason).containsExactly(
                "it is already in es, the target language",
                "it is gone from every source (kept in the register for history)",
                "its text could not be extracted (CORRUPT: the file is damaged)");
        assertThat(report.total()).isEqualTo(BandCounts.NONE);

        // A regional variant of a configured language: the Portuguese unit is an exact match for pt-BR.
        LeverageReport portuguese = analysis.analyze("pt-BR", List.of(GUIDE_ID));
        assertThat(portuguese.targetLanguage()).isEqualTo("pt-BR");
        // Both occurrences of that segment are exact matches (spacing aside), so neither is a repetition.
        assertThat(portuguese.documents().get(0).band(MatchBand.EXACT)).isEqualTo(new BandCounts(2, 16, 96));
        assertThat(portuguese.documents().get(0).band(MatchBand.REPETITION_DOCUMENT).words()).isEqualTo(9);
    }

    @Test
    void weightsAreReadFromConfigurationAndUnknownBandsRefused() {
        LeverageWeights weights = LeverageWeights.of(Map.of("exact", 0.25, "FUZZY_50_74", 0.9));
        assertThat(weights.of(MatchBand.EXACT)).isEqualTo(0.25);
        assertThat(weights.of(MatchBand.FUZZY_50_74)).isEqualTo(0.9);
        assertThat(weights.of(MatchBand.IN_CONTEXT)).isEqualTo(0.1);
        assertThatThrownBy(() -> LeverageWeights.of(Map.of("perfect", 0.0)))
                .hasMessageStartingWith("puente.memory.leverage.weights: 'perfect' is no match band; the bands are in-context, exact,");
        assertThatThrownBy(() -> LeverageWeights.of(Map.of("exact", -1.0)))
                .hasMessageContaining("must be a number of 0 or more");
    }


    private static List<Map<String, String>> csvRows(Path file) throws Exception {
        CsvMapper csv = CsvMapper.builder().build();
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    private static float score(String a, String b) {
        return CharacterGrams.of(a).score(CharacterGrams.of(b));
    }

    private static Map<MatchBand, Long> words(DocumentLeverage d) {
        Map<MatchBand, Long> words = new java.util.EnumMap<>(MatchBand.class);
        d.bands().forEach((band, counts) -> words.put(band, counts.words()));
        return words;
    }

    private static String tu(String en, String otherLanguage, String other) {
        return "<tu><tuv xml:lang=\"en\"><seg>" + en + "</seg></tuv><tuv xml:lang=\"" + otherLanguage + "\"><seg>" + other
                + "</seg></tuv></tu>";
    }

    private void document(String id, String state, String status, String language, String title, String location,
                          String text) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO document (id, sha256, state, status, status_message, title, size_bytes, text_chars, truncated,
                    ocr, language, language_confidence, language_shares, first_seen, last_changed, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, ?, 1.0, ?, ?, ?, 1)""")
                .params(id, ContentHash.of(id), state, status, status.equals("CORRUPT") ? "the file is damaged" : null, title,
                        text.length(), text.length(), language, language + "=1.0", now, now)
                .update();
        jdbc.sql("INSERT INTO document_text (document_id, content) VALUES (?, ?)").params(id, text).update();
        jdbc.sql("""
                INSERT INTO document_location (location, source_name, owner, content_path, document_id, state, first_seen,
                    last_seen, last_seen_run) VALUES (?, 'corpus', 'SECTION', ?, ?, ?, ?, ?, 1)""")
                .params(location, location, id, state, now, now).update();
    }
}
