package org.puente.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FormatDetector} answers as Tika's own detection does, rule for rule. */
class FormatDetectorTest {

    private static final MediaType ILLUSTRATOR = MediaType.parse("application/illustrator+ps");
    private static final String AI_LINE = "\n%AI5_FileFormat 3\n";

    @TempDir
    Path dir;

    private final Detector tika = new DefaultDetector();
    private final Detector guarded = new FormatDetector();

    @Test
    void guardsTikasIllustratorRule() {
        assertThat(FormatDetector.guardedRules()).isEqualTo(1);
    }

    @Test
    void detectsWhatTikaDetects() throws Exception {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("empty", new byte[0]);
        samples.put("spanish text", "La biblioteca pública abre de lunes a viernes.\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        samples.put("html", "<html><head><title>t</title></head><body><p>hola</p></body></html>".getBytes(StandardCharsets.UTF_8));
        samples.put("postscript artwork", ("%!PS-Adobe-3.0\n%%Creator: Adobe Illustrator(R) 8.0" + AI_LINE + "%%EndComments\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        samples.put("artwork line with CR", ("%!PS-Adobe-2.0\r%AI5_FileFormat 2\r").getBytes(StandardCharsets.ISO_8859_1));
        samples.put("artwork line in text", ("notes" + AI_LINE).getBytes(StandardCharsets.ISO_8859_1));
        samples.put("guard without the rest", "version 5_ of the plan\n".repeat(50).getBytes(StandardCharsets.ISO_8859_1));
        samples.put("almost an artwork line", "\n%AI5_FileFormat 9\n".getBytes(StandardCharsets.ISO_8859_1));
        // rules of the same priority: html and Ogg starts with an artwork line inside
        samples.put("html holding an artwork line", ("<html><body>" + AI_LINE + "</body></html>").getBytes(StandardCharsets.ISO_8859_1));
        samples.put("pdf holding an artwork line", ("%PDF-1.4\n%âãÏÓ" + AI_LINE + "1 0 obj\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] ogg = new byte[200];
        System.arraycopy("OggS\0".getBytes(StandardCharsets.ISO_8859_1), 0, ogg, 0, 5);
        System.arraycopy("\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1), 0, ogg, 28, 7);
        System.arraycopy(AI_LINE.getBytes(StandardCharsets.ISO_8859_1), 0, ogg, 100, AI_LINE.length());
        samples.put("ogg holding an artwork line", ogg);
        // the rule's window: a line starting at offsets 0 to 8192 counts, one starting later does not
        for (int start : new int[] {0, 1, 8190, 8191, 8192, 8193, 8200}) {
            samples.put("artwork line at " + start, lineAt(start));
        }
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        samples.put("random bytes", random);
        samples.put("docx", Files.readAllBytes(Fixtures.docx(dir.resolve("a.docx"), "Plan", "Ana", "Texto del plan.")));
        samples.put("pdf", Files.readAllBytes(Fixtures.pdf(dir.resolve("a.pdf"), "Plan", "Ana", "Texto del plan.")));
        samples.put("odt", Files.readAllBytes(Fixtures.odt(dir.resolve("a.odt"))));

        List<String> differences = new ArrayList<>();
        Map<String, MediaType> found = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            MediaType expected = detect(tika, sample.getValue());
            MediaType actual = detect(guarded, sample.getValue());
            found.put(sample.getKey(), actual);
            if (!expected.equals(actual)) {
                differences.add(sample.getKey() + ": Tika " + expected + ", guarded " + actual);
            }
        }
        assertThat(differences).isEmpty();
        // the samples do reach the guarded rule, and its window ends where Tika's does
        assertThat(found.get("postscript artwork")).isEqualTo(ILLUSTRATOR);
        assertThat(found.get("artwork line with CR")).isEqualTo(ILLUSTRATOR);
        assertThat(found.get("artwork line at 0")).isEqualTo(ILLUSTRATOR);
        assertThat(found.get("artwork line at 8192")).isEqualTo(ILLUSTRATOR);
        assertThat(found.get("artwork line at 8193")).isNotEqualTo(ILLUSTRATOR);
        assertThat(found.get("guard without the rest")).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(found.get("docx").toString()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    /**
     * Tika tries rules by priority, then size, then type: the guard must not move the rule it
     * guards among the others, or a document two rules match could change type.
     */
    @Test
    void keepsTikasOrderOfRules() throws Exception {
        List<String> tikaOrder = ruleOrder(MimeTypes.getDefaultMimeTypes());
        List<String> guardedOrder = ruleOrder(guardedTypes());
        assertThat(guardedOrder).hasSameSizeAs(tikaOrder);
        assertThat(guardedOrder).isEqualTo(tikaOrder);
    }

    @Test
    void shiftsOffsetsAndRanges() {
        assertThat(FormatDetector.shifted("0:8192", 4)).isEqualTo("4:8196");
        assertThat(FormatDetector.shifted("12", 4)).isEqualTo("16:16");
        assertThat(FormatDetector.shifted("", 4)).isEqualTo("4:4");
    }

    private static byte[] lineAt(int start) {
        byte[] bytes = new byte[start + AI_LINE.length() + 100];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(AI_LINE.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, start, AI_LINE.length());
        return bytes;
    }

    private static MediaType detect(Detector detector, byte[] bytes) throws Exception {
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            return detector.detect(in, new Metadata());
        }
    }

    /** The media types the guarded detector was built with (its MimeTypes detector). */
    private MimeTypes guardedTypes() {
        return ((FormatDetector) guarded).getDetectors().stream()
                .filter(MimeTypes.class::isInstance).map(MimeTypes.class::cast).findFirst().orElseThrow();
    }

    /** Each rule's type and priority, in the order Tika tries them (its private, sorted list). */
    private static List<String> ruleOrder(MimeTypes types) throws Exception {
        Field magics = MimeTypes.class.getDeclaredField("magics");
        magics.setAccessible(true);
        Class<?> magic = Class.forName("org.apache.tika.mime.Magic");
        Method type = magic.getDeclaredMethod("getType");
        Method priority = magic.getDeclaredMethod("getPriority");
        type.setAccessible(true);
        priority.setAccessible(true);
        List<String> order = new ArrayList<>();
        for (Object rule : (List<?>) magics.get(types)) {
            order.add(priority.invoke(rule) + " " + type.invoke(rule));
        }
        return order;
    }
}
