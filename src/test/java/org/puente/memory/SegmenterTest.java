package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import net.sf.okapi.common.ISegmenter;
import net.sf.okapi.common.LocaleId;
import net.sf.okapi.common.Range;
import net.sf.okapi.lib.segmentation.SRXDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of {@code pipeline/segmentation.srx} (tests run from the repository root). */
class SegmenterTest {

    private static final Segmenter SEGMENTER = new Segmenter(Segmenter.DEFAULT_RULES_FILE);

    static Stream<Arguments> spanish() {
        return Stream.of(
                cases("Se publicó en 2021. ¿Cuándo se revisará?",
                        "Se publicó en 2021.", "¿Cuándo se revisará?"),
                cases("Compramos libros, revistas, etc. ¡Todos llegaron!",
                        "Compramos libros, revistas, etc.", "¡Todos llegaron!"),
                cases("Compramos libros, revistas, etc. y también mapas.",
                        "Compramos libros, revistas, etc. y también mapas."),
                cases("El Sr. García y la Dra. López asistieron.",
                        "El Sr. García y la Dra. López asistieron."),
                cases("La Sra. Pérez, la Srta. Ruiz, el Lic. Gómez y el Ing. Díaz firmaron.",
                        "La Sra. Pérez, la Srta. Ruiz, el Lic. Gómez y el Ing. Díaz firmaron."),
                cases("Véase p. ej. la pág. 12 y el núm. 3 del vol. 2.",
                        "Véase p. ej. la pág. 12 y el núm. 3 del vol. 2."),
                cases("Véanse las págs. 12-15, el cap. IV y el n.º 5. Luego sigue.",
                        "Véanse las págs. 12-15, el cap. IV y el n.º 5.", "Luego sigue."),
                cases("Smith et al. publicaron el informe.",
                        "Smith et al. publicaron el informe."),
                cases("Publicado por Ed. Siglo XXI; véase García (eds.) Bibliotecas, vols. I y II.",
                        "Publicado por Ed. Siglo XXI; véase García (eds.) Bibliotecas, vols. I y II."),
                cases("Viajó a los EE. UU. con su familia. Volvió en 2020.",
                        "Viajó a los EE. UU. con su familia.", "Volvió en 2020."),
                cases("Pues... no sé qué decir. Luego… Nada.",
                        "Pues... no sé qué decir.", "Luego…", "Nada."),
                cases("Visite www.ifla.org. Gracias.", "Visite www.ifla.org.", "Gracias."),
                cases("Escriba a info@ifla.org o a https://www.ifla.org/es/?q=a.b. Responderemos.",
                        "Escriba a info@ifla.org o a https://www.ifla.org/es/?q=a.b.", "Responderemos."),
                cases("La versión 1.2.3 del 12.05.2021 cuesta 3.5 euros. ¡Barata!",
                        "La versión 1.2.3 del 12.05.2021 cuesta 3.5 euros.", "¡Barata!"),
                cases("¿Vienes? ¡Claro! «Eso dijo». Fin.",
                        "¿Vienes?", "¡Claro!", "«Eso dijo».", "Fin."));
    }

    static Stream<Arguments> english() {
        return Stream.of(
                cases("Mr. Smith arrived. He sat down.", "Mr. Smith arrived.", "He sat down."),
                cases("See e.g. chapter 3. Then continue.", "See e.g. chapter 3.", "Then continue."),
                cases("The value is 3.5 percent.", "The value is 3.5 percent."),
                cases("J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it."),
                cases("Mrs. Dalloway vs. Dr. Who, i.e. Fig. 3 on pp. 12-14 and p. 7, no. 5.",
                        "Mrs. Dalloway vs. Dr. Who, i.e. Fig. 3 on pp. 12-14 and p. 7, no. 5."),
                cases("Smith et al. (2020) agree. Jones et al. disagree.",
                        "Smith et al. (2020) agree.", "Jones et al. disagree."),
                cases("I said no. Then I left.", "I said no.", "Then I left."),
                cases("Wait... what? Yes!", "Wait... what?", "Yes!"));
    }

    static Stream<Arguments> portuguese() {
        return Stream.of(
                cases("O Sr. Silva chegou. Ele sentou-se.", "O Sr. Silva chegou.", "Ele sentou-se."),
                cases("Veja p. ex. a pág. 5.", "Veja p. ex. a pág. 5."),
                cases("Em 2021. Quando?", "Em 2021.", "Quando?"),
                cases("A Dra. Costa e o Dr. Lima leram o vol. 2, cap. 3, n.º 4, etc. Depois saíram.",
                        "A Dra. Costa e o Dr. Lima leram o vol. 2, cap. 3, n.º 4, etc.", "Depois saíram."),
                cases("Silva (org.) Bibliotecas, Ed. UFMG. Fim.", "Silva (org.) Bibliotecas, Ed. UFMG.", "Fim."),
                cases("Visite www.ifla.org. Obrigado.", "Visite www.ifla.org.", "Obrigado."));
    }

    @ParameterizedTest(name = "es: {0}")
    @MethodSource("spanish")
    void segmentsSpanish(String text, List<String> expected) {
        assertThat(SEGMENTER.segment(text, "es")).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "en: {0}")
    @MethodSource("english")
    void segmentsEnglish(String text, List<String> expected) {
        assertThat(SEGMENTER.segment(text, "en")).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "pt: {0}")
    @MethodSource("portuguese")
    void segmentsPortuguese(String text, List<String> expected) {
        assertThat(SEGMENTER.segment(text, "pt")).containsExactlyElementsOf(expected);
    }

    @Test
    void regionalTagsUseTheirBaseLanguageRules() {
        assertThat(SEGMENTER.segment("Se publicó en 2021. ¿Cuándo se revisará?", "es-419"))
                .containsExactly("Se publicó en 2021.", "¿Cuándo se revisará?");
        assertThat(SEGMENTER.segment("El Sr. García llegó. Se sentó.", "ES_mx"))
                .containsExactly("El Sr. García llegó.", "Se sentó.");
        assertThat(SEGMENTER.segment("Veja p. ex. a pág. 5. O Sr. Silva chegou.", "pt-BR"))
                .containsExactly("Veja p. ex. a pág. 5.", "O Sr. Silva chegou.");
        assertThat(SEGMENTER.segment("See e.g. chapter 3. Then continue.", "en-GB"))
                .containsExactly("See e.g. chapter 3.", "Then continue.");
    }

    @Test
    void languagesWithoutTheirOwnRulesGetTheDefaultOnes() {
        assertThat(SEGMENTER.segment("Il est arrivé en 2021. « Quand ? » Personne ne sait.", "fr"))
                .containsExactly("Il est arrivé en 2021.", "« Quand ? » Personne ne sait.");
    }

    /**
     * Okapi's own rules, documented in DEPENDENCIES.md: the Spanish cases of the issue stay one
     * segment with them. If a future Okapi fixes them, this test says so.
     */
    @Test
    void fixesWhatOkapisDefaultRulesMiss() {
        SRXDocument defaults = new SRXDocument();
        defaults.loadRules(SRXDocument.DEFAULT_SRX_RULES);
        List<String> missedByDefaults = List.of(
                "Se publicó en 2021. ¿Cuándo se revisará?",
                "Compramos libros, revistas, etc. ¡Todos llegaron!");
        for (String text : missedByDefaults) {
            assertThat(segmentWith(defaults, "es", text)).as("Okapi defaults on %s", text).hasSize(1);
            assertThat(SEGMENTER.segment(text, "es")).as("our rules on %s", text).hasSize(2);
        }
        // A numbered heading: the defaults cut the number from its title
        String heading = "1. Introducción\n2. Métodos";
        assertThat(segmentWith(defaults, "es", heading)).contains("2.", "Métodos");
        assertThat(SEGMENTER.segment(heading, "es")).containsExactly("1. Introducción", "2. Métodos");
    }

    @Test
    void blankLinesAlwaysBreakAndSegmentsAreTrimmed() {
        String text = "  Título sin punto\n\n\tPrimer párrafo, sigue el Sr.\r\n \r\nSegundo párrafo.\u00A0\n\n\n  \n";
        assertThat(SEGMENTER.segment(text, "es"))
                .containsExactly("Título sin punto", "Primer párrafo, sigue el Sr.", "Segundo párrafo.");
    }

    @Test
    void aSingleLineBreakDoesNotBreakASentence() {
        // PDF text wraps lines inside sentences; the line break is kept inside the segment
        assertThat(SEGMENTER.segment("El libro se publicó\nen 2021. Luego\nse tradujo.", "es"))
                .containsExactly("El libro se publicó\nen 2021.", "Luego\nse tradujo.");
    }

    @Test
    void listItemsAtLineStartAreSegmentsWithTheirNumbers() {
        String text = "Contenido:\n1. Introducción\n2. Métodos usados\nen el estudio\n2.1. Datos\n- Una viñeta\n• Otra";
        assertThat(SEGMENTER.segment(text, "es")).containsExactly(
                "Contenido:", "1. Introducción", "2. Métodos usados\nen el estudio", "2.1. Datos",
                "- Una viñeta", "• Otra");
        assertThat(SEGMENTER.segment("IV. Resultados finales", "es")).containsExactly("IV. Resultados finales");
    }

    @Test
    void emptyAndBlankTextHaveNoSegments() {
        assertThat(SEGMENTER.segment("", "es")).isEmpty();
        assertThat(SEGMENTER.segment(" \n\n\t ", "en")).isEmpty();
    }

    @Test
    void okapiCodeMarkerCharactersInTheTextAreKept() {
        String marker = String.valueOf((char) 0xE101);
        assertThat(SEGMENTER.segment("Uno" + marker + "x. Dos.", "es")).containsExactly("Uno" + marker + "x.", "Dos.");
    }

    @Test
    void refusesAnInvalidLanguageTag() {
        assertThatThrownBy(() -> SEGMENTER.segment("Hola.", "not a tag!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a tag!");
        assertThatThrownBy(() -> SEGMENTER.segment("Hola.", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("language tag");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String[]> work = new ArrayList<>();
        Stream.of(spanish().map(a -> new String[] {"es", (String) a.get()[0]}),
                        english().map(a -> new String[] {"en-US", (String) a.get()[0]}),
                        portuguese().map(a -> new String[] {"pt-BR", (String) a.get()[0]}))
                .flatMap(s -> s).forEach(work::add);
        List<List<String>> expected = work.stream().map(w -> SEGMENTER.segment(w[1], w[0])).toList();
        Segmenter shared = new Segmenter(Segmenter.DEFAULT_RULES_FILE);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < work.size(); i++) {
                            if (!shared.segment(work.get(i)[1], work.get(i)[0]).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void defaultRulesFileIsThePipelineOne() {
        assertThat(Segmenter.DEFAULT_RULES_FILE).isEqualTo(Path.of("pipeline/segmentation.srx"));
        assertThat(SEGMENTER.rulesFile()).isEqualTo(Segmenter.DEFAULT_RULES_FILE);
    }

    @Test
    void aMissingRulesFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.srx");
        assertThatThrownBy(() -> new Segmenter(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aBrokenRulesFileIsAClearError(@TempDir Path dir) throws IOException {
        Path notXml = write(dir, "broken.srx", "<srx version=\"2.0\"><header>");
        assertThatThrownBy(() -> new Segmenter(notXml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notXml.toString()).hasMessageContaining("not a valid SRX document");

        Path notSrx = write(dir, "other.srx", "<?xml version=\"1.0\"?><tmx version=\"1.4\"/>");
        assertThatThrownBy(() -> new Segmenter(notSrx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notSrx.toString()).hasMessageContaining("no <languagemap>");

        Path badRegex = write(dir, "regex.srx", srx("<rule break=\"yes\"><beforebreak>[.?!</beforebreak>"
                + "<afterbreak>\\s</afterbreak></rule>", "Default"));
        assertThatThrownBy(() -> new Segmenter(badRegex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(badRegex.toString())
                .hasMessageContaining("rule 1 of languagerule 'Default' is not a valid regular expression");

        Path unknownRules = write(dir, "map.srx", srx("<rule break=\"yes\"><beforebreak>\\.</beforebreak>"
                + "<afterbreak>\\s</afterbreak></rule>", "Spanish"));
        assertThatThrownBy(() -> new Segmenter(unknownRules))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unknownRules.toString())
                .hasMessageContaining("languagerule 'Spanish', which is not defined");
    }

    private static String srx(String rule, String mappedRuleName) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header cascade=\"no\"/><body>"
                + "<languagerules><languagerule languagerulename=\"Default\">" + rule + "</languagerule></languagerules>"
                + "<maprules><languagemap languagepattern=\".*\" languagerulename=\"" + mappedRuleName + "\"/>"
                + "</maprules></body></srx>";
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<String> segmentWith(SRXDocument rules, String language, String text) {
        ISegmenter segmenter = rules.compileLanguageRules(LocaleId.fromBCP47(language), null);
        segmenter.computeSegments(text);
        List<String> segments = new ArrayList<>();
        for (Range range : segmenter.getRanges()) {
            segments.add(text.substring(range.start, range.end).strip());
        }
        return segments;
    }

    private static Arguments cases(String text, String... expected) {
        return Arguments.of(text, List.of(expected));
    }
}
