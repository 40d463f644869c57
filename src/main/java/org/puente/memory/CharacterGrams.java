package org.puente.memory;

import java.util.Arrays;

/**
 * The unique character 4-grams of a plain text, made as Okapi Pensieve's {@code NgramAnalyzer(4)}
 * makes them, and Pensieve's fuzzy score over them. The fuzzy index ({@link FuzzyIndex}) and
 * anything that checks it use this class, so both see the same grams.
 *
 * <p>How a text becomes grams (what Pensieve's Lucene chain does: keyword tokenizer, {@code \s+}
 * to one space, lower case, 4-grams keeping a short original, length filter 1..4 chars):
 * <ol>
 *   <li>each run of ASCII whitespace ({@code [ \t\n\x0B\f\r]}) becomes one space; nothing is
 *       trimmed;</li>
 *   <li>each code point is lower-cased ({@link Character#toLowerCase(int)}, no locale);</li>
 *   <li>the grams are the windows of 4 consecutive code points; a window holding a
 *       supplementary character (more than 4 UTF-16 chars) is dropped;</li>
 *   <li>a text of 1 to 3 code points is one gram, itself, if it is at most 4 chars long.</li>
 * </ol>
 * The text is the plain text of a segment: without inline codes ({@link TmSegment#plainText()}).
 *
 * <p>Each gram is packed into a {@code long}: a kept 4-gram is its four chars (none a surrogate);
 * a short text of 4 chars likewise (it holds a surrogate pair, so it is never a kept 4-gram); a
 * short text of 1 to 3 chars carries a low surrogate as its top char, which neither of the others
 * starts with. Lone surrogates (malformed UTF-16, which no XML file can carry) are read as
 * U+FFFD, which keeps the packing one-to-one; Pensieve would keep them as they are.
 */
public final class CharacterGrams {

    /** Gram length, in code points. */
    public static final int GRAM_LENGTH = 4;

    private static final CharacterGrams NONE = new CharacterGrams(new long[0]);

    private final long[] keys;

    private CharacterGrams(long[] keys) {
        this.keys = keys;
    }

    /** The grams of {@code plainText}. */
    public static CharacterGrams of(String plainText) {
        long[] k = keysOf(plainText);
        return k.length == 0 ? NONE : new CharacterGrams(k);
    }

    /** How many distinct grams: Pensieve's |Q| or |D|. */
    public int size() {
        return keys.length;
    }

    /** How many grams the two texts share. */
    public int common(CharacterGrams other) {
        return intersection(keys, other.keys);
    }

    /** Pensieve's score of one text against the other, 0 to 100 (symmetric). */
    public float score(CharacterGrams other) {
        return pensieveScore(common(other), size(), other.size());
    }

    /**
     * Pensieve's fuzzy score (Dice's coefficient, in float exactly as Okapi computes it, so that
     * ties and thresholds fall the same way): {@code (float) (2I / (|Q| + |D|)) * 100}. Zero when
     * neither text has a gram.
     */
    public static float pensieveScore(int common, int queryGrams, int unitGrams) {
        if (queryGrams + unitGrams == 0) {
            return 0f;
        }
        return (2.0f * (float) common) / (float) (queryGrams + unitGrams) * 100.0f;
    }

    /** The packed grams of {@code text}, sorted ascending, without repeats. */
    static long[] keysOf(String text) {
        int length = text.length();
        if (length == 0) {
            return new long[0];
        }
        int[] cps = new int[length];
        int n = 0;
        boolean inSpace = false;
        for (int i = 0; i < length; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ' || (cp >= '\t' && cp <= '\r')) {
                if (!inSpace) {
                    cps[n++] = ' ';
                    inSpace = true;
                }
                continue;
            }
            inSpace = false;
            cps[n++] = cp <= 0xFFFF && Character.isSurrogate((char) cp) ? 0xFFFD : Character.toLowerCase(cp);
        }
        if (n < GRAM_LENGTH) {
            int chars = 0;
            for (int i = 0; i < n; i++) {
                chars += Character.charCount(cps[i]);
            }
            return chars > GRAM_LENGTH ? new long[0] : new long[] {shortKey(cps, n, chars)};
        }
        long[] out = new long[n - GRAM_LENGTH + 1];
        int k = 0;
        for (int i = 0; i + GRAM_LENGTH <= n; i++) {
            int c0 = cps[i];
            int c1 = cps[i + 1];
            int c2 = cps[i + 2];
            int c3 = cps[i + 3];
            if ((c0 | c1 | c2 | c3) > 0xFFFF) {
                continue;
            }
            out[k++] = ((long) c0 << 48) | ((long) c1 << 32) | ((long) c2 << 16) | c3;
        }
        Arrays.sort(out, 0, k);
        int u = 0;
        for (int i = 0; i < k; i++) {
            if (u == 0 || out[u - 1] != out[i]) {
                out[u++] = out[i];
            }
        }
        return u == out.length ? out : Arrays.copyOf(out, u);
    }

    private static long shortKey(int[] cps, int n, int chars) {
        long packed = 0;
        for (int i = 0; i < n; i++) {
            int cp = cps[i];
            if (cp > 0xFFFF) {
                packed = (packed << 32) | ((long) Character.highSurrogate(cp) << 16) | Character.lowSurrogate(cp);
            } else {
                packed = (packed << 16) | cp;
            }
        }
        return chars == GRAM_LENGTH ? packed : ((long) (Character.MIN_LOW_SURROGATE | chars) << 48) | packed;
    }

    /** Size of the intersection of two ascending arrays without repeats. */
    static int intersection(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int c = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x == y) {
                c++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return c;
    }
}
