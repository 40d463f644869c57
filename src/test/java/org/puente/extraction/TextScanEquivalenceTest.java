package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The one-pass scans that replaced regular expressions on every paragraph give what the
 * expressions gave: random texts over the characters that matter, against the former code.
 */
class TextScanEquivalenceTest {

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\u00A0]*\\n");
    private static final Pattern LINE_BREAK = Pattern.compile("\\n");
    private static final Pattern FENCED_CODE = Pattern.compile("(?m)^[ \\t]*(```|~~~)[^\\n]*\\n[\\s\\S]*?^[ \\t]*\\1[ \\t]*$");
    private static final Pattern TAGS = Pattern.compile("<[/!?]?[A-Za-z][^<>]{0,500}>|&(?:#\\d+|#x[0-9A-Fa-f]+|[A-Za-z]{2,8});");
    private static final Pattern URLS = Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]{1,15}://|www\\.|mailto:)\\S+");
    private static final Pattern EMAILS = Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PLACEHOLDERS = Pattern.compile(
            "\\$\\{[^}\\s]*}|\\{\\{[^}]*}}|\\{[^{}\\s]*}|%\\([^)\\s]*\\)[a-zA-Z]|%(?:\\d+\\$)?[-#+0,(]*\\d*(?:\\.\\d+)?[sdfiouxXeEgGcbnS%@]");
    private static final Pattern OPTIONS = Pattern.compile("(?<!\\S)--?[A-Za-z][\\w-]*(?:=\\S*)?");

    private static final Pattern CODE_LINE = Pattern.compile(
            "^\\s*(?:[$#>%] |>>> |import |package |#include|#!|<\\?|public |private |def |function |var |const |let |return |if ?\\(|for ?\\(|\\}|\\{).*"
                    + "|.*[;{}]\\s*$");
    private static final String CODE_SYMBOLS = "{}[]()<>=;|\\/$#_*&^~`";

    /** LanguageDetector.looksLikeCode as it was. */
    private static boolean formerLooksLikeCode(String paragraph) {
        int visible = 0;
        int symbols = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (!Character.isWhitespace(c)) {
                visible++;
                if (CODE_SYMBOLS.indexOf(c) >= 0) {
                    symbols++;
                }
            }
        }
        if (visible == 0) {
            return false;
        }
        if (symbols * 10 > visible) {
            return true;
        }
        int nonEmpty = 0;
        int code = 0;
        for (String line : LINE_BREAK.split(paragraph)) {
            if (!line.isBlank()) {
                nonEmpty++;
                if (CODE_LINE.matcher(line).matches()) {
                    code++;
                }
            }
        }
        return nonEmpty >= 2 && code * 2 > nonEmpty;
    }

    /** LanguageDetector.paragraphs as it was, minus the cutting of long paragraphs. */
    private static List<String> formerParagraphs(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        normalized = FENCED_CODE.matcher(normalized).replaceAll("\n");
        Pattern separator = BLANK_LINE.matcher(normalized).find() ? BLANK_LINE : LINE_BREAK;
        List<String> result = new ArrayList<>();
        for (String part : separator.split(normalized)) {
            String p = part.strip();
            if (!p.isEmpty()) {
                result.add(p);
            }
        }
        return result;
    }

    /** TextCleaner.clean's expressions as they ran before, each whenever its first character was there. */
    private static String formerExpressions(String s) {
        if (s.indexOf('<') >= 0 || s.indexOf('&') >= 0) {
            s = TAGS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf(':') >= 0 || s.indexOf("www.") >= 0) {
            s = URLS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('@') >= 0) {
            s = EMAILS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('{') >= 0 || s.indexOf('%') >= 0) {
            s = PLACEHOLDERS.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('-') >= 0) {
            s = OPTIONS.matcher(s).replaceAll(" ");
        }
        return s;
    }

    private static String random(Random random, String[] pieces, int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    @Test
    void paragraphsAreSplitAsTheExpressionsSplitThem() {
        String[] pieces = {"a", "word ", "Texto. ", "\n", "\n", "\r\n", "\r", " ", "\t", "\u00A0", "\u000B", "\f", "```", "~~~",
                "```java\ncode;\n```\n", "x\n\n", "  \n", "\u2028"};
        Random random = new Random(11);
        for (int round = 0; round < 50_000; round++) {
            String text = random(random, pieces, 24);
            assertThat(LanguageDetector.paragraphs(text)).as("%s", text.replace("\n", "\\n")).isEqualTo(formerParagraphs(text));
        }
    }

    @Test
    void codeLinesAreToldAsTheExpressionToldThem() {
        String[] pieces = {"x", "Texto ", " ", "\t", "\r", "\n", "\u000B", "\f", "\u00A0", "\u2028", "\u0085", ";", "{", "}", "$ ", "$",
                "# ", ">>> ", "import ", "import", "if(", "if (", "for(", "def ", "let ", "return ", "#include", "#!", "<?", "=", "é"};
        Random random = new Random(17);
        for (int round = 0; round < 100_000; round++) {
            String line = random(random, pieces, 8);
            if (line.indexOf('\n') < 0) {
                assertThat(LanguageDetector.isCodeLine(line)).as("%s", line).isEqualTo(CODE_LINE.matcher(line).matches());
            }
            String paragraph = random(random, pieces, 30);
            assertThat(LanguageDetector.looksLikeCode(paragraph)).as("%s", paragraph).isEqualTo(formerLooksLikeCode(paragraph));
        }
    }

    @Test
    void cleaningRemovesWhatTheExpressionsRemoved() {
        String[] pieces = {"word", " ", "-", "--", "-v", " -x", "\t-", "a-b", ":", "://", "http", "HTTP://x", "www.", "WWW.", "Www.",
                "mailto:", "MAILTO:", "ma", "ilto:", "@", "x@y.z", "{0}", "%s", "<b>", "&amp;", ".", "é", "\n", "-Xmx=4"};
        Random random = new Random(13);
        for (int round = 0; round < 50_000; round++) {
            String text = random(random, pieces, 16);
            assertThat(TextCleaner.clean(text)).as(text).isEqualTo(TextCleaner.words(formerExpressions(text)));
        }
    }
}
