package org.puente.memory;

/**
 * The characters XML 1.0 allows: tab, line feed, carriage return, and U+0020 upwards except
 * lone surrogates, U+FFFE and U+FFFF. Text extracted from PDFs carries form feeds and other
 * C0 controls, and a TMX holding one is refused by every XML reader (Okapi's TMXWriter
 * copies them through), so they are dropped both when reading and before writing.
 */
public final class XmlCharacters {

    private XmlCharacters() {
    }

    /** True when the code point may appear in XML 1.0 (a surrogate code point on its own may not). */
    public static boolean isAllowed(int codePoint) {
        if (codePoint < 0x20) {
            return codePoint == '\t' || codePoint == '\n' || codePoint == '\r';
        }
        if (codePoint <= 0xD7FF) {
            return true;
        }
        if (codePoint <= 0xDFFF) {
            return false; // surrogate code points are never characters on their own
        }
        return codePoint != 0xFFFE && codePoint != 0xFFFF && codePoint <= 0x10FFFF;
    }

    /** {@code text} without the characters XML 1.0 forbids (lone surrogates included). */
    public static String strip(String text) {
        int bad = firstForbidden(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        b.append(text, 0, bad);
        for (int i = bad; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (isAllowed(cp)) {
                b.appendCodePoint(cp);
            }
            i += n;
        }
        return b.toString();
    }

    /** Index of the first forbidden character of {@code text}, or -1. */
    public static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isAllowed(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * Appends {@code s} to {@code b} escaped for XML text ({@code attribute} false) or a
     * double-quoted attribute value, dropping what XML 1.0 forbids; returns how many code
     * points were dropped.
     */
    public static int escape(String s, StringBuilder b, boolean attribute) {
        int dropped = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!isAllowed(cp)) {
                dropped++;
                continue;
            }
            switch (cp) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\r' -> b.append("&#13;"); // a literal CR would be read back as LF
                case '\n', '\t' -> {
                    if (attribute) {
                        b.append("&#").append(cp).append(';'); // attribute normalization would turn it into a space
                    } else {
                        b.append((char) cp);
                    }
                }
                default -> b.appendCodePoint(cp);
            }
        }
        return dropped;
    }
}
