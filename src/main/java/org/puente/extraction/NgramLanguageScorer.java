package org.puente.extraction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.optimaize.langdetect.cybozu.util.CharNormalizer;
import com.optimaize.langdetect.profiles.LanguageProfile;

/**
 * A deterministic naive Bayes over character 1-, 2- and 3-grams, with the n-gram frequencies of
 * Optimaize's language profiles: the model Optimaize samples at random (seven trials of random
 * n-grams, until one language dominates), here summed over every n-gram of the text once.
 * Optimaize's own detection was most of a run's language-profiling time (allocating a string per
 * n-gram, a hash-map lookup each, seven trials); this reads each n-gram once from a flat table.
 *
 * <p>Text is normalised as Optimaize does ({@link CharNormalizer}, runs of spaces collapsed,
 * padded with a space), n-grams are filtered as its standard extractor does (no 1-gram of a
 * space, no 3-gram with a space in the middle), and each n-gram multiplies a language's
 * likelihood by {@code alpha / 10000 + p(n-gram | language)} with Optimaize's default
 * {@code alpha} of 0.5; n-grams no profile knows are skipped, as there.
 *
 * <p>Immutable and thread-safe.
 */
final class NgramLanguageScorer {

    /** Optimaize's smoothing: alpha (0.5) / BASE_FREQ (10000). */
    private static final double SMOOTHING = 0.5 / 10_000;

    /** Optimaize's normalisation of every UTF-16 unit, read once from {@link CharNormalizer}. */
    private static final char[] NORMALIZED = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            NORMALIZED[c] = CharNormalizer.normalize((char) c);
        }
    }

    private final String[] languages;
    private final int languageCount;
    /**
     * Open addressing: an n-gram's key per slot (0 = empty), and where its log-likelihoods start
     * in the dense {@link #logLikelihoods} (one float per language). 7,392 n-grams for seven
     * languages: small enough to stay in the processor's caches, which is what a lookup costs.
     */
    private final long[] keys;
    private final int[] offsets;
    private final float[] logLikelihoods;
    private final int mask;

    /**
     * @param profiles Optimaize's profiles by ISO 639-1 code, in the order answers are ranked
     *                 on ties
     */
    NgramLanguageScorer(Map<String, LanguageProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no language profile");
        }
        this.languages = profiles.keySet().toArray(String[]::new);
        this.languageCount = languages.length;
        Map<String, double[]> probabilities = new LinkedHashMap<>();
        int index = 0;
        for (LanguageProfile profile : profiles.values()) {
            for (int length = 1; length <= 3; length++) {
                long occurrences = profile.getNumGramOccurrences(length);
                if (occurrences <= 0) {
                    continue;
                }
                for (Map.Entry<String, Integer> gram : profile.iterateGrams(length)) {
                    probabilities.computeIfAbsent(gram.getKey(), g -> new double[languageCount])[index] =
                            gram.getValue().doubleValue() / occurrences;
                }
            }
            index++;
        }
        int capacity = Integer.highestOneBit(Math.max(8, probabilities.size() * 2 - 1)) << 1;
        this.keys = new long[capacity];
        this.offsets = new int[capacity];
        this.mask = capacity - 1;
        this.logLikelihoods = new float[probabilities.size() * languageCount];
        int offset = 0;
        for (Map.Entry<String, double[]> gram : probabilities.entrySet()) {
            int slot = slotFor(key(gram.getKey()), true);
            offsets[slot] = offset;
            for (int l = 0; l < languageCount; l++) {
                logLikelihoods[offset + l] = (float) Math.log(SMOOTHING + gram.getValue()[l]);
            }
            offset += languageCount;
        }
    }

    /**
     * The best and second-best languages of a text and how far apart they are.
     *
     * @param best       a language code, or null when no n-gram of the text is known
     * @param margin     the difference of their log-likelihoods divided by the number of known
     *                   n-grams: how much, per n-gram, the text favours the best language
     * @param grams      known n-grams read
     * @param perGram    every language's log-likelihood per known n-gram, in the order of the
     *                   profiles given
     */
    record Scores(String best, String second, double margin, int grams, double[] perGram) {
    }

    /** Scores a whole text. */
    Scores score(String text) {
        return score(text, Integer.MAX_VALUE, Double.POSITIVE_INFINITY);
    }

    /**
     * Scores a text, stopping after its first {@code firstChars} characters (up to the next
     * space) when the best language already leads the second by {@code sureMargin} per n-gram;
     * otherwise the rest is read too, and the result is exactly that of {@link #score(String)}:
     * n-grams never span a space in the middle, so a text cut at a space gives the same n-grams
     * as a whole. Reads a copy of the characters: the run's JVM compiles with C1 only, where
     * {@code String.charAt} is a call with its own bounds checks.
     */
    Scores score(String text, int firstChars, double sureMargin) {
        double[] sums = new double[languageCount];
        char[] chars = text.toCharArray();
        int cut = chars.length <= firstChars ? -1 : text.indexOf(' ', firstChars);
        if (cut < 0) {
            return scores(sums, accumulate(chars, 0, chars.length, sums));
        }
        int known = accumulate(chars, 0, cut, sums);
        Scores first = scores(sums, known);
        if (first.best() != null && first.margin() >= sureMargin) {
            return first;
        }
        return scores(sums, known + accumulate(chars, cut + 1, chars.length, sums));
    }

    /**
     * Adds the log-likelihoods of every n-gram of {@code chars[from, to)}, normalised and padded
     * with a space at both ends, to {@code sums}; returns how many n-grams were known.
     */
    private int accumulate(char[] chars, int from, int to, double[] sums) {
        int known = 0;
        // padded, normalised, runs of spaces collapsed: a sliding window of three characters
        char a = ' ';
        char b = 0;
        char previous = ' ';
        for (int i = from; i <= to; i++) {
            char c = i < to ? NORMALIZED[chars[i]] : ' ';
            if (c == ' ' && previous == ' ') {
                continue;
            }
            previous = c;
            if (b == 0) {
                // first character after the leading space: the 2-gram " c" and the 1-gram c
                b = c;
                known += add(slotFor(key2(a, b), false), sums);
                known += add(slotFor(key1(b), false), sums);
                continue;
            }
            // window a b c: the 1-gram c, the 2-gram bc, the 3-gram abc (none with a space in the middle)
            if (c != ' ') {
                known += add(slotFor(key1(c), false), sums);
            }
            known += add(slotFor(key2(b, c), false), sums);
            if (b != ' ') {
                known += add(slotFor(key3(a, b, c), false), sums);
            }
            a = b;
            b = c;
        }
        return known;
    }

    private Scores scores(double[] sums, int known) {
        if (known == 0) {
            return new Scores(null, null, 0, 0, new double[languageCount]);
        }
        int best = 0;
        for (int l = 1; l < languageCount; l++) {
            if (sums[l] > sums[best]) {
                best = l;
            }
        }
        int second = best == 0 ? (languageCount > 1 ? 1 : 0) : 0;
        for (int l = 0; l < languageCount; l++) {
            if (l != best && sums[l] > sums[second]) {
                second = l;
            }
        }
        double[] perGram = new double[languageCount];
        for (int l = 0; l < languageCount; l++) {
            perGram[l] = sums[l] / known;
        }
        double margin = languageCount > 1 ? (sums[best] - sums[second]) / known : Double.POSITIVE_INFINITY;
        return new Scores(languages[best], languageCount > 1 ? languages[second] : null, margin, known, perGram);
    }

    /** Adds the log-likelihoods of the n-gram in {@code slot} (-1: unknown, nothing added); returns 1 if added. */
    private int add(int slot, double[] sums) {
        if (slot < 0) {
            return 0;
        }
        float[] values = logLikelihoods;
        int base = offsets[slot];
        for (int l = 0; l < sums.length; l++) {
            sums[l] += values[base + l];
        }
        return 1;
    }

    /** The slot holding {@code key}; with {@code insert}, a new one when absent, else -1. */
    private int slotFor(long key, boolean insert) {
        long h = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 29)) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == 0) {
                if (!insert) {
                    return -1;
                }
                keys[slot] = key;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** A profile's n-gram as a key: its length, then its characters, 16 bits each (never 0). */
    private static long key(String gram) {
        return switch (gram.length()) {
            case 1 -> key1(gram.charAt(0));
            case 2 -> key2(gram.charAt(0), gram.charAt(1));
            case 3 -> key3(gram.charAt(0), gram.charAt(1), gram.charAt(2));
            default -> throw new IllegalArgumentException("n-gram of length " + gram.length() + ": " + gram);
        };
    }

    private static long key1(char c) {
        return (1L << 48) | c;
    }

    private static long key2(char c0, char c1) {
        return (2L << 48) | ((long) c0 << 16) | c1;
    }

    private static long key3(char c0, char c1, char c2) {
        return (3L << 48) | ((long) c0 << 32) | ((long) c1 << 16) | c2;
    }

    @Override
    public String toString() {
        return "NgramLanguageScorer" + Arrays.toString(languages);
    }
}
