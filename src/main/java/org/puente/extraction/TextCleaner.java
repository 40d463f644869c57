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

    /**
     * Whole tokens that are not words of a language: anything with a digit, a slash or backslash
     * (paths, fractions), an underscore, or a dot inside (file names, packages, host names),
     * and camelCase identifiers.
     */
    private static final Pattern NON_WORD_TOKENS = Pattern.compile(
            "\\S*[\\d/\\\\_]\\S*|\\S*\\p{L}\\.\\p{L}\\S*|\\S*\\p{Ll}\\p{Lu}\\S*");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextCleaner() {
    }

    /** The text with the non-linguistic tokens removed and whitespace collapsed; never null. */
    static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = TAGS.matcher(text).replaceAll(" ");
        s = URLS.matcher(s).replaceAll(" ");
        s = EMAILS.matcher(s).replaceAll(" ");
        s = PLACEHOLDERS.matcher(s).replaceAll(" ");
        s = OPTIONS.matcher(s).replaceAll(" ");
        s = NON_WORD_TOKENS.matcher(s).replaceAll(" ");
        return SPACES.matcher(s).replaceAll(" ").strip();
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
    static int countLetters(CharSequence text) {
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLetter(Character.toCodePoint(c, text.charAt(i + 1))))) {
                letters++;
            }
        }
        return letters;
    }
}
