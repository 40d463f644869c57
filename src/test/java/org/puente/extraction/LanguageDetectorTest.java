package org.puente.extraction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LanguageDetectorTest {

    private static LanguageDetector detector;

    static final List<String> ES = List.of(
            "La biblioteca municipal amplió su horario de atención durante el período de exámenes, "
                    + "y los usuarios pueden reservar salas de estudio desde el catálogo en línea.",
            "Para solicitar un préstamo interbibliotecario, complete el formulario con los datos del "
                    + "libro y espere la confirmación del personal de circulación antes de retirarlo.",
            "El fondo antiguo reúne manuscritos, incunables y periódicos del siglo diecinueve que solo "
                    + "pueden consultarse en la sala de investigadores con cita previa.");

    static final List<String> EN = List.of(
            "The public library extended its opening hours during the exam period, and patrons can "
                    + "now book study rooms directly from the online catalogue.",
            "To request an interlibrary loan, fill in the form with the details of the book and wait "
                    + "for the circulation staff to confirm before you collect it.",
            "The rare books collection holds manuscripts, early printed books and newspapers from the "
                    + "nineteenth century, which may only be consulted in the reading room by appointment.");

    static final List<String> PT = List.of(
            "A biblioteca municipal ampliou o seu horário de atendimento durante o período de provas, "
                    + "e os usuários podem reservar salas de estudo pelo catálogo na internet.",
            "Para solicitar um empréstimo entre bibliotecas, preencha o formulário com os dados do livro "
                    + "e aguarde a confirmação dos funcionários do balcão antes de retirá-lo.",
            "O acervo de obras raras reúne manuscritos, incunábulos e jornais do século dezenove, que só "
                    + "podem ser consultados na sala de pesquisadores mediante agendamento.");

    @BeforeAll
    static void build() {
        detector = new LanguageDetector(List.of("es", "en", "pt-BR"));
    }

    @Test
    void configuredTagsAreReducedToTheirBaseLanguage() {
        assertThat(new LanguageDetector(List.of("es-419", "pt-BR", "pt-PT", "en")).languages())
                .containsExactly("es", "pt", "en");
        assertThat(detector.languages()).containsExactly("es", "en", "pt");
    }

    @Test
    void unsupportedTagsAreRejected() {
        assertThatThrownBy(() -> new LanguageDetector(List.of("es", "xx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xx'");
        assertThatThrownBy(() -> new LanguageDetector(List.of("es", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LanguageDetector(List.of("not a tag")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LanguageDetector(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paragraphsInEachConfiguredLanguage() {
        for (String p : ES) {
            assertThat(detector.detectSegment(p)).as(p).isEqualTo("es");
        }
        for (String p : EN) {
            assertThat(detector.detectSegment(p)).as(p).isEqualTo("en");
        }
        for (String p : PT) {
            assertThat(detector.detectSegment(p)).as(p).isEqualTo("pt");
        }
    }

    @Test
    void singleLanguageDocuments() {
        for (var entry : Map.of("es", ES, "en", EN, "pt", PT).entrySet()) {
            LanguageProfile profile = detector.profile(String.join("\n\n", entry.getValue()));
            assertThat(profile.language()).isEqualTo(entry.getKey());
            assertThat(profile.confidence()).isEqualTo(1.0, within(1e-9));
            assertThat(profile.shares()).containsOnlyKeys(entry.getKey());
        }
    }

    @Test
    void spanishAndPortugueseShortSentencesAreTold() {
        assertThat(detector.detectSegment("¿Dónde puedo devolver este libro?")).isEqualTo("es");
        assertThat(detector.detectSegment("Onde posso devolver este livro?")).isEqualTo("pt");
        assertThat(detector.detectSegment("La sala de lectura cierra a las ocho.")).isEqualTo("es");
        assertThat(detector.detectSegment("A sala de leitura fecha às oito horas.")).isEqualTo("pt");
        assertThat(detector.detectSegment("Los libros nuevos están en la entrada.")).isEqualTo("es");
        assertThat(detector.detectSegment("Os livros novos estão na entrada.")).isEqualTo("pt");
        assertThat(detector.detectSegment("Necesito renovar mi carné de socio.")).isEqualTo("es");
        assertThat(detector.detectSegment("Preciso renovar minha carteirinha de sócio.")).isEqualTo("pt");
    }

    @Test
    void mixedDocumentGivesTheMixAndTheMajority() {
        // 3 English paragraphs and 2 Spanish ones of similar length: about 60/40 by letters.
        String doc = String.join("\n\n", EN.get(0), ES.get(0), EN.get(1), ES.get(1), EN.get(2));
        long en = EN.stream().mapToLong(p -> TextCleaner.countLetters(p)).sum();
        long es = TextCleaner.countLetters(ES.get(0)) + TextCleaner.countLetters(ES.get(1));
        double expectedEn = en / (double) (en + es);
        assertThat(expectedEn).isBetween(0.55, 0.65);

        LanguageProfile profile = detector.profile(doc);
        assertThat(profile.language()).isEqualTo("en");
        assertThat(profile.shares()).containsOnlyKeys("en", "es");
        assertThat(profile.shares().keySet()).first().isEqualTo("en");
        assertThat(profile.shares().get("en")).isCloseTo(expectedEn, within(0.02));
        assertThat(profile.shares().get("es")).isCloseTo(1 - expectedEn, within(0.02));
        assertThat(profile.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(profile.confidence()).isCloseTo(expectedEn, within(0.02));
    }

    @Test
    void frenchAndItalianAreOther() {
        String fr = "La bibliothèque municipale a prolongé ses horaires d'ouverture pendant la période des examens, "
                + "et les lecteurs peuvent réserver des salles de travail depuis le catalogue en ligne.";
        String it = "La biblioteca comunale ha prolungato l'orario di apertura durante il periodo degli esami, "
                + "e gli utenti possono prenotare le sale studio direttamente dal catalogo online.";
        assertThat(detector.detectSegment(fr)).isEqualTo(LanguageProfile.OTHER);
        assertThat(detector.detectSegment(it)).isEqualTo(LanguageProfile.OTHER);

        LanguageProfile profile = detector.profile(fr + "\n\n" + it);
        assertThat(profile.language()).isEqualTo(LanguageProfile.OTHER);
        assertThat(profile.shares()).containsOnlyKeys(LanguageProfile.OTHER);

        LanguageProfile mostlyEnglish = detector.profile(String.join("\n\n", EN.get(0), EN.get(1), EN.get(2), fr));
        assertThat(mostlyEnglish.language()).isEqualTo("en");
        assertThat(mostlyEnglish.shares()).containsOnlyKeys("en", LanguageProfile.OTHER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   \n\n  ",
            "12345 678.90 2024-11-25 10:30",
            "https://www.example.org/catalogo/libros?id=123 http://biblioteca.example.com/ info@biblioteca.example.org",
            "/usr/share/doc/puente/README.txt C:\\Users\\biblioteca\\catalogo.xml --verbose -f %s {0} ${user.home}",
            "<p><b>ISBN</b> 978-84-376-0494-7</p> v2.3.1 1.0.0-SNAPSHOT"
    })
    void textsWithoutWordsAreUnknown(String text) {
        assertThat(detector.detectSegment(text)).isEqualTo(LanguageProfile.UNKNOWN);
        assertThat(detector.profile(text)).isEqualTo(LanguageProfile.unknown());
    }

    @Test
    void nullIsUnknown() {
        assertThat(detector.detectSegment(null)).isEqualTo(LanguageProfile.UNKNOWN);
        assertThat(detector.profile(null)).isEqualTo(LanguageProfile.unknown());
    }

    @Test
    void twoWordSegmentsAreUnknown() {
        assertThat(detector.detectSegment("Biblioteca Nacional")).isEqualTo(LanguageProfile.UNKNOWN);
        assertThat(detector.detectSegment("reading room")).isEqualTo(LanguageProfile.UNKNOWN);
        // Noise does not count as words.
        assertThat(detector.detectSegment("reading room https://example.org/a 42 --help")).isEqualTo(LanguageProfile.UNKNOWN);
    }

    @Test
    void noiseIsRemovedBeforeDetection() {
        assertThat(TextCleaner.clean("Abra <b>el archivo</b> /etc/puente/config.yml con --edit y escriba %s o {0} en info@example.org, ver https://x.org/a 3 veces"))
                .isEqualTo("Abra el archivo con y escriba o en , ver veces");
        assertThat(detector.detectSegment("Abra el archivo /etc/puente/config.yml con el editor y guarde los cambios"))
                .isEqualTo("es");
        assertThat(TextCleaner.clean("el 50 % de los libros")).isEqualTo("el % de los libros");
    }

    @Test
    void shortAndCodeParagraphsAreSkipped() {
        String code = """
                public static void main(String[] args) {
                    System.out.println("Hola mundo, esta es la biblioteca");
                    return;
                }""";
        String shell = """
                $ sudo apt-get install puente
                $ puente --config /etc/puente/app.yml""";
        String doc = String.join("\n\n", "Índice", ES.get(0), code, shell, ES.get(1), "Página 3 de 10");
        LanguageProfile profile = detector.profile(doc);
        assertThat(profile.language()).isEqualTo("es");
        assertThat(profile.shares()).containsOnlyKeys("es");
        assertThat(LanguageDetector.looksLikeCode(code)).isTrue();
        assertThat(LanguageDetector.looksLikeCode(shell)).isTrue();
        for (String p : ES) {
            assertThat(LanguageDetector.looksLikeCode(p)).isFalse();
        }
    }

    @Test
    void linesAreParagraphsWhenThereAreNoBlankLines() {
        String doc = String.join("\n", EN.get(0), PT.get(0), EN.get(1), PT.get(1));
        assertThat(LanguageDetector.paragraphs(doc)).hasSize(4);
        LanguageProfile profile = detector.profile(doc);
        assertThat(profile.shares()).containsOnlyKeys("en", "pt");
        assertThat(profile.shares().get("en")).isBetween(0.4, 0.6);
    }

    @Test
    void longDocumentsAreSampled() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 2_000_000) {
            // 3 of every 4 paragraphs in Portuguese, the rest in English.
            sb.append(i % 4 == 3 ? EN.get(i % 3) : PT.get(i % 3)).append("\n\n");
            i++;
        }
        // One huge line without breaks is cut into pieces too.
        String oneLine = String.join(" ", java.util.Collections.nCopies(3000, ES.get(0)));

        detector.profile(sb.toString()); // warm-up of the models
        long t0 = System.nanoTime();
        LanguageProfile profile = detector.profile(sb.toString());
        LanguageProfile single = detector.profile(oneLine);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(profile.language()).isEqualTo("pt");
        assertThat(profile.shares().get("pt")).isCloseTo(0.75, within(0.05));
        assertThat(single.language()).isEqualTo("es");
        assertThat(LanguageDetector.sample(LanguageDetector.paragraphs(oneLine), 200)).hasSizeLessThanOrEqualTo(200);
        assertThat(ms).as("two 2M-character documents").isLessThan(10_000);
    }

    @Test
    void samplingEstimatesTheSharesOfAHalfTranslatedDocument() {
        // 650 Portuguese paragraphs followed by 350 still in English: a block structure.
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            paragraphs.add(i < 650 ? PT.get(i % 3) : EN.get(i % 3));
        }
        String doc = String.join("\n\n", paragraphs);
        LanguageProfile exact = detector.profile(doc, Integer.MAX_VALUE);
        LanguageProfile sampled = detector.profile(doc);
        assertThat(sampled.language()).isEqualTo("pt");
        assertThat(sampled.shares().get("pt")).isCloseTo(exact.shares().get("pt"), within(0.03));
        assertThat(sampled.shares().get("en")).isCloseTo(exact.shares().get("en"), within(0.03));
    }

    @Test
    void concurrentUseGivesTheSameAnswers() throws Exception {
        List<String> texts = new ArrayList<>();
        texts.addAll(ES);
        texts.addAll(EN);
        texts.addAll(PT);
        List<String> expected = texts.stream().map(detector::detectSegment).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> texts.stream().map(detector::detectSegment).toList()));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
