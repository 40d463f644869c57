package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class WordCountTest {

    /** The definition the one-pass count must agree with. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}'’\\-]*");

    private static int byRegex(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void countsWordsAsTranslationWorkIsCosted() {
        assertThat(WordCount.of(null)).isZero();
        assertThat(WordCount.of("")).isZero();
        assertThat(WordCount.of("The user's guide, 2nd edition - well-known.")).isEqualTo(6);
        assertThat(WordCount.of("l’été à São Paulo: 3,5 °C")).isEqualTo(7);
        assertThat(WordCount.of("-- ' ’ ...")).isZero();
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomText() {
        String alphabet = "aZé9 \t\n'’-.,\u0301\u0903\u20DD\u00B2\u2163ﬁ漢字\uD835\uDC00\uD800\uDFFF\uDBFF-_/";
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertThat(WordCount.of(text)).as(text).isEqualTo(byRegex(text));
        }
    }
}
