package org.puente.extraction;

/**
 * Counts words the way translation work is costed: runs of letters (with their marks) or digits.
 *
 * <p>A word starts at a letter or digit and goes on over letters, combining marks, digits,
 * apostrophes ({@code '} and {@code ’}) and hyphens; it is the count of the matches of
 * {@code [\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*}, computed in one pass over the code points (the
 * regular expression cost a sixth of the pipeline's own work on 200 KB documents).
 */
public final class WordCount {

    /** What a character is to a word: it starts and continues one, only continues one, or neither. */
    private static final byte OTHER = 0;
    private static final byte LETTER_OR_NUMBER = 1;
    /** Combining marks, apostrophes ({@code '}, {@code ’}) and hyphens. */
    private static final byte CONTINUES = 2;
    /** A high surrogate: the code point it starts decides. */
    private static final byte HIGH_SURROGATE = 3;

    /**
     * The kind of every UTF-16 unit (64 KB, built once): one array read per character instead of
     * calls into {@link Character}'s tables, which the run's JVM (C1 only) does not inline; the
     * count of a 200 KB text took about 12 ns per character that way.
     */
    private static final byte[] KINDS = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            KINDS[c] = Character.isHighSurrogate((char) c) ? HIGH_SURROGATE : kind(c);
        }
    }

    private WordCount() {
    }

    public static int of(CharSequence text) {
        if (text == null) {
            return 0;
        }
        // a copy of the characters: the run's JVM compiles with C1 only, where charAt is a call
        char[] chars = text.toString().toCharArray();
        byte[] kinds = KINDS;
        int n = 0;
        boolean inWord = false;
        int length = chars.length;
        for (int i = 0; i < length; ) {
            int kind = kinds[chars[i]];
            if (kind == HIGH_SURROGATE) {
                // a pair is one code point; an unpaired surrogate is neither letter nor mark
                boolean paired = i + 1 < length && Character.isLowSurrogate(chars[i + 1]);
                kind = paired ? kind(Character.toCodePoint(chars[i], chars[i + 1])) : OTHER;
                i += paired ? 2 : 1;
            } else {
                i++;
            }
            if (inWord && kind != OTHER) {
                continue;
            }
            inWord = kind == LETTER_OR_NUMBER;
            if (inWord) {
                n++;
            }
        }
        return n;
    }

    private static byte kind(int cp) {
        if (isLetterOrNumber(cp)) {
            return LETTER_OR_NUMBER;
        }
        return isMark(cp) || cp == '\'' || cp == '\u2019' || cp == '-' ? CONTINUES : OTHER;
    }

    private static boolean isLetterOrNumber(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
