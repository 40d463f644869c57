package org.puente.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a TMX file's encoding the way XML 1.0 Appendix F says: byte order mark first (UTF-8,
 * UTF-16LE, UTF-16BE), then the shape of the first characters ({@code <?} in UTF-16 without a
 * mark), then the XML declaration's {@code encoding}, else UTF-8. Decoding is strict: bytes
 * that are not valid in that encoding stop the import instead of turning into U+FFFD.
 */
final class TmxDecoding {

    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private TmxDecoding() {
    }

    record Decoded(Reader reader, Charset charset) {
    }

    static Decoded open(InputStream in, Path file) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("needs a stream that supports mark");
        }
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        int n = head.length;
        Charset charset;
        int skip = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?') {
            charset = StandardCharsets.UTF_16BE;
        } else if (n >= 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declared(new String(head, StandardCharsets.ISO_8859_1), file);
        }
        in.skipNBytes(skip);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new Decoded(new InputStreamReader(in, decoder), charset);
    }

    /**
     * Line and column (1-based) of the first bytes of {@code file} that are not valid in
     * {@code charset}, or null. Run only after decoding failed: the reader's decoder reports
     * failures a buffer ahead of what it delivered, so the place is found by decoding again.
     */
    static int[] locateMalformed(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(64 * 1024);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(64 * 1024);
        int line = 1;
        int column = 1;
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (r < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + r);
                    }
                }
                bytes.flip();
                java.nio.charset.CoderResult result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                chars.clear();
                bytes.compact();
                if (result.isError()) {
                    return new int[] {line, column};
                }
                if (eof && result.isUnderflow() && bytes.position() == 0) {
                    return null;
                }
            }
        }
    }

    private static Charset declared(String head, Path file) throws TmxFormatException {
        Matcher m = ENCODING.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(1);
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new TmxFormatException(file, 1, 0, "the XML declaration names the encoding \"" + name
                    + "\", which this Java cannot decode; convert the file to UTF-8");
        }
        if (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
            // The bytes are ASCII-shaped, so the declaration is wrong; UTF-16 files are recognized above.
            throw new TmxFormatException(file, 1, 0, "the XML declaration says " + name
                    + " but the file is not written in it (no byte order mark, one byte per character); save it again as UTF-8 or as UTF-16 with a byte order mark");
        }
        return charset;
    }
}
