package org.puente.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The sentence aligner on small generated parallel texts whose alignment is known. */
class SentenceAlignerTest {

    /** English and Spanish sentences that translate each other, one pair a row. */
    static final String[][] PAIRS = {
            {"The national library opened its new reading room in March 2024.",
                    "La biblioteca nacional inauguró su nueva sala de lectura en marzo de 2024."},
            {"It seats 120 readers and offers free access to the digital collections.",
                    "Tiene lugar para 120 lectores y ofrece acceso gratuito a las colecciones digitales."},
            {"Visitors must register at the front desk.",
                    "Los visitantes deben registrarse en el mostrador de entrada."},
            {"Do you need help with the catalogue?",
                    "¿Necesita ayuda con el catálogo?"},
            {"The librarians organise training sessions every Tuesday at 10:00.",
                    "Los bibliotecarios organizan sesiones de formación todos los martes a las 10:00."},
            {"More information is available at https://www.example.org/biblioteca.",
                    "Hay más información en https://www.example.org/biblioteca."},
            {"The preservation programme covers manuscripts, maps and photographs from the colonial period.",
                    "El programa de preservación abarca manuscritos, mapas y fotografías del período colonial."},
            {"Each item is digitised at 600 dpi and described with Dublin Core metadata.",
                    "Cada documento se digitaliza a 600 ppp y se describe con metadatos Dublin Core."},
            {"The section publishes an annual report for the association members.",
                    "La sección publica un informe anual para los miembros de la asociación."},
            {"Regional cooperation remains the main priority of the plan.",
                    "La cooperación regional sigue siendo la principal prioridad del plan."},
            {"Funding comes from 14 national institutions.",
                    "La financiación proviene de 14 instituciones nacionales."},
            {"The committee will meet again in Lima in November.",
                    "El comité volverá a reunirse en Lima en noviembre."},
    };

    private final SentenceAligner aligner = new SentenceAligner();

    @Test
    void alignsAGeneratedParallelPairWithAMergeAndAnOmission() {
        // English: three paragraphs of four sentences.
        List<List<String>> english = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            List<String> paragraph = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                paragraph.add(PAIRS[p * 4 + k][0]);
            }
            english.add(paragraph);
        }
        // Spanish: sentences 2 and 3 (0-based 1, 2) translated as one sentence; sentence 8 left out.
        String merged = "Tiene lugar para 120 lectores y ofrece acceso gratuito a las colecciones digitales, "
                + "y los visitantes deben registrarse en el mostrador de entrada.";
        List<List<String>> spanish = List.of(
                List.of(PAIRS[0][1], merged, PAIRS[3][1]),
                List.of(PAIRS[4][1], PAIRS[5][1], PAIRS[6][1], PAIRS[7][1]),
                List.of(PAIRS[9][1], PAIRS[10][1], PAIRS[11][1]));

        List<SentenceAligner.SentencePair> beads = aligner.align(english, spanish);

        List<String> shape = beads.stream()
                .map(b -> b.sourceFrom() + "-" + b.sourceTo() + ":" + b.targetFrom() + "-" + b.targetTo()).toList();
        assertThat(shape).containsExactly("0-1:0-1", "1-3:1-2", "3-4:2-3", "4-5:3-4", "5-6:4-5", "6-7:5-6",
                "7-8:6-7", "8-9:7-7", "9-10:7-8", "10-11:8-9", "11-12:9-10");
        SentenceAligner.SentencePair merge = beads.get(1);
        assertThat(merge.source()).isEqualTo(PAIRS[1][0] + " " + PAIRS[2][0]);
        assertThat(merge.target()).isEqualTo(merged);
        SentenceAligner.SentencePair omitted = beads.get(7);
        assertThat(omitted.isOmission()).isTrue();
        assertThat(omitted.source()).isEqualTo(PAIRS[8][0]);
        assertThat(omitted.confidence()).isZero();
        for (SentenceAligner.SentencePair b : beads) {
            if (!b.isOmission()) {
                assertThat(b.confidence()).as(b.toString()).isBetween(0.6, 1.0);
            }
        }
    }

    @Test
    void unrelatedSentencesGetALowConfidenceAndTrueOnesAHighOne() {
        List<List<String>> english = new ArrayList<>();
        List<List<String>> spanish = new ArrayList<>();
        List<List<String>> shuffled = new ArrayList<>();
        List<String> spanishSentences = new ArrayList<>();
        for (String[] pair : PAIRS) {
            english.add(List.of(pair[0]));
            spanish.add(List.of(pair[1]));
            spanishSentences.add(pair[1]);
        }
        // Same lengths, wrong order: a derangement of the Spanish sentences.
        java.util.Collections.rotate(spanishSentences, 5);
        spanishSentences.forEach(s -> shuffled.add(List.of(s)));

        double right = mean(aligner.align(english, spanish));
        double wrong = mean(aligner.align(english, shuffled));
        assertThat(right).isGreaterThan(0.75);
        assertThat(wrong).isLessThan(0.45);
        // Pair by pair too: every true pair above every forced wrong one.
        double lowestRight = aligner.align(english, spanish).stream().filter(b -> !b.isOmission())
                .mapToDouble(SentenceAligner.SentencePair::confidence).min().orElseThrow();
        double highestWrong = aligner.align(english, shuffled).stream().filter(b -> !b.isOmission())
                .filter(b -> b.sourceTo() - b.sourceFrom() == 1 && b.targetTo() - b.targetFrom() == 1)
                .filter(b -> !b.target().equals(PAIRS[b.sourceFrom()][1]))
                .mapToDouble(SentenceAligner.SentencePair::confidence).max().orElse(0);
        assertThat(lowestRight).isGreaterThan(highestWrong);
    }

    @Test
    void emptyOrOneSidedTextsGiveOnlyOmissionsAndLongTextsStayInTheBand() {
        assertThat(aligner.align(List.of(), List.of(List.of("Hola.")))).singleElement()
                .satisfies(b -> assertThat(b.isOmission()).isTrue());
        assertThat(aligner.align(List.of(), List.of())).isEmpty();

        // 3,000 sentence pairs: the band keeps memory small and the answer is the diagonal.
        Random random = new Random(7);
        List<List<String>> english = new ArrayList<>();
        List<List<String>> spanish = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String[] pair = PAIRS[random.nextInt(PAIRS.length)];
            english.add(List.of(pair[0] + " (" + i + ")"));
            spanish.add(List.of(pair[1] + " (" + i + ")"));
        }
        List<SentenceAligner.SentencePair> beads = aligner.align(english, spanish);
        assertThat(beads).hasSize(3000).allSatisfy(b -> assertThat(b.sourceFrom()).isEqualTo(b.targetFrom()));
    }

    private static double mean(List<SentenceAligner.SentencePair> beads) {
        return beads.stream().filter(b -> !b.isOmission()).mapToDouble(SentenceAligner.SentencePair::confidence)
                .average().orElse(0);
    }
}
