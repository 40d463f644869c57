package org.puente.memory;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.memory.TmSegment.Code;
import org.puente.memory.TmSegment.CodeType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TmxReaderTest {

    @TempDir
    Path dir;

    private final TmxReader reader = new TmxReader();

    private Path write(String name, String content) throws IOException {
        return write(name, content, StandardCharsets.UTF_8, new byte[0]);
    }

    private Path write(String name, String content, Charset charset, byte[] bom) throws IOException {
        Path file = dir.resolve(name);
        byte[] text = content.getBytes(charset);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        Files.write(file, all);
        return file;
    }

    private List<TranslationUnit> readAll(Path file) throws IOException {
        List<TranslationUnit> units = new ArrayList<>();
        reader.read(file, units::add);
        return units;
    }

    private static String tmx(String srclang, String units) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tmx version=\"1.4\">\n"
                + "<header creationtool=\"test\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"test\" adminlang=\"en\" srclang=\""
                + srclang + "\" datatype=\"plaintext\"/>\n"
                + "<body>\n" + units + "</body>\n</tmx>\n";
    }

    // --- what the usual tools write ---

    @Test
    void readsOmegaTStyleTmx14bAndNeverFetchesTheDtdItNames() throws IOException {
        // tmx14.dtd is not beside the file: reading must not try to load it
        Path file = write("omegat.tmx", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE tmx SYSTEM "tmx14.dtd">
                <tmx version="1.4">
                  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="6.0.0_0_1bf1729c" segtype="sentence" srclang="EN-US"/>
                  <body>
                <!-- Default translations -->
                    <tu>
                      <tuv xml:lang="EN-US">
                        <seg>The library opens at nine.</seg>
                      </tuv>
                      <tuv xml:lang="ES-ES" changeid="maria" changedate="20240131T154500Z" creationid="maria" creationdate="20240130T080000Z">
                        <prop type="x-context">intro.odt</prop>
                        <note>Checked by the section</note>
                        <seg>La biblioteca abre a las nueve.</seg>
                      </tuv>
                    </tu>
                  </body>
                </tmx>
                """);
        List<TranslationUnit> units = new ArrayList<>();
        TmxSummary summary = reader.read(file, units::add);

        assertThat(summary.version()).isEqualTo("1.4");
        assertThat(summary.header().sourceLanguage()).isEqualTo("en-US");
        assertThat(summary.header().creationTool()).isEqualTo("OmegaT");
        assertThat(summary.units()).isEqualTo(1);
        assertThat(summary.variants()).isEqualTo(2);
        assertThat(summary.languages()).containsExactly("en-US", "es-ES");
        assertThat(summary.strippedCharacters()).isZero();

        TranslationUnit unit = units.get(0);
        assertThat(unit.tuid()).isNull();
        assertThat(unit.sourceLanguage()).isEqualTo("en-US");
        assertThat(unit.source()).get().extracting(v -> v.segment().plainText()).isEqualTo("The library opens at nine.");
        TranslationVariant es = unit.variant("es").orElseThrow();
        assertThat(es.language()).isEqualTo("es-ES");
        assertThat(es.changeId()).isEqualTo("maria");
        assertThat(es.changeDate()).isEqualTo(Instant.parse("2024-01-31T15:45:00Z"));
        assertThat(es.creationDate()).isEqualTo(Instant.parse("2024-01-30T08:00:00Z"));
        assertThat(es.props()).containsExactly(new TmProp("x-context", "intro.odt"));
        assertThat(es.notes()).containsExactly("Checked by the section");
        assertThat(es.segment().plainText()).isEqualTo("La biblioteca abre a las nueve.");
    }

    @Test
    void readsTradosStyleUnitsWithDatesIdsAndRepeatedProps() throws IOException {
        Path file = write("trados.tmx", """
                <?xml version="1.0" encoding="utf-8"?>
                <tmx version="1.4">
                <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US">
                <prop type="x-Recognizers">RecognizeAll</prop>
                </header>
                <body>
                <tu creationdate="20210315T101500Z" creationid="GLOBAL\\translator1" changedate="20220101T000000Z" changeid="GLOBAL\\reviewer" lastusagedate="20230505T120000Z" usagecount="3" tuid="42">
                <prop type="x-Client:SingleString">IFLA LAC</prop>
                <prop type="x-Domain:MultiplePicklist">Libraries</prop>
                <prop type="x-Domain:MultiplePicklist">Archives</prop>
                <tuv xml:lang="en-US"><seg>Interlibrary loan</seg></tuv>
                <tuv xml:lang="pt-BR"><seg>Empréstimo entre bibliotecas</seg></tuv>
                </tu>
                </body>
                </tmx>
                """);
        List<TranslationUnit> units = new ArrayList<>();
        TmxSummary summary = reader.read(file, units::add);

        assertThat(summary.header().props()).containsExactly(new TmProp("x-Recognizers", "RecognizeAll"));
        TranslationUnit unit = units.get(0);
        assertThat(unit.tuid()).isEqualTo("42");
        assertThat(unit.creationDate()).isEqualTo(Instant.parse("2021-03-15T10:15:00Z"));
        assertThat(unit.creationId()).isEqualTo("GLOBAL\\translator1");
        assertThat(unit.changeDate()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(unit.changeId()).isEqualTo("GLOBAL\\reviewer");
        assertThat(unit.attributes()).containsEntry("usagecount", "3").containsEntry("lastusagedate", "20230505T120000Z");
        assertThat(unit.props()).extracting(TmProp::type)
                .containsExactly("x-Client:SingleString", "x-Domain:MultiplePicklist", "x-Domain:MultiplePicklist");
        assertThat(unit.props("x-Domain:MultiplePicklist")).containsExactly("Libraries", "Archives");
        assertThat(unit.variant("pt-BR").orElseThrow().segment().plainText()).isEqualTo("Empréstimo entre bibliotecas");
    }

    @Test
    void readsTmx11FilesThatUseLangInsteadOfXmlLang() throws IOException {
        Path file = write("old.tmx", """
                <?xml version="1.0"?>
                <!DOCTYPE tmx SYSTEM "tmx11.dtd">
                <tmx version="version 1.1">
                <header creationtool="Old tool" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="EN" srclang="EN" datatype="plaintext"></header>
                <body>
                <tu tuid="1"><tuv lang="EN"><seg>Save <ut>{\\b}</ut>now</seg></tuv><tuv lang="PT-PT"><seg>Guardar <ut>{\\b}</ut>agora</seg></tuv></tu>
                </body>
                </tmx>
                """);
        List<TranslationUnit> units = new ArrayList<>();
        TmxSummary summary = reader.read(file, units::add);

        assertThat(summary.version()).isEqualTo("version 1.1");
        assertThat(summary.languages()).containsExactly("en", "pt-PT");
        TmSegment pt = units.get(0).variant("pt-PT").orElseThrow().segment();
        assertThat(pt.plainText()).isEqualTo("Guardar agora");
        assertThat(pt.codes()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(CodeType.UT);
            assertThat(c.nativeCode()).isEqualTo("{\\b}");
        });
    }

    @Test
    void keepsInlineCodesWithAttributesAndContentAndWritesThemBack() throws IOException {
        String seg = "Click <bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>here<ept i=\"1\">&lt;/b&gt;</ept> "
                + "<ph x=\"2\" type=\"image\">&lt;img alt=\"<sub>Logo of the &amp; library</sub>\"/&gt;</ph> "
                + "<it pos=\"begin\" x=\"3\" type=\"italic\">&lt;i&gt;</it>and <hi type=\"emphasis\" x=\"4\">this <ph x=\"5\"/>one</hi>.";
        Path file = write("codes.tmx", tmx("en", "<tu><tuv xml:lang=\"en\"><seg>" + seg + "</seg></tuv>"
                + "<tuv xml:lang=\"es\"><seg>Haga clic <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>aquí<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv></tu>\n"));
        TmSegment segment = readAll(file).get(0).source().orElseThrow().segment();

        assertThat(segment.plainText()).isEqualTo("Click here  and this one.");
        assertThat(segment.hasCodes()).isTrue();

        List<Code> codes = segment.codes();
        assertThat(codes).extracting(Code::type).containsExactly(
                CodeType.BPT, CodeType.EPT, CodeType.PH, CodeType.IT, CodeType.HI, CodeType.PH, CodeType.HI);
        Code bpt = codes.get(0);
        assertThat(bpt.attributes()).containsExactly(
                java.util.Map.entry("i", "1"), java.util.Map.entry("x", "1"), java.util.Map.entry("type", "bold"));
        assertThat(bpt.nativeCode()).isEqualTo("<b>");
        Code image = codes.get(2);
        assertThat(image.content()).hasSize(3);
        assertThat(image.content().get(1)).isInstanceOfSatisfying(Code.class, sub -> {
            assertThat(sub.type()).isEqualTo(CodeType.SUB);
            assertThat(new TmSegment(sub.content()).plainText()).isEqualTo("Logo of the & library");
        });
        assertThat(codes.get(3).attribute("pos")).isEqualTo("begin");
        assertThat(codes.get(4)).isSameAs(codes.get(6)); // hi: opening and closing markers, one code

        char o = TmSegment.MARKER_OPENING;
        char c = TmSegment.MARKER_CLOSING;
        char p = TmSegment.MARKER_ISOLATED;
        assertThat(segment.codedText()).isEqualTo("Click " + o + idx(0) + "here" + c + idx(1) + " " + p + idx(2) + " "
                + p + idx(3) + "and " + o + idx(4) + "this " + p + idx(5) + "one" + c + idx(6) + ".");

        // written back: the same markup, which reads back into the same segment
        assertThat(segment.toXml()).isEqualTo(seg);
        Path again = write("again.tmx", tmx("en", "<tu><tuv xml:lang=\"en\"><seg>" + segment.toXml() + "</seg></tuv></tu>\n"));
        assertThat(readAll(again).get(0).source().orElseThrow().segment()).isEqualTo(segment);
    }

    private static char idx(int i) {
        return (char) (TmSegment.INDEX_BASE + i);
    }

    @Test
    void readsUtf16LittleAndBigEndianWithByteOrderMark() throws IOException {
        String content = """
                <?xml version="1.0" encoding="UTF-16"?>
                <tmx version="1.4"><header srclang="es" creationtool="memoQ" creationtoolversion="9" segtype="sentence" o-tmf="memoQTM" adminlang="en" datatype="unknown"/>
                <body><tu><tuv xml:lang="es-419"><seg>Préstamo a domicilio: ¿cuántos libros? \uD83D\uDCDA</seg></tuv><tuv xml:lang="pt-BR"><seg>Empréstimo domiciliar: quantos livros?</seg></tuv></tu></body></tmx>
                """;
        Path le = write("le.tmx", content, StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE});
        Path be = write("be.tmx", content, StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF});
        Path utf8Bom = write("bom.tmx", content.replace("UTF-16", "UTF-8"), StandardCharsets.UTF_8,
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

        for (Path file : List.of(le, be, utf8Bom)) {
            List<TranslationUnit> units = new ArrayList<>();
            TmxSummary summary = reader.read(file, units::add);
            assertThat(summary.languages()).as(file.toString()).containsExactly("es-419", "pt-BR");
            assertThat(units.get(0).source().orElseThrow().segment().plainText())
                    .isEqualTo("Préstamo a domicilio: ¿cuántos libros? \uD83D\uDCDA");
            assertThat(summary.strippedCharacters()).isZero();
        }
        assertThat(reader.read(le, u -> { }).charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(reader.read(be, u -> { }).charset()).isEqualTo(StandardCharsets.UTF_16BE);
    }

    @Test
    void readsLatin1WhenTheDeclarationSaysSo() throws IOException {
        Path file = write("latin1.tmx", tmx("es", "<tu><tuv xml:lang=\"es\"><seg>Catálogo</seg></tuv></tu>\n")
                .replace("UTF-8", "ISO-8859-1"), StandardCharsets.ISO_8859_1, new byte[0]);
        assertThat(readAll(file).get(0).source().orElseThrow().segment().plainText()).isEqualTo("Catálogo");
    }

    @Test
    void normalizesMixedCaseAndUnderscoredLanguageCodes() throws IOException {
        Path file = write("case.tmx", tmx("EN-us", """
                <tu><tuv xml:lang="en-US"><seg>a</seg></tuv><tuv xml:lang="pt_br"><seg>b</seg></tuv><tuv xml:lang="ES-419"><seg>c</seg></tuv><tuv xml:lang="Pt-pT"><seg>d</seg></tuv><tuv xml:lang="es-es"><seg>e</seg></tuv></tu>
                """));
        List<TranslationUnit> units = new ArrayList<>();
        TmxSummary summary = reader.read(file, units::add);
        assertThat(summary.header().sourceLanguage()).isEqualTo("en-US");
        assertThat(units.get(0).variants()).extracting(TranslationVariant::language)
                .containsExactly("en-US", "pt-BR", "es-419", "pt-PT", "es-ES");

        assertThat(LanguageTags.normalize("EN-us")).isEqualTo("en-US");
        assertThat(LanguageTags.normalize("pt_br")).isEqualTo("pt-BR");
        assertThat(LanguageTags.normalize("es-419")).isEqualTo("es-419");
        assertThat(LanguageTags.normalize("ZH-hant-tw")).isEqualTo("zh-Hant-TW");
        assertThat(LanguageTags.normalize("x-Klingon")).isEqualTo("x-klingon");
        assertThatThrownBy(() -> LanguageTags.normalize(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> LanguageTags.normalize("en--US")).hasMessageContaining("not a language tag");
    }

    @Test
    void sourceLanguageAllAcceptsUnitsInAnyLanguageAndAUnitMayOverrideTheHeader() throws IOException {
        Path file = write("all.tmx", tmx("*all*", """
                <tu><tuv xml:lang="es"><seg>uno</seg></tuv><tuv xml:lang="pt"><seg>um</seg></tuv></tu>
                <tu srclang="pt"><tuv xml:lang="pt"><seg>dois</seg></tuv><tuv xml:lang="es"><seg>dos</seg></tuv></tu>
                """));
        List<TranslationUnit> units = readAll(file);
        assertThat(units.get(0).sourceLanguage()).isEqualTo(TranslationUnit.ALL_LANGUAGES);
        assertThat(units.get(0).source()).isEmpty();
        assertThat(units.get(1).source().orElseThrow().segment().plainText()).isEqualTo("dois");
    }

    @Test
    void aRegionlessHeaderAcceptsRegionalSourceVariants() throws IOException {
        Path file = write("region.tmx", tmx("en", "<tu><tuv xml:lang=\"en-GB\"><seg>colour</seg></tuv><tuv xml:lang=\"es\"><seg>color</seg></tuv></tu>\n"));
        assertThat(readAll(file).get(0).source().orElseThrow().language()).isEqualTo("en-GB");
    }

    // --- characters XML forbids ---

    @Test
    void stripsAndCountsControlCharactersXmlForbids() throws IOException {
        String units = "<tu><prop type=\"x-file\">page\f2</prop><tuv xml:lang=\"en\"><seg>First\u000Cpage\u0001 &#12;end&#x1F;\ttab</seg></tuv>\n"
                + "<tuv xml:lang=\"es\" creationid=\"a&#11;b\"><seg><![CDATA[literal &#12; stays]]></seg></tuv></tu>\n";
        Path file = write("controls.tmx", tmx("en", units));
        List<TranslationUnit> read = new ArrayList<>();
        TmxSummary summary = reader.read(file, read::add);

        TranslationUnit unit = read.get(0);
        assertThat(unit.props()).containsExactly(new TmProp("x-file", "page2"));
        assertThat(unit.source().orElseThrow().segment().plainText()).isEqualTo("Firstpage end\ttab");
        assertThat(unit.variant("es").orElseThrow().creationId()).isEqualTo("ab");
        assertThat(unit.variant("es").orElseThrow().segment().plainText()).isEqualTo("literal &#12; stays");
        assertThat(summary.strippedCharacters()).isEqualTo(6);
        assertThat(summary.firstStrippedLine()).isEqualTo(5);
    }

    @Test
    void segmentsBuiltFromExtractedTextNeverWriteForbiddenCharacters() {
        TmSegment fromPdf = TmSegment.of("Chapter 1\fIntroduction\u0000 & \"more\"\r\n");
        assertThat(fromPdf.toXml()).isEqualTo("Chapter 1Introduction &amp; \"more\"&#13;\n");
        assertThat(XmlCharacters.strip("a\u0007b\uD800c\uD83D\uDCDAd\uFFFE")).isEqualTo("abc\uD83D\uDCDAd");
    }

    // --- hostile and broken files ---

    @Test
    void refusesExternalEntitiesWithoutReadingTheFileTheyPointTo() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET-CONTENT");
        Path file = write("xxe.tmx", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE tmx [\n  <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">\n]>\n"
                + tmx("en", "<tu><tuv xml:lang=\"en\"><seg>&xxe;</seg></tuv></tu>\n").substring(tmx("en", "").indexOf("<tmx")));
        List<TranslationUnit> units = new ArrayList<>();
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, units::add), TmxFormatException.class);

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("declares entities").contains("XXE");
        assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
        assertThat(units).isEmpty();
    }

    @Test
    void refusesParameterEntitiesToo() throws IOException {
        Path file = write("param.tmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote;]>\n"
                + "<tmx version=\"1.4\"><header srclang=\"en\"/><body/></tmx>\n");
        assertThatThrownBy(() -> reader.read(file, u -> { }))
                .isInstanceOf(TmxFormatException.class).hasMessageContaining("declares entities");
    }

    @Test
    void neverFetchesAnExternalDtd() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tmx14.dtd";
            Path file = write("remote-dtd.tmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx PUBLIC \"-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN\" \""
                    + url + "\">\n" + tmx("en", "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu>\n").substring(tmx("en", "").indexOf("<tmx")));
            assertThat(reader.read(file, u -> { }).units()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusesBillionLaughsQuickly() throws IOException {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            String prev = i == 1 ? "lol" : "lol" + (i - 1);
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>&lol9;</seg></tuv></tu></body></tmx>\n");
        Path file = write("lol.tmx", dtd.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> reader.read(file, u -> { }))
                        .isInstanceOf(TmxFormatException.class)
                        .hasMessageContaining("declares entities"));
    }

    @Test
    void refusesAFileWhoseRootIsNotTmx() throws IOException {
        Path file = write("xliff.tmx", "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file/></xliff>\n");
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, u -> { }), TmxFormatException.class);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("<xliff>").contains("not a TMX file");
    }

    @Test
    void reportsMalformedXmlWithItsLine() throws IOException {
        Path file = write("broken.tmx", tmx("en", """
                <tu><tuv xml:lang="en"><seg>one</seg></tuv></tu>
                <tu><tuv xml:lang="en"><seg>two</seg></tuv></tu>
                <tu><tuv xml:lang="en"><seg>three</tuv></tu>
                """));
        List<TranslationUnit> units = new ArrayList<>();
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, units::add), TmxFormatException.class);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).startsWith(file + ", line 7, column ").contains("malformed XML").contains("seg");
        assertThat(units).hasSize(2); // delivered before the error: an import discards them
    }

    @Test
    void refusesAUnitWithoutItsSourceLanguageNamingItsLine() throws IOException {
        Path file = write("nosource.tmx", tmx("en", """
                <tu tuid="1"><tuv xml:lang="en"><seg>one</seg></tuv><tuv xml:lang="es"><seg>uno</seg></tuv></tu>
                <tu tuid="2">
                  <tuv xml:lang="es"><seg>dos</seg></tuv><tuv xml:lang="pt"><seg>dois</seg></tuv>
                </tu>
                """));
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, u -> { }), TmxFormatException.class);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.reason()).contains("tuid=\"2\"").contains("source language en").contains("es, pt");
    }

    @Test
    void refusesMissingHeaderBodyLanguageOrSegmentWithTheReason() throws IOException {
        assertRefused("<tmx version=\"1.4\"><body/></tmx>", 1, "must start with <header>");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/></tmx>", 1, "no <body>");
        assertRefused("<tmx version=\"1.4\"><header/><body/></tmx>", 1, "no srclang");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"\"><seg>x</seg></tuv></tu></body></tmx>", 2, "language tag is empty");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>", 2, "no xml:lang");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"></tuv></tu></body></tmx>", 2, "has no <seg>");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu></tu></body></tmx>", 2, "has no <tuv>");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu changedate=\"yesterday\"><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>", 2, "not a TMX date");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>a <b>bold</b></seg></tuv></tu></body></tmx>", 2, "unexpected <b>");
        assertRefused("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>&nbsp;</seg></tuv></tu></body></tmx>", 2, "nbsp");
        assertRefused("", 0, "");
    }

    private void assertRefused(String content, int line, String reason) throws IOException {
        Path file = write("refused.tmx", content);
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, u -> { }), TmxFormatException.class);
        assertThat(e).as(content).isNotNull();
        if (line > 0) {
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        }
        assertThat(e.reason()).as(e.getMessage()).contains(reason);
    }

    @Test
    void refusesBytesThatAreNotUtf8() throws IOException {
        String[] halves = tmx("es", "<tu><tuv xml:lang=\"es\"><seg>C@t</seg></tuv></tu>\n").split("@");
        byte[] head = halves[0].getBytes(StandardCharsets.UTF_8);
        byte[] tail = halves[1].getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE1; // "á" in Latin-1, invalid in UTF-8
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Path file = dir.resolve("latin1-as-utf8.tmx");
        Files.write(file, all);
        TmxFormatException e = catchThrowableOfType(() -> reader.read(file, u -> { }), TmxFormatException.class);
        assertThat(e.reason()).contains("not valid UTF-8");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo("<tu><tuv xml:lang=\"es\"><seg>C".length() + 1);
    }

    // --- size ---

    @Test
    void streamsAHundredThousandUnitsInBoundedMemory() throws IOException {
        int count = 100_000;
        Path file = dir.resolve("big.tmx");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
                    + "<header creationtool=\"test\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n");
            for (int i = 0; i < count; i++) {
                w.write("<tu tuid=\"" + i + "\" creationdate=\"20240101T000000Z\"><prop type=\"x-doc\">doc-" + (i % 97) + "</prop>\n"
                        + "<tuv xml:lang=\"en\"><seg>The reading room " + i + " opens at <ph x=\"1\">&lt;time/&gt;</ph> for researchers with an appointment.</seg></tuv>\n"
                        + "<tuv xml:lang=\"es-419\"><seg>La sala de lectura " + i + " abre a las <ph x=\"1\">&lt;time/&gt;</ph> para investigadores con cita previa.</seg></tuv>\n</tu>\n");
            }
            w.write("</body>\n</tmx>\n");
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakGrowth = new AtomicLong();
        AtomicLong characters = new AtomicLong();
        long start = System.nanoTime();
        TmxSummary summary = reader.read(file, unit -> {
            characters.addAndGet(unit.variants().get(1).segment().plainText().length());
            if (Long.parseLong(unit.tuid()) % 20_000 == 19_999) {
                System.gc();
                peakGrowth.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - baseline, Math::max);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(summary.units()).isEqualTo(count);
        assertThat(summary.variants()).isEqualTo(2L * count);
        assertThat(characters.get()).isGreaterThan(70L * count);
        // The file is ~30 MB; holding it (or its units) would grow the heap by far more than this.
        assertThat(peakGrowth.get()).as("heap growth while reading").isLessThan(16L * 1024 * 1024);
        System.out.printf("TmxReader: %d units (%.1f MB) in %.2f s = %.0f units/s, heap growth after GC at most %.1f MB%n",
                count, Files.size(file) / 1e6, seconds, count / seconds, peakGrowth.get() / 1e6);
    }
}
