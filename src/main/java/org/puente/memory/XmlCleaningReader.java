package org.puente.memory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Sits between the decoder and the XML parser and does what the parser cannot be told to do:
 * <ul>
 * <li>drops characters XML 1.0 forbids, literal or as character references
 *     ({@code &#12;}, {@code &#x0C;}), and lone surrogates, and counts them: real TMX files
 *     carry form feeds from PDF text, and a conforming parser refuses the whole file for one;</li>
 * <li>notes where the prolog declares entities ({@code <!ENTITY}): with DTD support off the
 *     JDK parser no longer reports them, so this is how an XXE or "billion laughs" file is
 *     recognized and refused by name;</li>
 * <li>remembers a decoding failure (bytes that are not valid in the file's encoding) and the
 *     line it happened on, since the parser only passes on a vague wrapped error.</li>
 * </ul>
 * Character data inside CDATA sections is passed through apart from forbidden literals: a
 * reference written there is text, not a reference. Lines are counted on the text handed to
 * the parser; dropped characters never include line ends, so line numbers agree with the file.
 */
final class XmlCleaningReader extends Reader {

    private static final int MAX_REFERENCE = 12; // "&#x0010FFFF;"

    private final Reader in;
    private final char[] buf = new char[16 * 1024];
    private int pos;
    private int len;
    private boolean eof;

    private int line = 1;
    private boolean inCdata;
    private boolean inProlog = true;
    private boolean highSurrogateEmitted;

    private long stripped;
    private int firstStrippedLine;
    private int entityDeclarationLine;
    private int decodingFailureLine;
    private CharacterCodingException decodingFailure;

    XmlCleaningReader(Reader in) {
        this.in = in;
    }

    long stripped() {
        return stripped;
    }

    int firstStrippedLine() {
        return firstStrippedLine;
    }

    /** Line of the first {@code <!ENTITY} before the root element, or 0. */
    int entityDeclarationLine() {
        return entityDeclarationLine;
    }

    CharacterCodingException decodingFailure() {
        return decodingFailure;
    }

    int decodingFailureLine() {
        return decodingFailureLine;
    }

    @Override
    public int read(char[] out, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        int w = off;
        int end = off + n;
        while (w < end) {
            if (pos >= len && !fill(1)) {
                break;
            }
            char c = buf[pos];
            if (c > '&' && c < 0xD800 && c != '<' && c != ']') {
                out[w++] = c; // the common case: an ordinary character
                pos++;
                continue;
            }
            if (c == '\n') {
                line++;
                out[w++] = c;
                pos++;
            } else if (c < 0x20 && c != '\t' && c != '\r') {
                strip(1);
            } else if (c == '&' && !inCdata) {
                int ref = forbiddenReferenceLength();
                if (ref > 0) {
                    strip(ref);
                } else {
                    out[w++] = c;
                    pos++;
                }
            } else if (c == '<' && !inCdata) {
                lookAtMarkup();
                out[w++] = c;
                pos++;
            } else if (c == ']' && inCdata) {
                if (startsWith("]]>")) {
                    inCdata = false;
                }
                out[w++] = c;
                pos++;
            } else if (Character.isHighSurrogate(c)) {
                fill(2);
                if (pos + 1 < len && Character.isLowSurrogate(buf[pos + 1])) {
                    highSurrogateEmitted = true;
                    out[w++] = c;
                    pos++;
                } else {
                    strip(1);
                }
            } else if (Character.isLowSurrogate(c)) {
                if (highSurrogateEmitted) {
                    highSurrogateEmitted = false;
                    out[w++] = c;
                    pos++;
                } else {
                    strip(1);
                }
            } else if (c == 0xFFFE || c == 0xFFFF) {
                strip(1);
            } else {
                out[w++] = c;
                pos++;
            }
        }
        return w == off ? -1 : w - off;
    }

    private void strip(int count) {
        stripped++;
        if (firstStrippedLine == 0) {
            firstStrippedLine = line;
        }
        pos += count;
    }

    private void lookAtMarkup() throws IOException {
        if (startsWith("<![CDATA[")) {
            inCdata = true;
        } else if (inProlog) {
            if (startsWith("<!ENTITY")) {
                if (entityDeclarationLine == 0) {
                    entityDeclarationLine = line;
                }
            } else if (pos + 1 < len || fill(2)) {
                char next = pos + 1 < len ? buf[pos + 1] : 0;
                if (next != '!' && next != '?') {
                    inProlog = false; // the root element starts
                }
            }
        }
    }

    /** Length of a character reference at pos to a character XML forbids, else 0. */
    private int forbiddenReferenceLength() throws IOException {
        fill(MAX_REFERENCE);
        int i = pos + 1;
        if (i >= len || buf[i] != '#') {
            return 0;
        }
        i++;
        int radix = 10;
        if (i < len && (buf[i] == 'x')) {
            radix = 16;
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < len && i - pos < MAX_REFERENCE) {
            int d = Character.digit(buf[i], radix);
            if (d < 0) {
                break;
            }
            value = value * radix + d;
            digits++;
            i++;
        }
        if (digits == 0 || i >= len || buf[i] != ';' || value > 0x10FFFF) {
            return 0; // not a reference we understand: the parser will judge it
        }
        return XmlCharacters.isAllowed((int) value) ? 0 : i + 1 - pos;
    }

    private boolean startsWith(String s) throws IOException {
        fill(s.length());
        if (len - pos < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code need} characters available unless the input ends; true if at least one is. */
    private boolean fill(int need) throws IOException {
        if (len - pos >= need || eof) {
            return len > pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
        }
        while (len < need && !eof) {
            int r;
            try {
                r = in.read(buf, len, buf.length - len);
            } catch (CharacterCodingException e) {
                decodingFailure = e;
                decodingFailureLine = line;
                for (int i = pos; i < len; i++) {
                    if (buf[i] == '\n') {
                        decodingFailureLine++;
                    }
                }
                throw e;
            }
            if (r < 0) {
                eof = true;
            } else {
                len += r;
            }
        }
        return len > pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
