package org.puente.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.memory.TmSegment.Code;
import org.puente.memory.TmSegment.CodeType;
import org.puente.memory.TmSegment.Part;
import org.puente.memory.TmSegment.Text;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class TmxWriterTest {

    @TempDir
    Path dir;

    private final TmxReader reader = new TmxReader();

    // --- helpers ---

    private List<TranslationUnit> readAll(Path file) throws IOException {
        List<TranslationUnit> units = new ArrayList<>();
        reader.read(file, units::add);
        return units;
    }

    private Path writeAll(String name, TmxHeader header, List<TranslationUnit> units) throws IOException {
        Path target = dir.resolve(name);
        try (TmxWriter out = new TmxWriter(target, header)) {
            for (TranslationUnit u : units) {
                out.write(u);
            }
            out.commit();
        }
        return target;
    }

    private Path source(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static Path dtd() {
        try {
            return Path.of(TmxWriterTest.class.getResource("/tmx/tmx14.dtd").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Validates against the TMX 1.4 DTD with the JDK's validating SAX parser (the DOCTYPE's
     * tmx14.dtd resolved to the test resource) and, when it is installed, with xmllint.
     */
    private static void assertValidAgainstDtd(Path file) throws IOException {
        assertThat(dtdErrors(file)).as("DTD validation of " + file + ":\n" + Files.readString(file)).isEmpty();
        String xmllint = xmllintErrors(file);
        assertThat(xmllint).as("xmllint --dtdvalid " + file + ":\n" + Files.readString(file)).isEmpty();
    }

    private static List<String> dtdErrors(Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setValidating(true);
            factory.setNamespaceAware(false);
            XMLReader xml = factory.newSAXParser().getXMLReader();
            xml.setEntityResolver((publicId, systemId) -> {
                if (systemId != null && systemId.endsWith("tmx14.dtd")) {
                    InputSource in = new InputSource(Files.newInputStream(dtd()));
                    in.setSystemId(dtd().toUri().toString());
                    return in;
                }
                throw new SAXException("unexpected external entity " + systemId);
            });
            xml.setErrorHandler(new DefaultHandler() {
                @Override
                public void warning(SAXParseException e) {
                    errors.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            });
            xml.parse(new InputSource(file.toUri().toString()));
        } catch (SAXException | ParserConfigurationException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    /** xmllint's complaints, or "" when it accepts the file or is not installed (CI installs libxml2-utils). */
    private static String xmllintErrors(Path file) throws IOException {
        Path xmllint = onPath("xmllint");
        if (xmllint == null) {
            return "";
        }
        Process p = new ProcessBuilder(xmllint.toString(), "--noout", "--nonet", "--dtdvalid", dtd().toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "xmllint did not finish in 60 s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return p.exitValue() == 0 && !output.contains("validity error") ? "" : "exit " + p.exitValue() + ": " + output;
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static TranslationUnit unit(String tuid, String source, TranslationVariant... variants) {
        return new TranslationUnit(tuid, source, null, null, null, null, null, null, null, List.of(variants));
    }

    private static Code code(CodeType type, Map<String, String> attributes, Part... content) {
        return new Code(type, attributes, List.of(content));
    }

    private static final String RICH_TMX = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
            <header creationtool="OmegaT" creationtoolversion="6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="EN" datatype="plaintext">
              <note>Federation glossary</note>
              <prop type="x-project">IFLA LAC</prop>
            </header>
            <body>
            <tu tuid="1" creationdate="20210315T101500Z" creationid="GLOBAL\\ana" changedate="20220101T000000Z" changeid="beto" usagecount="3" lastusagedate="20230505T120000Z" segtype="sentence">
              <note>From the 2021 annual report</note>
              <prop type="x-puente-document">d-000123</prop>
              <prop type="x-puente-origin">alignment</prop>
              <prop type="x-puente-origin">import</prop>
              <tuv xml:lang="en" usagecount="2">
                <seg>Click <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> <ph x="2" type="image" assoc="p">&lt;img alt="<sub type="alt" datatype="html">Logo of the <bpt i="7">&lt;i></bpt>&amp;<ept i="7">&lt;/i></ept> library</sub>"/&gt;</ph> <it pos="begin" x="3" type="italic">&lt;i&gt;</it>and <hi type="emphasis" x="4">this <ph x="5"/>one <hi>nested</hi></hi>. <ut x="6">{\\b}</ut>"quoted" &amp; &lt;escaped&gt;</seg>
              </tuv>
              <tuv xml:lang="es-419" creationdate="20210316T080000Z" creationid="carla" changedate="20210317T090000Z" changeid="dora">
                <note>Revisado</note>
                <prop type="x-context">intro.odt</prop>
                <seg>Haga clic <bpt i="1" x="1">&lt;b&gt;</bpt>aquí<ept i="1">&lt;/b&gt;</ept>  y  <it pos="end">&lt;/i&gt;</it>listo.</seg>
              </tuv>
              <tuv xml:lang="pt-br"><seg>Clique <bpt i="1">&lt;b&gt;</bpt>aqui<ept i="1">&lt;/b&gt;</ept></seg></tuv>
            </tu>
            <tu srclang="pt-BR">
              <tuv xml:lang="pt-BR"><seg>Empréstimo entre bibliotecas</seg></tuv>
              <tuv xml:lang="es-ES"><seg>Préstamo interbibliotecario</seg></tuv>
            </tu>
            <tu srclang="*all*"><tuv xml:lang="en"><seg>Reading room</seg></tuv><tuv xml:lang="pt-PT"><seg>Sala de leitura</seg></tuv></tu>
            </body>
            </tmx>
            """;

    // --- round trip ---

    @Test
    void unitsReadWrittenAndReadAgainAreEqualWithCodesPropsNotesDatesAndRegionalTags() throws IOException {
        Path original = source("original.tmx", RICH_TMX);
        List<TranslationUnit> units = new ArrayList<>();
        TmxSummary first = reader.read(original, units::add);
        assertThat(units).hasSize(3);

        Path written = writeAll("written.tmx", first.header(), units);
        assertValidAgainstDtd(written);

        List<TranslationUnit> again = new ArrayList<>();
        TmxSummary second = reader.read(written, again::add);
        assertThat(again).isEqualTo(units);
        assertThat(second.header().sourceLanguage()).isEqualTo("en");
        assertThat(second.header().creationTool()).isEqualTo("OmegaT");
        assertThat(second.header().props()).isEqualTo(first.header().props());
        assertThat(second.header().notes()).isEqualTo(first.header().notes());
        assertThat(second.languages()).containsExactly("en", "es-419", "es-ES", "pt-BR", "pt-PT");
        assertThat(second.version()).isEqualTo("1.4");

        // what was checked is really there
        TranslationUnit u = again.get(0);
        assertThat(u.creationDate()).isEqualTo(Instant.parse("2021-03-15T10:15:00Z"));
        assertThat(u.creationId()).isEqualTo("GLOBAL\\ana");
        assertThat(u.props("x-puente-origin")).containsExactly("alignment", "import");
        assertThat(u.variant("es-419").orElseThrow().changeId()).isEqualTo("dora");
        assertThat(u.source().orElseThrow().segment().codes()).extracting(Code::type).containsExactly(
                CodeType.BPT, CodeType.EPT, CodeType.PH, CodeType.IT, CodeType.HI, CodeType.PH, CodeType.HI, CodeType.HI, CodeType.HI, CodeType.UT);
        assertThat(again.get(1).sourceLanguage()).isEqualTo("pt-BR");
        assertThat(again.get(2).sourceLanguage()).isEqualTo(TranslationUnit.ALL_LANGUAGES);

        // a second round gives the same bytes: nothing drifts from one export to the next
        Path rewritten = writeAll("rewritten.tmx", second.header(), again);
        assertThat(Files.readString(rewritten)).isEqualTo(Files.readString(written));
    }

    @Test
    void writesUtf8WithoutBomDeclarationDoctypeAndTmx14() throws IOException {
        Path file = writeAll("plain.tmx", TmxWriter.header("es", "0.1.0"),
                List.of(unit("1", "es", TranslationVariant.of("es", TmSegment.of("Préstamo ñ")), TranslationVariant.of("en", TmSegment.of("Loan")))));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) '<');
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n");
        assertThat(text).contains("<header creationtool=\"Puente\" creationtoolversion=\"0.1.0\" segtype=\"sentence\" o-tmf=\"Puente\" "
                + "adminlang=\"en\" srclang=\"es\" datatype=\"plaintext\"/>");
        assertThat(text).contains("Préstamo ñ");
        assertThat(text).doesNotContain("srclang=\"es\">"); // the unit's srclang equals the header's: not repeated
        assertValidAgainstDtd(file);
    }

    @Test
    void aUnitWhoseSourceDiffersFromTheHeaderSaysSoAndAllWorksBothWays() throws IOException {
        List<TranslationUnit> units = List.of(
                unit("a", "en", TranslationVariant.of("en", TmSegment.of("Library")), TranslationVariant.of("es", TmSegment.of("Biblioteca"))),
                unit("b", "es", TranslationVariant.of("es", TmSegment.of("Archivo")), TranslationVariant.of("pt", TmSegment.of("Arquivo"))));
        Path all = writeAll("all.tmx", TmxWriter.header(TranslationUnit.ALL_LANGUAGES, "1"), units);
        Path en = writeAll("en.tmx", TmxWriter.header("en", "1"), units);
        assertValidAgainstDtd(all);
        assertValidAgainstDtd(en);
        assertThat(Files.readString(all)).contains("srclang=\"*all*\"").contains("<tu tuid=\"a\" srclang=\"en\">")
                .contains("<tu tuid=\"b\" srclang=\"es\">");
        assertThat(Files.readString(en)).contains("<tu tuid=\"a\">").contains("<tu tuid=\"b\" srclang=\"es\">");
        assertThat(readAll(all)).isEqualTo(units);
        assertThat(readAll(en)).isEqualTo(units);
    }

    @Test
    void datesAreWrittenInTmxFormToTheSecondAndCarriageReturnsSurvive() throws IOException {
        Instant created = Instant.parse("2024-01-31T15:45:00.789Z");
        TranslationUnit u = new TranslationUnit("1", "en", created, "ana\tb", Instant.parse("2025-12-01T00:00:00Z"), "beto",
                null, List.of(new TmProp("x-note", "line one\r\nline two")), List.of("a\rb\nc"),
                List.of(TranslationVariant.of("en", TmSegment.of("one\r\ntwo")), TranslationVariant.of("es", TmSegment.of("uno"))));
        Path file = writeAll("dates.tmx", TmxWriter.header("en", "1"), List.of(u));
        assertThat(Files.readString(file)).contains("creationdate=\"20240131T154500Z\"").contains("changedate=\"20251201T000000Z\"");
        assertValidAgainstDtd(file);
        TranslationUnit back = readAll(file).get(0);
        assertThat(back.creationDate()).isEqualTo(Instant.parse("2024-01-31T15:45:00Z"));
        assertThat(back.creationId()).isEqualTo("ana\tb");
        assertThat(back.notes()).containsExactly("a\rb\nc");
        assertThat(back.props()).containsExactly(new TmProp("x-note", "line one\r\nline two"));
        assertThat(back.source().orElseThrow().segment().plainText()).isEqualTo("one\r\ntwo");
    }

    // --- the DTD ---

    @Test
    void everyInlineCodeIsWrittenWithOnlyTheAttributesTheDtdAllows() throws IOException {
        Map<String, String> bptAttributes = new LinkedHashMap<>();
        bptAttributes.put("x", "1");
        bptAttributes.put("type", "bold");
        bptAttributes.put("ctype", "x-bold"); // XLIFF's, not TMX's
        TmSegment segment = new TmSegment(List.of(
                new Text("A "),
                code(CodeType.BPT, bptAttributes, new Text("<b>")),      // no i: the DTD requires one
                new Text("bold"),
                code(CodeType.EPT, Map.of("x", "1"), new Text("</b>")),  // x is not declared for ept, i is missing
                new Text(" "),
                code(CodeType.PH, Map.of("i", "9", "x", "2"), new Text("<br/>")),
                code(CodeType.IT, Map.of("x", "3"), new Text("</i>")),   // no pos: a closing tag ends
                code(CodeType.IT, Map.of("pos", "Begin"), new Text("<u>")),
                code(CodeType.UT, Map.of("x", "4", "type", "rtf"), new Text("{\\b}")),
                code(CodeType.HI, Map.of("type", "term", "id", "h1"), new Text("term"),
                        code(CodeType.PH, Map.of(), new Text("<img alt=\""),
                                code(CodeType.SUB, Map.of("type", "alt", "datatype", "html", "xid", "z"), new Text("alt "),
                                        code(CodeType.BPT, Map.of("i", "1"), new Text("<i>")), new Text("text"),
                                        code(CodeType.EPT, Map.of("i", "1"), new Text("</i>"))),
                                new Text("\"/>"))),
                new Text(".")));
        TranslationUnit u = unit("codes", "en", TranslationVariant.of("en", segment), TranslationVariant.of("pt-BR", TmSegment.of("Um texto.")));
        Path target = dir.resolve("codes.tmx");
        try (TmxWriter out = new TmxWriter(target, TmxWriter.header("en", "1"))) {
            out.write(u);
            out.commit();
            assertThat(out.droppedAttributes()).isEqualTo(6); // ctype, ept x, ph i, ut type, hi id, sub xid
            assertThat(out.repairedCodes()).isEqualTo(4);     // bpt i, ept i, it pos (missing), it pos (Begin)
            assertThat(out.strippedCharacters()).isZero();
        }
        assertValidAgainstDtd(target);

        TmSegment back = readAll(target).get(0).source().orElseThrow().segment();
        assertThat(back.plainText()).isEqualTo(segment.plainText());
        List<Code> codes = back.codes();
        assertThat(codes.get(0).attributes()).containsEntry("i", "2").doesNotContainKey("ctype"); // 1 is taken by the sub's bpt
        assertThat(codes.get(1).attributes()).containsExactly(Map.entry("i", "2"));
        assertThat(codes.get(3).attributes()).containsEntry("pos", "end");
        assertThat(codes.get(4).attributes()).containsEntry("pos", "begin");
        assertThat(codes.get(5).attributes()).containsExactly(Map.entry("x", "4"));
    }

    @Test
    void anEmptyMemoryIsAValidFile() throws IOException {
        Path file = writeAll("empty.tmx", TmxWriter.header("en", "1"), List.of());
        assertValidAgainstDtd(file);
        TmxSummary summary = reader.read(file, u -> fail("no unit expected"));
        assertThat(summary.units()).isZero();
    }

    @Test
    void aUnitWhoseOnlyVariantIsTheSourceIsValid() throws IOException {
        List<TranslationUnit> units = List.of(unit("lonely", "pt-BR", TranslationVariant.of("pt-BR", TmSegment.of("Sem tradução ainda"))));
        Path file = writeAll("lonely.tmx", TmxWriter.header("es", "1"), units);
        assertValidAgainstDtd(file);
        assertThat(readAll(file)).isEqualTo(units);
    }

    @Test
    void aThousandUnitsAreValidAndReadBackEqual() throws IOException {
        List<TranslationUnit> units = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant when = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 3600L);
            String language = i % 2 == 0 ? "es-419" : "pt-BR";
            units.add(new TranslationUnit("u" + i, "en", when, "importer", null, null, Map.of("usagecount", Integer.toString(i)),
                    List.of(new TmProp("x-puente-document", "d-" + (i % 37)), new TmProp("x-puente-origin", "import")), List.of(),
                    List.of(TranslationVariant.of("en", new TmSegment(List.of(new Text("Sentence " + i + " with "),
                                    code(CodeType.BPT, Map.of("i", "1"), new Text("<b>")), new Text("bold"),
                                    code(CodeType.EPT, Map.of("i", "1"), new Text("</b>")), new Text(" text.")))),
                            TranslationVariant.of(language, TmSegment.of("Frase " + i + ".")))));
        }
        Path file = writeAll("thousand.tmx", TmxWriter.header("en", "1"), units);
        assertValidAgainstDtd(file);
        assertThat(readAll(file)).isEqualTo(units);
    }

    // --- control characters ---

    @Test
    void controlCharactersInEveryFieldAreStrippedCountedAndTheFileStaysValidAndReadable() throws IOException {
        String bad = "\f\u0001\uFFFE\uD800"; // 4 forbidden characters: form feed, SOH, a non-character, a lone surrogate
        TmxHeader header = new TmxHeader("1.4", "en", "Puente", "1" + bad, Map.of("adminlang", "en" + bad),
                List.of(new TmProp("x-h" + bad, "v" + bad)), List.of("header note" + bad));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("usagecount", "7" + bad);
        attributes.put("x-custom", "not in the DTD");
        TmSegment segment = new TmSegment(List.of(new Text("Page" + bad + " one "),
                code(CodeType.BPT, Map.of("i", "1" + bad, "type", "b" + bad), new Text("<b" + bad + ">")),
                new Text("two"),
                code(CodeType.EPT, Map.of("i", "1"), new Text("</b>")),
                code(CodeType.HI, Map.of("type", "t"), new Text("hi" + bad))));
        TranslationVariant en = new TranslationVariant("en", null, "cid" + bad, null, "chid" + bad, Map.of("datatype", "plain" + bad),
                List.of(new TmProp("x-v" + bad, "pv" + bad)), List.of("variant note" + bad), segment);
        TranslationUnit u = new TranslationUnit("id" + bad, "en", null, "who" + bad, null, "other" + bad, attributes,
                List.of(new TmProp("x-puente-document" + bad, "d-1" + bad)), List.of("unit note" + bad),
                List.of(en, TranslationVariant.of("es", TmSegment.of(bad + "Página\f uno" + bad))));

        Path target = dir.resolve("controls.tmx");
        try (TmxWriter out = new TmxWriter(target, header)) {
            out.write(u);
            out.commit();
            // header: version, adminlang, prop type, prop value, note = 5 fields; unit: tuid, creationid, changeid,
            // usagecount, prop type, prop value, note = 7; en variant: creationid, changeid, datatype, prop type, prop value,
            // note = 6; segment: text, bpt i, bpt type, native code, hi text = 5; es: twice, plus one \f
            assertThat(out.strippedCharacters()).isEqualTo((5 + 7 + 6 + 5 + 2) * 4L + 1);
            assertThat(out.droppedAttributes()).isEqualTo(1);
        }
        String text = Files.readString(target);
        for (char c : new char[] {'\f', '\u0001', '\uFFFE', '\uD800'}) {
            assertThat(text.indexOf(c)).as("U+%04X", (int) c).isNegative();
        }
        assertValidAgainstDtd(target);

        List<TranslationUnit> back = new ArrayList<>();
        TmxSummary summary = reader.read(target, back::add);
        assertThat(summary.strippedCharacters()).isZero();
        assertThat(summary.header().creationToolVersion()).isEqualTo("1");
        assertThat(summary.header().props()).containsExactly(new TmProp("x-h", "v"));
        TranslationUnit r = back.get(0);
        assertThat(r.tuid()).isEqualTo("id");
        assertThat(r.creationId()).isEqualTo("who");
        assertThat(r.attributes()).containsExactly(Map.entry("usagecount", "7"));
        assertThat(r.props()).containsExactly(new TmProp("x-puente-document", "d-1"));
        assertThat(r.notes()).containsExactly("unit note");
        TranslationVariant rEn = r.variant("en").orElseThrow();
        assertThat(rEn.creationId()).isEqualTo("cid");
        assertThat(rEn.attributes()).containsExactly(Map.entry("datatype", "plain"));
        assertThat(rEn.segment().plainText()).isEqualTo("Page one twohi");
        assertThat(rEn.segment().codes().get(0).nativeCode()).isEqualTo("<b>");
        assertThat(rEn.segment().codes().get(0).attributes()).containsEntry("i", "1").containsEntry("type", "b");
        assertThat(r.variant("es").orElseThrow().segment().plainText()).isEqualTo("Página uno");
    }

    // --- atomic replace ---

    @Test
    void aFailureMidwayLeavesThePreviousFileUntouchedAndNoTemporaryFile() throws IOException {
        Path target = writeAll("memory.tmx", TmxWriter.header("en", "1"),
                List.of(unit("old", "en", TranslationVariant.of("en", TmSegment.of("Old")), TranslationVariant.of("es", TmSegment.of("Viejo")))));
        byte[] before = Files.readAllBytes(target);

        assertThatThrownBy(() -> {
            try (TmxWriter out = new TmxWriter(target, TmxWriter.header("en", "2"))) {
                for (int i = 0; i < 500; i++) {
                    out.write(unit("new" + i, "en", TranslationVariant.of("en", TmSegment.of("New " + i)), TranslationVariant.of("es", TmSegment.of("Nuevo"))));
                    if (i == 300) {
                        throw new IllegalStateException("the database went away");
                    }
                }
                out.commit();
            }
        }).hasMessage("the database went away");

        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void anExplicitAbortKeepsThePreviousFileAndAClosedWriterRefusesMore() throws IOException {
        Path target = dir.resolve("sub/dir/memory.tmx"); // folders are created
        TmxWriter out = new TmxWriter(target, TmxWriter.header("en", "1"));
        out.write(unit("1", "en", TranslationVariant.of("en", TmSegment.of("x"))));
        out.abort();
        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> out.write(unit("2", "en", TranslationVariant.of("en", TmSegment.of("y")))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(out::commit).isInstanceOf(IllegalStateException.class);
        out.close(); // harmless after abort
    }

    @Test
    void aRefusedUnitWritesNothingAndTheWriterGoesOn() throws IOException {
        Path target = dir.resolve("refused.tmx");
        try (TmxWriter out = new TmxWriter(target, TmxWriter.header("en", "1"))) {
            out.write(unit("1", "en", TranslationVariant.of("en", TmSegment.of("Kept")), TranslationVariant.of("es", TmSegment.of("Guardado"))));
            assertThatThrownBy(() -> out.write(unit("2", "en", TranslationVariant.of("es", TmSegment.of("Sin fuente")))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tuid=\"2\"").hasMessageContaining("no variant in its source language en");
            assertThatThrownBy(() -> out.write(unit("3", "en")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no variant");
            assertThatThrownBy(() -> out.write(unit("4", "en", TranslationVariant.of("en", TmSegment.of("a")),
                    new TranslationVariant("not a tag!", null, null, null, null, null, null, null, TmSegment.of("b")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a language tag");
            out.write(unit("5", "en", TranslationVariant.of("en-US", TmSegment.of("Also kept"))));
            out.commit();
            assertThat(out.unitsWritten()).isEqualTo(2);
        }
        assertValidAgainstDtd(target);
        assertThat(readAll(target)).extracting(TranslationUnit::tuid).containsExactly("1", "5");
    }

    @Test
    void committingReplacesTheTargetAndAHeaderWithoutSourceLanguageIsRefused() throws IOException {
        Path target = source("memory.tmx", "old content, not even TMX");
        try (TmxWriter out = new TmxWriter(target, TmxWriter.header("es", "1"))) {
            out.write(unit("1", "es", TranslationVariant.of("es", TmSegment.of("Nuevo"))));
            assertThat(Files.readString(target)).isEqualTo("old content, not even TMX"); // not before the commit
            out.commit();
        }
        assertThat(readAll(target)).hasSize(1);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            // the export is readable like any new file, not owner-only as a temporary file would be
            Path ordinary = Files.writeString(dir.resolve("ordinary.txt"), "x");
            assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        }
        assertThatThrownBy(() -> new TmxWriter(dir.resolve("x.tmx"), new TmxHeader("1.4", null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no source language");
        assertThat(dir.resolve("x.tmx")).doesNotExist();
    }

    @Test
    void theValidatorsRejectWhatTheDtdForbids() throws IOException {
        // guards the checks above: a tu without tuv, an ept with x and an it without pos must fail
        Path bad = source("bad.tmx", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE tmx SYSTEM "tmx14.dtd">
                <tmx version="1.4"><header creationtool="a" creationtoolversion="1" segtype="sentence" o-tmf="a" adminlang="en" srclang="en" datatype="plaintext"/>
                <body><tu><note>x</note></tu><tu><tuv xml:lang="en"><seg><ept i="1" x="1">&lt;/b></ept><it>x</it></seg></tuv></tu></body></tmx>
                """);
        assertThat(dtdErrors(bad)).hasSizeGreaterThanOrEqualTo(3).allMatch(e -> e.startsWith("line 4"));
        if (onPath("xmllint") != null) {
            assertThat(xmllintErrors(bad)).contains("tu").contains("ept").contains("pos");
        }
    }
}
