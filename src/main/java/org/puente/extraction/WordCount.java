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

    private WordCount() {
    }

    public static int of(CharSequence text) {
        if (text == null) {
            return 0;
        }
        // a copy of the characters: the run's JVM compiles with C1 only, where charAt is a call
        char[] chars = text.toString().toCharArray();
        int n = 0;
        boolean inWord = false;
        int length = chars.length;
        for (int i = 0; i < length; ) {
            char c = chars[i];
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[i + 1])) {
                cp = Character.toCodePoint(c, chars[i + 1]);
                i += 2;
            } else {
                i++;
            }
            if (inWord && (isLetterOrNumber(cp) || isMark(cp) || cp == '\'' || cp == '\u2019' || cp == '-')) {
                continue;
            }
            inWord = isLetterOrNumber(cp);
            if (inWord) {
                n++;
            }
        }
        return n;
    }

    private static boolean isLetterOrNumber(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static boolean isMark(int cp) {
        if (cp < 0x80) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
