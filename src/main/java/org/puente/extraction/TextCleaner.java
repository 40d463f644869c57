package org.puente.extraction;

import java.util.regex.Pattern;

/**
 * Removes from a text what carries no evidence of its natural language before it is given to
 * the language model: markup tags and entities, URLs, e-mail addresses, file paths, format
 * placeholders, command-line options, identifiers and every token that holds a digit.
 *
 * <p>Stateless and thread-safe (the patterns are compiled once).
 */
final class TextCleaner {

    /** Markup tags ({@code <b>}, {@code </p>}, {@code <br/>}) and character entities. */
    private static final Pattern TAGS = Pattern.compile("<[/!?]?[A-Za-z][^<>]{0,500}>|&(?:#\\d+|#x[0-9A-Fa-f]+|[A-Za-z]{2,8});");

    private static final Pattern URLS = Pattern.compile(
            "(?i)\\b(?:[a-z][a-z0-9+.-]{1,15}://|www\\.|mailto:)\\S+");

    private static final Pattern EMAILS = Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    /**
     * Placeholders of the usual formats: {@code ${x}}, {@code {{x}}}, {@code {0}}, {@code {name}},
     * printf's {@code %s} / {@code %1$s} / {@code %-5.2f}, Python's {@code %(name)s}.
     */
    private static final Pattern PLACEHOLDERS = Pattern.compile(
            "\\$\\{[^}\\s]*}|\\{\\{[^}]*}}|\\{[^{}\\s]*}|%\\([^)\\s]*\\)[a-zA-Z]|%(?:\\d+\\$)?[-#+0,(]*\\d*(?:\\.\\d+)?[sdfiouxXeEgGcbnS%@]");

    /** Command options at the start of a token: {@code --force}, {@code -v}, {@code -Xmx}. */
    private static final Pattern OPTIONS = Pattern.compile("(?<!\\S)--?[A-Za-z][\\w-]*(?:=\\S*)?");

    private TextCleaner() {
    }

    /**
     * The text with the non-linguistic tokens removed and whitespace collapsed; never null.
     * Each pattern only runs when the text holds the character it needs (most paragraphs hold
     * none), and tokens are filtered in one pass: this runs on every paragraph of every document.
     */
    static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text;
        if (s.indexOf('<') >= 0 || s.indexOf('&') >= 0) {
            s = TAGS.matcher(s).replaceAll(" ");
        }
        if (mayHoldUrl(s)) {
            s = URLS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('@') >= 0) {
            s = EMAILS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('{') >= 0 || s.indexOf('%') >= 0) {
            s = PLACEHOLDERS.matcher(s).replaceAll(" ");
        }
        if (mayHoldOption(s)) {
            s = OPTIONS.matcher(s).replaceAll(" ");
        }
        return words(s);
    }

    /**
     * The tokens of {@code s} that are words ({@link #isWord}), separated by single spaces. Reads
     * a copy of the characters: the run's JVM compiles with C1 only, where {@code String.charAt}
     * is a call with its own bounds checks, and this runs on every paragraph of every document.
     */
    static String words(String s) {
        char[] in = s.toCharArray();
        char[] out = new char[in.length];
        int length = 0;
        int i = 0;
        int n = in.length;
        while (i < n) {
            while (i < n && Character.isWhitespace(in[i])) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(in[i])) {
                i++;
            }
            if (i > start && isWord(in, start, i)) {
                if (length > 0) {
                    out[length++] = ' ';
                }
                System.arraycopy(in, start, out, length, i - start);
                length += i - start;
            }
        }
        return new String(out, 0, length);
    }

    /**
     * Whether {@link #URLS} may match: its alternatives need "://", "www." or "mailto:" (any case;
     * as before, an upper-case "WWW." is only looked for in a text with a colon). A colon or a
     * hyphen is in most sentences, a URL in few: the expressions that ran on every such paragraph
     * were a quarter of the cost of language profiling.
     */
    private static boolean mayHoldUrl(String s) {
        return s.indexOf("://") >= 0 || s.indexOf("www.") >= 0
                || (s.indexOf(':') >= 0 && (containsIgnoreCase(s, "www.") || containsIgnoreCase(s, "mailto:")));
    }

    /** Whether {@link #OPTIONS} can match: a hyphen at the start or after (ASCII) whitespace. */
    private static boolean mayHoldOption(String s) {
        for (int i = s.indexOf('-'); i >= 0; i = s.indexOf('-', i + 1)) {
            if (i == 0) {
                return true;
            }
            char before = s.charAt(i - 1);
            if (before == ' ' || before == '\t' || before == '\n' || before == '\u000B' || before == '\f' || before == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String s, String lowerCaseNeedle) {
        char first = lowerCaseNeedle.charAt(0);
        char upperFirst = Character.toUpperCase(first);
        int last = s.length() - lowerCaseNeedle.length();
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || c == upperFirst)
                    && s.regionMatches(true, i, lowerCaseNeedle, 0, lowerCaseNeedle.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * False for tokens that are not words of a language: anything with a digit, a slash or
     * backslash (paths, fractions), an underscore, a dot between letters (file names, packages,
     * host names), or a lower-case letter followed by an upper-case one (camelCase identifiers).
     */
    private static boolean isWord(char[] s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s[i];
            if (c < 128) {
                // ASCII, decided without Character's tables: the common case
                if ((c >= '0' && c <= '9') || c == '/' || c == '\\' || c == '_') {
                    return false;
                }
                if (i > start && i + 1 < end && c == '.' && Character.isLetter(s[i - 1])
                        && Character.isLetter(s[i + 1])) {
                    return false;
                }
                if (i > start && c >= 'A' && c <= 'Z' && Character.isLowerCase(s[i - 1])) {
                    return false;
                }
            } else if (Character.isDigit(c) || (i > start && Character.isUpperCase(c) && Character.isLowerCase(s[i - 1]))) {
                return false;
            }
        }
        return true;
    }

    /** Number of whitespace-separated tokens holding at least one letter. */
    static int countWords(String cleaned) {
        int words = 0;
        boolean inToken = false;
        boolean hasLetter = false;
        for (int i = 0; i < cleaned.length(); ) {
            int cp = cleaned.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                if (inToken && hasLetter) {
                    words++;
                }
                inToken = false;
                hasLetter = false;
            } else {
                inToken = true;
                hasLetter |= Character.isLetter(cp);
            }
        }
        return inToken && hasLetter ? words + 1 : words;
    }

    /** Number of letters (code points) in the text. */
    static int countLetters(String text) {
        char[] cs = text.toCharArray();
        int letters = 0;
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if (c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : Character.isLetter(c) || (Character.isHighSurrogate(c) && i + 1 < cs.length
                    && Character.isLetter(Character.toCodePoint(c, cs[i + 1])))) {
                letters++;
            }
        }
        return letters;
    }
}
