package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.PuenteProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports into the memory in a real embedded database: merge, conflicts, all or nothing, regions. */
@SpringBootTest(properties = "puente.cli.enabled=false")
class TranslationMemoryTest {

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("puente.work-dir", () -> work.resolve("state").toString());
    }

    @Autowired
    TranslationMemory memory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TmLookup lookup;

    @Autowired
    DocumentAligner aligner;

    private static String tmx(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE tmx SYSTEM "tmx14.dtd">
                <tmx version="1.4">
                  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test"
                          adminlang="en" srclang="en" datatype="plaintext"/>
                  <body>
                %s
                  </body>
                </tmx>
                """.formatted(body);
    }

    private static String tu(String en, String otherLang, String other) {
        return "<tu><tuv xml:lang=\"en\"><seg>" + en + "</seg></tuv><tuv xml:lang=\"" + otherLang + "\"><seg>" + other
                + "</seg></tuv></tu>";
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(work.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void importsMergesDuplicatesKeepsConflictsAndIsAllOrNothing() throws Exception {
        long before = memory.size();
        Path first = write("first.tmx", tmx(String.join("\n",
                tu("The library opens at nine.", "es", "La biblioteca abre a las nueve."),
                tu("Read the <bpt i=\"1\">&lt;b&gt;</bpt>manual<ept i=\"1\">&lt;/b&gt;</ept> first.", "es",
                        "Lea primero el <bpt i=\"1\">&lt;b&gt;</bpt>manual<ept i=\"1\">&lt;/b&gt;</ept>."),
                tu("The catalogue is online.", "pt-BR", "O catálogo está on-line."))));

        TmImportResult result = memory.importTmx(first);
        assertThat(result.read()).isEqualTo(3);
        assertThat(result.added()).isEqualTo(3);
        assertThat(result.merged()).isZero();
        assertThat(result.languages()).contains("en", "es", "pt-BR");
        assertThat(memory.size()).isEqualTo(before + 3);
        assertThat(memory.exactTranslations("The library opens at nine.", "en", "es"))
                .containsExactly("La biblioteca abre a las nueve.");
        assertThat(memory.exactTranslations("Read the manual first.", "en", "es"))
                .containsExactly("Lea primero el manual.");
        // pt-PT asked, only pt-BR held: the regional fallback still answers
        assertThat(memory.exactTranslations("The catalogue is online.", "EN", "pt-PT"))
                .containsExactly("O catálogo está on-line.");

        // The same file again: merged, not multiplied.
        TmImportResult again = memory.importTmx(first);
        assertThat(again.merged()).isEqualTo(3);
        assertThat(again.added()).isZero();
        assertThat(memory.size()).isEqualTo(before + 3);

        // Another translation of the same source: kept beside the first, and counted as a conflict.
        TmImportResult conflicting = memory.importTmx(write("second.tmx", tmx(
                tu("The library opens at nine.", "es", "La biblioteca abre a las 9."))));
        assertThat(conflicting.added()).isEqualTo(1);
        assertThat(conflicting.conflicts()).isEqualTo(1);
        assertThat(memory.exactTranslations("The library opens at nine.", "en", "es"))
                .containsExactlyInAnyOrder("La biblioteca abre a las nueve.", "La biblioteca abre a las 9.");

        // The same source into another language is no conflict.
        TmImportResult portuguese = memory.importTmx(write("third.tmx", tmx(
                tu("The library opens at nine.", "pt", "A biblioteca abre às nove."))));
        assertThat(portuguese.added()).isEqualTo(1);
        assertThat(portuguese.conflicts()).isZero();

        // A file broken after two good units: nothing of it is kept, and the error says where.
        long imports = jdbc.sql("SELECT COUNT(*) FROM tm_import").query(Long.class).single();
        Path broken = write("broken.tmx", tmx(String.join("\n",
                tu("New sentence one.", "es", "Frase nueva uno."),
                tu("New sentence two.", "es", "Frase nueva dos."),
                "<tu><tuv xml:lang=\"en\"><seg>Unclosed</seg></tuv>")).replace("</body>", ""));
        assertThatThrownBy(() -> memory.importTmx(broken))
                .isInstanceOf(TmxFormatException.class)
                .hasMessageContaining("broken.tmx")
                .hasMessageContaining("line");
        assertThat(memory.size()).isEqualTo(before + 5);
        assertThat(memory.exactTranslations("New sentence one.", "en", "es")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tm_import").query(Long.class).single()).isEqualTo(imports);
    }

    @Test
    void theExactRegionalVariantComesFirst() throws Exception {
        memory.importTmx(write("regions.tmx", tmx(String.join("\n",
                tu("Call the reference desk.", "es-ES", "Llame al mostrador de consulta."),
                tu("Call the reference desk.", "es-419", "Comuníquese con el mostrador de referencia.")))));
        assertThat(memory.exactTranslations("Call the reference desk.", "en", "es-419"))
                .containsExactly("Comuníquese con el mostrador de referencia.", "Llame al mostrador de consulta.");
        assertThat(memory.exactTranslations("Call the reference desk.", "en", "es-ES"))
                .containsExactly("Llame al mostrador de consulta.", "Comuníquese con el mostrador de referencia.");
    }

    @Test
    void exportsTheMemoryOrOnePairWithProvenanceAndInlineCodes() throws Exception {
        memory.importTmx(write("export-source.tmx", tmx(String.join("\n",
                tu("Open the <ph x=\"1\">&lt;br/&gt;</ph>catalogue.", "es", "Abra el <ph x=\"1\">&lt;br/&gt;</ph>catálogo."),
                tu("Borrow up to five books.", "pt-BR", "Empreste até cinco livros.")))));

        Path all = work.resolve("out/all.tmx");
        long written = memory.exportTmx(all, java.util.Set.of(), java.util.Set.of());
        assertThat(written).isEqualTo(memory.size());
        java.util.List<TranslationUnit> units = new java.util.ArrayList<>();
        new TmxReader().read(all, units::add);
        assertThat(units).hasSize((int) written);
        TranslationUnit withCode = units.stream()
                .filter(u -> u.variant("en").map(v -> v.segment().plainText().equals("Open the catalogue.")).orElse(false))
                .findFirst().orElseThrow();
        assertThat(withCode.variant("es").orElseThrow().segment().hasCodes()).isTrue();
        assertThat(withCode.variant("es").orElseThrow().segment().toXml()).contains("<ph x=\"1\">&lt;br/&gt;</ph>");
        assertThat(withCode.props("x-puente-origin")).containsExactly("IMPORT");
        assertThat(withCode.props("x-puente-source")).containsExactly("export-source.tmx");

        // Importing the export again changes nothing, and provenance is not doubled.
        TmImportResult reimport = memory.importTmx(all);
        assertThat(reimport.added()).isZero();
        assertThat(reimport.merged()).isEqualTo((int) written);
        Path again = work.resolve("out/again.tmx");
        memory.exportTmx(again, java.util.Set.of(), java.util.Set.of());
        assertThat(Files.readString(again)).isEqualTo(Files.readString(all));

        // A portable copy imported into a memory that lacks the unit keeps its provenance as columns.
        memory.importTmx(write("portable.tmx", tmx("<tu><prop type=\"x-puente-origin\">ALIGNMENT</prop>"
                + "<prop type=\"x-puente-source\">es/a.html en/a.html</prop><prop type=\"x-puente-document\">0123456789abcdef</prop>"
                + "<tuv xml:lang=\"en\"><seg>Aligned sentence.</seg></tuv><tuv xml:lang=\"es\"><seg>Frase alineada.</seg></tuv></tu>")));
        Path byDocument = work.resolve("out/document.tmx");
        assertThat(memory.exportTmx(byDocument, java.util.Set.of(), java.util.Set.of("0123456789abcdef"))).isEqualTo(1);
        java.util.List<TranslationUnit> aligned = new java.util.ArrayList<>();
        new TmxReader().read(byDocument, aligned::add);
        assertThat(aligned.get(0).props("x-puente-origin")).containsExactly("ALIGNMENT");
        assertThat(aligned.get(0).props("x-puente-document")).containsExactly("0123456789abcdef");
        assertThat(aligned.get(0).props("x-puente-source")).containsExactly("es/a.html en/a.html");

        Path pair = work.resolve("out/en-pt.tmx");
        memory.exportTmx(pair, java.util.Set.of("en", "pt"), java.util.Set.of());
        java.util.List<TranslationUnit> pairUnits = new java.util.ArrayList<>();
        new TmxReader().read(pair, pairUnits::add);
        assertThat(pairUnits).isNotEmpty().allSatisfy(u -> assertThat(u.variants())
                .extracting(v -> LanguageTags.language(v.language())).containsOnly("en", "pt"));
        assertThat(pairUnits).anySatisfy(u -> assertThat(u.variant("pt-BR")).isPresent());
    }

    @Test
    void lookupFindsExactCaseNumberAndFuzzyMatchesInAnyDirectionWithRegionalFallback() throws Exception {
        String en = "The reading room closes at 8 pm on Fridays during the summer holidays.";
        String es = "La sala de lectura cierra a las 20 h los viernes durante las vacaciones de verano.";
        String pt = "A sala de leitura fecha às 20h às sextas-feiras durante as férias de verão.";
        memory.importTmx(write("lookup.tmx", tmx("<tu><tuv xml:lang=\"en\"><seg>" + en + "</seg></tuv><tuv xml:lang=\"es\"><seg>"
                + es + "</seg></tuv><tuv xml:lang=\"pt-BR\"><seg>" + pt + "</seg></tuv></tu>")));

        TmMatch exact = lookup.lookup(en, "en", "es", 75, 5).get(0);
        assertThat(exact.kind()).isEqualTo(TmMatch.Kind.EXACT);
        assertThat(exact.score()).isEqualTo(100f);
        assertThat(exact.target()).isEqualTo(es);
        assertThat(exact.origin()).startsWith("IMPORT lookup.tmx");

        TmMatch caseOnly = lookup.lookup(en.toLowerCase(java.util.Locale.ROOT), "en", "es", 75, 5).get(0);
        assertThat(caseOnly.kind()).isEqualTo(TmMatch.Kind.CASE_OR_SPACING);
        assertThat(caseOnly.score()).isEqualTo(98f);

        TmMatch numbers = lookup.lookup(en.replace("8 pm", "9 pm"), "en", "es", 75, 5).get(0);
        assertThat(numbers.kind()).isEqualTo(TmMatch.Kind.NUMBERS);
        assertThat(numbers.score()).isBetween(75f, 98f);

        TmMatch fuzzy = lookup.lookup(en.replace("Fridays", "Saturdays"), "en", "es", 75, 5).get(0);
        assertThat(fuzzy.kind()).isEqualTo(TmMatch.Kind.FUZZY);
        assertThat(fuzzy.score()).isBetween(75f, 98f);
        assertThat(lookup.lookup("Something else entirely, about manuscripts.", "en", "es", 75, 5)).isEmpty();

        // Any direction: es -> pt, exact region or another one marked as such.
        TmMatch esToBrazil = lookup.lookup(es, "es", "pt-BR", 75, 5).get(0);
        assertThat(esToBrazil.target()).isEqualTo(pt);
        assertThat(esToBrazil.regionFallback()).isFalse();
        TmMatch esToPortugal = lookup.lookup(es, "es", "pt-PT", 75, 5).get(0);
        assertThat(esToPortugal.target()).isEqualTo(pt);
        assertThat(esToPortugal.targetLanguage()).isEqualTo("pt-BR");
        assertThat(esToPortugal.regionFallback()).isTrue();
        assertThat(lookup.lookup(es, "es", "pt", 75, 5).get(0).regionFallback()).isFalse();
    }

    @Test
    void whatAnUnfinishedImportAddedIsUndoneByTheNextImport() throws Exception {
        // As a killed import leaves it: its row not finished, some of its units committed.
        jdbc.sql("INSERT INTO tm_import (file_name, sha256, imported_at, units_read, units_added, units_merged, "
                + "stripped_characters, finished) VALUES ('killed.tmx', 'x', CURRENT_TIMESTAMP, 0, 0, 0, 0, FALSE)").update();
        long killed = jdbc.sql("SELECT MAX(id) FROM tm_import").query(Long.class).single();
        jdbc.sql("INSERT INTO tm_unit (unit_key, source_language, origin, import_id, metadata) VALUES ('k-killed', 'en', 'IMPORT', ?, '{}')")
                .param(killed).update();
        long unit = jdbc.sql("SELECT id FROM tm_unit WHERE unit_key = 'k-killed'").query(Long.class).single();
        jdbc.sql("INSERT INTO tm_variant (unit_id, language, base_language, segment_xml, plain_text, text_key, metadata) "
                + "VALUES (?, 'en', 'en', 'Half imported.', 'Half imported.', 'k', '{}')").param(unit).update();

        memory.importTmx(write("after-kill.tmx", tmx(tu("A complete unit.", "es", "Una unidad completa."))));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM tm_unit WHERE unit_key = 'k-killed'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tm_import WHERE id = ?").param(killed).query(Long.class).single()).isZero();
        assertThat(memory.exactTranslations("A complete unit.", "en", "es")).containsExactly("Una unidad completa.");
    }

    @Test
    void anExactMatchWithTheSameNeighboursIsInContext() throws Exception {
        String unit = "Press Enter to continue.";
        memory.importTmx(write("context.tmx", tmx(String.join("\n",
                // memoQ writes the neighbours as props holding a <seg>; OmegaT as prev/next.
                "<tu><prop type=\"x-context-pre\">&lt;seg&gt;Choose a &lt;bpt i=\"1\"&gt;&amp;lt;b&amp;gt;&lt;/bpt&gt;language"
                        + "&lt;ept i=\"1\"&gt;&amp;lt;/b&amp;gt;&lt;/ept&gt;.&lt;/seg&gt;</prop>"
                        + "<prop type=\"x-context-post\">&lt;seg&gt;The  installer starts.&lt;/seg&gt;</prop>"
                        + "<tuv xml:lang=\"en\"><seg>" + unit + "</seg></tuv><tuv xml:lang=\"es\"><seg>Pulse Intro para continuar.</seg></tuv></tu>",
                "<tu><prop type=\"prev\">Read the licence.</prop><prop type=\"next\"></prop>"
                        + "<tuv xml:lang=\"en\"><seg>" + unit + "</seg></tuv><tuv xml:lang=\"es\"><seg>Presione Intro para seguir.</seg></tuv></tu>",
                tu(unit, "es", "Oprima Intro para continuar.")))));

        List<TmMatch> first = lookup.lookup(unit, "Choose a language.", "The installer starts.", "en", "es", 75, 5);
        assertThat(first).hasSize(3);
        assertThat(first.get(0).inContext()).isTrue();
        assertThat(first.get(0).target()).isEqualTo("Pulse Intro para continuar.");
        assertThat(first.subList(1, 3)).allSatisfy(m -> {
            assertThat(m.inContext()).isFalse();
            assertThat(m.kind()).isEqualTo(TmMatch.Kind.EXACT);
        });

        // "" is the end of the document, as the OmegaT unit's empty "next".
        TmMatch last = lookup.lookup(unit, "Read the licence.", "", "en", "es", 75, 5).get(0);
        assertThat(last.inContext()).isTrue();
        assertThat(last.target()).isEqualTo("Presione Intro para seguir.");

        assertThat(lookup.lookup(unit, "Something else.", "The installer starts.", "en", "es", 75, 5))
                .noneMatch(TmMatch::inContext);
        assertThat(lookup.lookup(unit, "en", "es", 75, 5)).noneMatch(TmMatch::inContext);
    }

    @Test
    void aMatchDifferingOnlyInCodesIsLabelledAndTranslationsKeepTheirCodes() throws Exception {
        String bold = "Check the <bpt i=\"1\">&lt;b&gt;</bpt>catalogue<ept i=\"1\">&lt;/b&gt;</ept> daily.";
        memory.importTmx(write("codes.tmx", tmx(tu(bold, "es",
                "Consulte el <bpt i=\"1\">&lt;b&gt;</bpt>catálogo<ept i=\"1\">&lt;/b&gt;</ept> a diario."))));
        TmxReader reader = new TmxReader();

        TmMatch plain = lookup.lookup("Check the catalogue daily.", "en", "es", 75, 5).get(0);
        assertThat(plain.kind()).isEqualTo(TmMatch.Kind.CODES);
        assertThat(plain.score()).isEqualTo(99f);
        assertThat(plain.targetSegment().hasCodes()).isTrue();
        assertThat(plain.targetSegment().toXml()).contains("<bpt i=\"1\">&lt;b&gt;</bpt>catálogo");

        TmMatch same = lookup.lookup(reader.segment(bold), null, null, "en", "es", 75, 5).get(0);
        assertThat(same.kind()).isEqualTo(TmMatch.Kind.EXACT);
        assertThat(same.score()).isEqualTo(100f);

        TmSegment italic = reader.segment(bold.replace("&lt;b&gt;", "&lt;i&gt;").replace("&lt;/b&gt;", "&lt;/i&gt;"));
        assertThat(lookup.lookup(italic, null, null, "en", "es", 75, 5).get(0).kind()).isEqualTo(TmMatch.Kind.CODES);
    }

    @Test
    void duplicatesAndConflictsWithinOneFileAreFoundAsAcrossFiles() throws Exception {
        TmImportResult result = memory.importTmx(write("self.tmx", tmx(String.join("\n",
                tu("The index is updated weekly.", "es", "El índice se actualiza cada semana."),
                tu("The index is updated weekly.", "es", "El índice se actualiza cada semana."),
                tu("The index is updated weekly.", "es", "El índice se actualiza semanalmente."),
                tu("The index is updated weekly.", "pt", "O índice é atualizado semanalmente.")))));
        assertThat(result.read()).isEqualTo(4);
        assertThat(result.added()).isEqualTo(3);
        assertThat(result.merged()).isEqualTo(1);
        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(memory.exactTranslations("The index is updated weekly.", "en", "es")).containsExactlyInAnyOrder(
                "El índice se actualiza cada semana.", "El índice se actualiza semanalmente.");
    }

    @Test
    void aSegmentLongerThanTheMemoryHoldsIsRefusedWithNothingImported() throws Exception {
        long before = memory.size();
        Path huge = write("huge.tmx", tmx(String.join("\n",
                tu("A short unit before.", "es", "Una unidad corta antes."),
                tu("x".repeat(TmUnitWriter.MAX_CHARACTERS + 1), "es", "Demasiado largo."))));
        assertThatThrownBy(() -> memory.importTmx(huge))
                .isInstanceOf(TmxFormatException.class)
                .hasMessageContaining("huge.tmx")
                .hasMessageContaining("line 8")
                .hasMessageContaining("1000000 characters");
        assertThat(memory.size()).isEqualTo(before);
    }

    @Test
    void anExactMatchIsFoundEvenBehindManySourcesWithTheSameGramsTranslatedIntoOtherLanguages() throws Exception {
        StringBuilder units = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            units.append(tu(i % 2 == 0 ? "Save the file." : "save the file.", "pt", "Salve o arquivo " + i + ".")).append('\n');
        }
        units.append(tu("Save the file.", "es", "Guarde el archivo."));
        memory.importTmx(write("ties.tmx", tmx(units.toString())));

        List<TmMatch> matches = lookup.lookup("Save the file.", "en", "es", 75, 1);
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(TmMatch.Kind.EXACT);
            assertThat(m.target()).isEqualTo("Guarde el archivo.");
        });
        assertThat(lookup.lookup("save the file.", "en", "es", 75, 1)).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(TmMatch.Kind.CASE_OR_SPACING));
    }

    @Test
    void unitsWithoutSourceLanguageConflictInEitherDirection() throws Exception {
        String all = """
                <?xml version="1.0" encoding="UTF-8"?>
                <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test"
                  adminlang="en" srclang="*all*" datatype="plaintext"/><body>%s</body></tmx>
                """;
        memory.importTmx(write("all-1.tmx", all.formatted(tu("Open the door slowly.", "es", "Abra la puerta despacio."))));
        TmImportResult second = memory.importTmx(write("all-2.tmx", all.formatted(
                "<tu><tuv xml:lang=\"es\"><seg>Abra la puerta despacio.</seg></tuv>"
                        + "<tuv xml:lang=\"en\"><seg>Open the door carefully.</seg></tuv></tu>")));
        assertThat(second.added()).isEqualTo(1);
        assertThat(second.conflicts()).isEqualTo(1);
    }

    @Test
    void anUnfinishedImportKeepsWhatAnAlignmentHasMergedWithSince() throws Exception {
        memory.importTmx(write("before.tmx", tmx(tu("Nothing to undo yet.", "es", "Nada que deshacer aún."))));
        jdbc.sql("INSERT INTO tm_import (file_name, sha256, imported_at, units_read, units_added, units_merged, "
                + "stripped_characters, finished) VALUES ('killed-too.tmx', 'x', CURRENT_TIMESTAMP, 0, 0, 0, 0, FALSE)").update();
        long killed = jdbc.sql("SELECT MAX(id) FROM tm_import").query(Long.class).single();
        jdbc.sql("INSERT INTO tm_unit (unit_key, source_language, origin, import_id, metadata) VALUES ('k-linked', 'en', 'IMPORT', ?, '{}')")
                .param(killed).update();
        long unit = jdbc.sql("SELECT id FROM tm_unit WHERE unit_key = 'k-linked'").query(Long.class).single();
        jdbc.sql("INSERT INTO tm_alignment (source_document, target_document, source_language, target_language, source_sha256, "
                + "target_sha256, declared, origin_detail, aligned_at, sentence_pairs, into_memory, for_review, mean_confidence) "
                + "VALUES ('d1', 'd2', 'en', 'es', 'a', 'b', FALSE, 'test', CURRENT_TIMESTAMP, 1, 1, 0, 0.9)").update();
        long alignment = jdbc.sql("SELECT MAX(id) FROM tm_alignment").query(Long.class).single();
        jdbc.sql("INSERT INTO tm_alignment_unit (alignment_id, unit_id) VALUES (?, ?)").params(alignment, unit).update();

        memory.importTmx(write("next.tmx", tmx(tu("The next import.", "es", "La importación siguiente."))));

        assertThat(jdbc.sql("SELECT origin FROM tm_unit WHERE id = ?").param(unit).query(String.class).single())
                .isEqualTo("ALIGNMENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tm_import WHERE id = ?").param(killed).query(Long.class).single()).isZero();
    }

    @Test
    void aSecondImportWhileOneIsRunningIsRefused() throws Exception {
        Path file = write("waiting.tmx", tmx(tu("Wait for your turn.", "es", "Espere su turno.")));
        try (var running = org.puente.config.WorkFolderLock.acquire(work.resolve("state").resolve("tm-import.lock"), "busy")) {
            assertThatThrownBy(() -> memory.importTmx(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another 'tm import'");
        }
        assertThat(memory.importTmx(file).added()).isEqualTo(1);
    }

    @Test
    void conflictsListEverySourceWithSeveralTranslationsAndWhereEachCameFrom() throws Exception {
        memory.importTmx(write("c1.tmx", tmx(String.join("\n",
                tu("The reading list is on the shelf.", "es", "La lista de lecturas está en el estante."),
                tu("The reading list is on the shelf.", "pt", "A lista de leituras está na estante.")))));
        memory.importTmx(write("c2.tmx", tmx(tu("The reading list is on the shelf.", "es-419",
                "La lista de lectura está en el anaquel."))));

        List<TranslationMemory.Conflict> found = new java.util.ArrayList<>();
        memory.conflicts("en", "es", c -> {
            if (c.source().startsWith("The reading list")) {
                found.add(c);
            }
        });
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.translations()).extracting(TranslationMemory.Translation::text).containsExactly(
                    "La lista de lectura está en el anaquel.", "La lista de lecturas está en el estante.");
            assertThat(c.translations()).extracting(TranslationMemory.Translation::originDetail)
                    .containsExactly("c2.tmx", "c1.tmx");
            assertThat(c.translations()).extracting(TranslationMemory.Translation::language).containsExactly("es-419", "es");
        });
        List<TranslationMemory.Conflict> portuguese = new java.util.ArrayList<>();
        memory.conflicts("en", "pt", c -> {
            if (c.source().startsWith("The reading list")) {
                portuguese.add(c);
            }
        });
        assertThat(portuguese).isEmpty();
    }

    @Test
    void replacingAnAlignmentKeepsTheUnitsAnImportAlsoHolds() throws Exception {
        jdbc.sql("INSERT INTO tm_alignment (source_document, target_document, source_language, target_language, source_sha256, "
                + "target_sha256, declared, origin_detail, aligned_at, sentence_pairs, into_memory, for_review, mean_confidence) "
                + "VALUES ('doc-a', 'doc-b', 'en', 'es', 'a', 'b', FALSE, 'test', CURRENT_TIMESTAMP, 2, 2, 0, 0.9)").update();
        long alignment = jdbc.sql("SELECT id FROM tm_alignment WHERE source_document = 'doc-a'").query(Long.class).single();
        java.time.Instant now = java.time.Instant.now();
        memory.addAligned(List.of(
                DocumentAligner.unit("The map room is upstairs.", "La mapoteca está arriba.", 0.9, "en", "es",
                        TranslationUnit.ALL_LANGUAGES, now, false),
                DocumentAligner.unit("The lift is out of order.", "El ascensor no funciona.", 0.9, "en", "es",
                        TranslationUnit.ALL_LANGUAGES, now, false)), "alignment of doc-a and doc-b", "doc-a");
        jdbc.sql("INSERT INTO tm_alignment_unit (alignment_id, unit_id) SELECT ?, id FROM tm_unit WHERE document_id = 'doc-a'")
                .param(alignment).update();
        // A translator's memory holds one of the aligned units.
        TmImportResult imported = memory.importTmx(write("translator.tmx",
                tmx(tu("The map room is upstairs.", "es", "La mapoteca está arriba."))));
        assertThat(imported.merged()).isEqualTo(1);

        aligner.removeAlignedContent(alignment);

        assertThat(memory.exactTranslations("The map room is upstairs.", "en", "es")).containsExactly("La mapoteca está arriba.");
        assertThat(memory.exactTranslations("The lift is out of order.", "en", "es")).isEmpty();
    }

    @Test
    void theFuzzyIndexIsKeptInTheWorkingFolderAndRebuiltWhenStaleOrDamaged(@Autowired PuenteProperties properties)
            throws Exception {
        memory.importTmx(write("kept.tmx", tmx(tu("The periodicals room closes early on Saturdays.", "es",
                "La hemeroteca cierra temprano los sábados."))));
        String query = "The periodicals room closes early on Sundays.";
        List<TmMatch> first = lookup.lookup(query, "en", "es", 75, 3);
        Path file = work.resolve("state").resolve("index").resolve("fuzzy-en.bin");
        assertThat(file).isRegularFile();

        // Another process (a new lookup) reads the kept index instead of building one.
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
        assertThat(new TmLookup(jdbc, properties).lookup(query, "en", "es", 75, 3)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);

        // Damaged: rebuilt from the memory, same answers.
        Files.write(file, new byte[] {1, 2, 3});
        assertThat(new TmLookup(jdbc, properties).lookup(query, "en", "es", 75, 3)).isEqualTo(first);
        assertThat(Files.size(file)).isGreaterThan(3);

        // The memory grew: the kept index is stale and built again with the new unit.
        memory.importTmx(write("grown.tmx", tmx(tu("The periodicals room closes early on Sundays.", "es",
                "La hemeroteca cierra temprano los domingos."))));
        assertThat(new TmLookup(jdbc, properties).lookup(query, "en", "es", 75, 1))
                .singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo(TmMatch.Kind.EXACT));
    }
}
