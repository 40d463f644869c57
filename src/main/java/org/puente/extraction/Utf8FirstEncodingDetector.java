package org.puente.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import java.util.List;

import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.HtmlEncodingDetector;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;
import org.apache.tika.parser.txt.UniversalEncodingDetector;

/**
 * Tika encoding detector that answers UTF-8 when the first bytes of a text are valid UTF-8 and
 * hold at least one non-ASCII character, and otherwise asks Tika's own detectors (HTML meta
 * charset, then the statistical Universal and ICU4J detectors). Tika's statistical detectors
 * guess short Spanish or Portuguese UTF-8 files as TIS-620 or ISO-8859-1; a byte sequence that is
 * valid UTF-8 with multi-byte characters is, in practice, never anything else.
 *
 * <p>When Tika's detectors answer ISO-8859-1 but the bytes hold 0x80-0x9F (C1 controls in
 * ISO-8859-1, but the euro sign, curly quotes and dashes in windows-1252), the answer is
 * windows-1252: that is what such files are, and the two agree on every other byte.
 *
 * <p>Public only because Tika instantiates it by class name from the configuration that
 * {@link DocumentExtractor} writes; not meant to be used directly.
 */
public final class Utf8FirstEncodingDetector implements EncodingDetector {

    private static final long serialVersionUID = 1L;

    /** Bytes looked at; Tika's statistical detectors look at a similar prefix. */
    static final int PROBE_BYTES = 64 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final EncodingDetector tikaDetectors = new CompositeEncodingDetector(List.of(
            new HtmlEncodingDetector(), new UniversalEncodingDetector(), new Icu4jEncodingDetector()));

    @Override
    public Charset detect(InputStream input, Metadata metadata) throws IOException {
        if (input == null || !input.markSupported()) {
            return null;
        }
        byte[] buffer = new byte[PROBE_BYTES];
        int length = 0;
        input.mark(PROBE_BYTES);
        try {
            int read;
            while (length < buffer.length
                    && (read = input.read(buffer, length, buffer.length - length)) != -1) {
                length += read;
            }
        } finally {
            input.reset();
        }
        if (isNonAsciiUtf8(buffer, length, length == PROBE_BYTES)) {
            return StandardCharsets.UTF_8;
        }
        Charset tikas = tikaDetectors.detect(input, metadata);
        if (StandardCharsets.ISO_8859_1.equals(tikas) && hasC1Bytes(buffer, length)) {
            return WINDOWS_1252;
        }
        return tikas;
    }

    private static boolean hasC1Bytes(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x80 && b <= 0x9F) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code bytes[0..length)} is well-formed UTF-8 (shortest forms, no surrogates, no
     * NUL) containing at least one multi-byte character. When {@code mayBeCut}, an incomplete
     * sequence at the very end is accepted (the probe may end inside a character).
     */
    static boolean isNonAsciiUtf8(byte[] bytes, int length, boolean mayBeCut) {
        int nonAscii = 0;
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b < 0x80) {
                i++;
                continue;
            }
            int needed;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + needed >= length) {
                // sequence runs past the end of what was read
                return mayBeCut && nonAscii > 0 && continuationBytes(bytes, i + 1, length);
            }
            int codePoint = b & (0xFF >> (needed + 2));
            for (int k = 1; k <= needed; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            nonAscii++;
            i += needed + 1;
        }
        return nonAscii > 0;
    }

    private static boolean continuationBytes(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }
}
