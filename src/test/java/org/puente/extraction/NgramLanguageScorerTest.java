package org.puente.extraction;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NgramLanguageScorerTest {

    private static final List<String> CODES = List.of("es", "en", "pt", "fr", "it", "ca", "de");
    private static Map<String, LanguageProfile> profiles;
    private static NgramLanguageScorer scorer;

    @BeforeAll
    static void load() throws IOException {
        profiles = new LinkedHashMap<>();
        LanguageProfileReader reader = new LanguageProfileReader();
        for (String code : CODES) {
            profiles.put(code, reader.readBuiltIn(LdLocale.fromString(code)));
        }
        scorer = new NgramLanguageScorer(profiles);
    }

    @Test
    void paragraphsOfEachLanguageScoreThatLanguageFirst() {
        for (String p : LanguageDetectorTest.ES) {
            assertThat(scorer.score(p).best()).isEqualTo("es");
        }
        for (String p : LanguageDetectorTest.EN) {
            assertThat(scorer.score(p).best()).isEqualTo("en");
        }
        for (String p : LanguageDetectorTest.PT) {
            assertThat(scorer.score(p).best()).isEqualTo("pt");
        }
        assertThat(scorer.score("La bibliothèque municipale a prolongé ses horaires d'ouverture pendant "
                + "la période des examens, et les lecteurs peuvent réserver des salles de travail.").best()).isEqualTo("fr");
        NgramLanguageScorer.Scores clear = scorer.score(LanguageDetectorTest.ES.get(0));
        assertThat(clear.margin()).isGreaterThan(LanguageDetector.SCORER_SURE_MARGIN);
        assertThat(clear.second()).isNotEqualTo("es");
    }

    /** Cut at a space, a text gives the n-grams of the whole: reading on after the first part changes nothing. */
    @Test
    void scoringInTwoPartsEqualsScoringTheWhole() {
        Random random = new Random(11);
        String text = String.join(" ", LanguageDetectorTest.ES) + " " + String.join(" ", LanguageDetectorTest.PT);
        for (int round = 0; round < 200; round++) {
            int first = random.nextInt(text.length());
            NgramLanguageScorer.Scores whole = scorer.score(text);
            NgramLanguageScorer.Scores parts = scorer.score(text, first, Double.POSITIVE_INFINITY);
            assertThat(parts.grams()).isEqualTo(whole.grams());
            assertThat(parts.best()).isEqualTo(whole.best());
            for (int l = 0; l < CODES.size(); l++) {
                assertThat(parts.perGram()[l]).isCloseTo(whole.perGram()[l], within(1e-9));
            }
        }
        // a clear lead in the first part stops there: fewer n-grams read, the first part's language
        NgramLanguageScorer.Scores early = scorer.score(text, 150, 0.05);
        assertThat(early.grams()).isLessThan(scorer.score(text).grams());
        assertThat(early.best()).isEqualTo("es");
    }

    @Test
    void textWithoutKnownNgramsHasNoAnswer() {
        assertThat(scorer.score("").best()).isNull();
        assertThat(scorer.score("   \n\t ").grams()).isZero();
        assertThat(scorer.score("123 456 !!! ---").best()).isNull();
    }

    /**
     * The scorer reads exactly the n-grams Optimaize's standard extractor produces from its
     * normalised text, with the probabilities Optimaize computes from the profiles: its sums equal
     * those computed from Optimaize's own extraction, on random texts mixing letters of several
     * scripts, accents, punctuation and runs of spaces.
     */
    @Test
    void scoresAreOptimaizesNaiveBayesOverEveryNgram() {
        Random random = new Random(7);
        String alphabet = "abcdeéíóúñçãõàâêôü ABCÑÇ  .,;:¿?¡!-'\"()\n\tçœßαβγжщ中文0123456789";
        var texts = new TextObjectFactoryBuilder().build();
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : LanguageDetectorTest.ES.get(0).charAt(random.nextInt(60)));
            }
            String s = text.toString();
            double[] expected = new double[CODES.size()];
            int known = 0;
            for (String gram : NgramExtractors.standard().extractGrams(texts.forText(s))) {
                boolean any = false;
                double[] logs = new double[CODES.size()];
                for (int l = 0; l < CODES.size(); l++) {
                    LanguageProfile profile = profiles.get(CODES.get(l));
                    int frequency = profile.getFrequency(gram); // 0: not in the profile
                    double p = (double) frequency / profile.getNumGramOccurrences(gram.length());
                    any |= frequency > 0;
                    logs[l] = Math.log(0.5 / 10_000 + p);
                }
                if (any) {
                    known++;
                    for (int l = 0; l < CODES.size(); l++) {
                        expected[l] += logs[l];
                    }
                }
            }
            NgramLanguageScorer.Scores scores = scorer.score(s);
            assertThat(scores.grams()).as("n-grams of '%s'", s).isEqualTo(known);
            for (int l = 0; l < CODES.size() && known > 0; l++) {
                assertThat(scores.perGram()[l] * known).as("%s of '%s'", CODES.get(l), s)
                        .isCloseTo(expected[l], within(1e-3 * known + 1e-6));
            }
        }
    }
}
