package org.puente.extraction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts words the way translation work is costed: runs of letters (with their marks) or digits. */
public final class WordCount {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}'’\\-]*");

    private WordCount() {
    }

    public static int of(CharSequence text) {
        if (text == null) {
            return 0;
        }
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
