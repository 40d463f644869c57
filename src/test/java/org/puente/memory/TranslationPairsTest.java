package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.puente.inventory.TextDocument;

/** Which documents of the inventory are taken for translations of each other. */
class TranslationPairsTest {

    private final TranslationPairs pairs = new TranslationPairs(List.of("es", "en", "pt"));
    private final Map<String, String> texts = new HashMap<>();

    private TextDocument doc(String id, String language, String location, String mediaType, String text) {
        texts.put(id, text);
        return new TextDocument(id, "sha-" + id, "PRESENT", "EXTRACTED", language, mediaType, text.length(), List.of(location));
    }

    private List<String> found(TextDocument... documents) {
        return pairs.find(List.of(documents), texts::get).stream()
                .map(p -> p.source().id() + "-" + p.target().id()).toList();
    }

    private static final String EN = "Chapter 3 of the guide covers 12 steps of the 2024 installation, from page 4 to page 19.";
    private static final String ES = "El capítulo 3 de la guía cubre 12 pasos de la instalación de 2024, de la página 4 a la 19.";
    private static final String PT = "O capítulo 3 do guia cobre 12 passos da instalação de 2024, da página 4 à página 19.";

    @Test
    void languageFoldersPairEveryTwoLanguagesWithTheConfiguredOrder() {
        assertThat(found(
                doc("en1", "en", "site/en/guide/ch03.html", "text/html", EN),
                doc("es1", "es", "site/es/guide/ch03.html", "text/html", ES),
                doc("pt1", "pt", "site/pt-BR/guide/ch03.html", "text/html", PT),
                doc("es2", "es", "site/es/guide/ch04.html", "text/html", ES)))
                .containsExactlyInAnyOrder("es1-en1", "es1-pt1", "en1-pt1");
        // regional folder names, and URLs
        assertThat(found(
                doc("a", "en", "https://example.org/en_US/about.html", "text/html", EN),
                doc("b", "es", "https://example.org/es-419/about.html", "text/html", ES)))
                .containsExactly("b-a");
    }

    @Test
    void fileNameMarkersPairAcrossFormats() {
        assertThat(found(
                doc("en", "en", "docs/manual.en.pdf", "application/pdf", EN),
                doc("es", "es", "docs/manual_es.docx", "application/docx", ES),
                doc("pt", "pt", "docs/manual-pt.odt", "application/odt", PT)))
                .containsExactlyInAnyOrder("es-en", "es-pt", "en-pt");
        assertThat(found(
                doc("x", "en", "docs/report_en_US.txt", "text/plain", EN),
                doc("y", "pt", "docs/report-pt-BR.txt", "text/plain", PT)))
                .containsExactly("x-y");
    }

    @Test
    void oneDocumentPerLanguageWhenAPageComesInSeveralFormats() {
        // html, docx and odt of the same page: of the formats both languages have, the one with most text
        assertThat(found(
                doc("en-html", "en", "g/en/p.html", "text/html", EN + " More."),
                doc("en-docx", "en", "g/en/p.docx", "application/docx", EN + " More text here."),
                doc("en-odt", "en", "g/en/p.odt", "application/odt", EN),
                doc("es-html", "es", "g/es/p.html", "text/html", ES),
                doc("es-odt", "es", "g/es/p.odt", "application/odt", ES + " Más.")))
                .containsExactly("es-html-en-html");
    }

    @Test
    void nonPairsAreRejected() {
        // different names, no marker, marker that disagrees with the text's language
        assertThat(found(
                doc("a", "en", "g/en/one.html", "text/html", EN),
                doc("b", "es", "g/es/two.html", "text/html", ES),
                doc("c", "en", "g/report.html", "text/html", EN),
                doc("d", "es", "g/report.html.bak", "text/html", ES),
                doc("e", "en", "g/es/three.html", "text/html", EN),
                doc("f", "en", "g/en/three.html", "text/html", EN)))
                .isEmpty();
        // same name under language folders, but not the same document: lengths far apart, numbers not shared
        assertThat(found(
                doc("g", "en", "h/en/index.html", "text/html", EN),
                doc("h", "es", "h/es/index.html", "text/html", ES.repeat(5))))
                .isEmpty();
        assertThat(found(
                doc("i", "en", "k/en/index.html", "text/html", "Pages 1, 2, 3 and 4 list the 5 rules."),
                doc("j", "es", "k/es/index.html", "text/html", "Las reglas 7, 8 y 9 están en 10 y 11 partes.")))
                .isEmpty();
        // documents not extracted, gone, or in another language are left out
        TextDocument corrupt = new TextDocument("l", "s", "PRESENT", "CORRUPT", "es", "text/html", 10, List.of("m/es/x.html"));
        TextDocument other = new TextDocument("n", "s", "PRESENT", "EXTRACTED", "other", "text/html", 10, List.of("m/fr/x.html"));
        assertThat(found(doc("o", "en", "m/en/x.html", "text/html", EN), corrupt, other)).isEmpty();
    }

    @Test
    void locationsAreReadAsLanguageVariants() {
        assertThat(pairs.marked("seeds/debian-installation-guide/en/installation-guide_ch03s01.html"))
                .contains(new TranslationPairs.Marked("seeds/debian-installation-guide/*/installation-guide_ch03s01", "en"));
        assertThat(pairs.marked("a/manual.pt.pdf")).contains(new TranslationPairs.Marked("a/manual", "pt"));
        assertThat(pairs.marked("a/manual_es-419.docx")).contains(new TranslationPairs.Marked("a/manual", "es"));
        assertThat(pairs.marked("a/installation-guide_ch03s01.html")).isEmpty();
        assertThat(pairs.marked("a/plan-de-accion.txt")).isEmpty();
        assertThat(pairs.marked("a/fr/page.html")).isEmpty();
        // a folder and a marker that disagree
        assertThat(pairs.marked("a/en/page_es.html")).isEmpty();
    }
}
