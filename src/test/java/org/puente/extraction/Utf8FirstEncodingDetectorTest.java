package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.tika.metadata.Metadata;
import org.junit.jupiter.api.Test;

/** The charset rule on its own, without a parser process. */
class Utf8FirstEncodingDetectorTest {

    private static Charset detect(byte[] bytes) throws Exception {
        return new Utf8FirstEncodingDetector().detect(new BufferedInputStream(new ByteArrayInputStream(bytes)), new Metadata());
    }

    @Test
    void shortAccentedUtf8IsUtf8() throws Exception {
        assertThat(detect("Relatório: ação, informação".getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(detect("Acción, educación, niño".getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void windows1252WithCurlyQuotesIsWindows1252() throws Exception {
        Charset cp1252 = Charset.forName("windows-1252");
        byte[] bytes = "La señora dijo “gracias” y pagó 20 € por la edición del año.".getBytes(cp1252);
        assertThat(detect(bytes)).isEqualTo(cp1252);
    }

    @Test
    void streamIsLeftWhereItWas() throws Exception {
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream("ação".getBytes(StandardCharsets.UTF_8)));
        new Utf8FirstEncodingDetector().detect(in, new Metadata());
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ação");
    }

    @Test
    void utf8Rules() {
        byte[] ascii = "plain ascii".getBytes(StandardCharsets.US_ASCII);
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(ascii, ascii.length, false)).isFalse();
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(overlong, 2, false)).isFalse();
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(surrogate, 3, false)).isFalse();
        byte[] cutInside = {'a', (byte) 0xC3, (byte) 0xA7, (byte) 0xC3};
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(cutInside, 4, true)).isTrue();
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(cutInside, 4, false)).isFalse();
        byte[] withNul = {'a', 0, (byte) 0xC3, (byte) 0xA7};
        assertThat(Utf8FirstEncodingDetector.isNonAsciiUtf8(withNul, 4, false)).isFalse();
    }
}
