package org.puente.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;

/**
 * Tika's default format detection ({@link DefaultDetector}: its container detectors and its
 * media-type rules), with the same answers and one rule made cheap. The parser processes detect
 * with it ({@code <detectors>} in their tika-config.xml).
 *
 * <p>Tika 3.3.1's rule for Illustrator artwork, the regular expression
 * {@value #ILLUSTRATOR_RULE} at offsets 0 to 8192, is tried on every document that no
 * stronger rule claims first: for each of the 8,193 offsets Tika resets a matcher over a
 * 16 KB window it has just copied and decoded. Under the parser processes' C1 compiler that rule
 * cost about 0.5 ms per document, a third of all detection (both detectors side by side in one
 * JVM, on 8 KB documents). Here that rule sits behind a guard, the two bytes {@value #GUARD} that any match
 * holds {@value #GUARD_POSITION} bytes after its start: a byte scan, and the expression only
 * runs when the guard is found. A match implies the guard, so every document gets the type
 * Tika's own rules give it. The guard adds two to the rule's size, by which Tika orders
 * rules of one priority; no rule of that priority (60) has a size between the two, so the order
 * in which rules are tried, and hence which of two matching types wins, is unchanged too
 * ({@code FormatDetectorTest} checks both).
 *
 * <p>Built once per JVM from Tika's own {@code tika-mimetypes.xml} (and any
 * {@code custom-mimetypes.xml}, as Tika reads them); when a Tika version no longer has that rule,
 * Tika's rules are used as they are.
 */
public final class FormatDetector extends DefaultDetector {

    private static final long serialVersionUID = 1L;

    /** Tika's rule, as written in its {@code tika-mimetypes.xml}. */
    static final String ILLUSTRATOR_RULE = "[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]";
    /** Bytes every match of {@link #ILLUSTRATOR_RULE} holds... */
    static final String GUARD = "5_";
    /** ...this many bytes after the match's start ({@code \r}, {@code %}, {@code A}, {@code I}). */
    static final int GUARD_POSITION = 4;

    /** How {@link #ILLUSTRATOR_RULE} is written in the XML file (backslashes are not XML escapes). */
    private static final String RULE_ATTRIBUTE = "value=\"" + ILLUSTRATOR_RULE + "\"";
    private static final Pattern OFFSET_ATTRIBUTE = Pattern.compile(" offset=\"([0-9:]*)\"");
    private static final String TIKA_RULES = "org/apache/tika/mime/tika-mimetypes.xml";
    private static final String CUSTOM_RULES = "custom-mimetypes.xml";

    /**
     * The constructor Tika's configuration calls for a {@code <detector>} that is a
     * {@link DefaultDetector}: its media types are replaced by the guarded ones.
     */
    public FormatDetector(MimeTypes configured, ServiceLoader loader,
                          Collection<Class<? extends Detector>> excluded) {
        super(GuardedRules.TYPES, loader, excluded);
    }

    public FormatDetector() {
        this(null, new ServiceLoader(), Set.of());
    }

    /** How many rules were guarded: 1 with Tika 3.3.1, 0 when a Tika version no longer has it. */
    static int guardedRules() {
        return GuardedRules.COUNT;
    }

    /** Built on first use, once per JVM. */
    private static final class GuardedRules {
        private static final int COUNT;
        private static final MimeTypes TYPES;

        static {
            ClassLoader loader = MimeTypes.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(TIKA_RULES)) {
                if (in == null) {
                    throw new IOException(TIKA_RULES + " is not on the class path");
                }
                String rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String guarded = guard(rules);
                COUNT = guarded == null ? 0 : 1;
                TYPES = guarded == null ? MimeTypes.getDefaultMimeTypes() : mimeTypes(guarded, loader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Tika's media type rules", e);
            } catch (MimeTypeException e) {
                throw new IllegalStateException("cannot read Tika's media type rules: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Tika's rules with the {@code <match .../>} element of {@link #ILLUSTRATOR_RULE} wrapped in a
     * {@code <match>} of {@link #GUARD} (Tika reads a nested match as "the outer one and the inner
     * one", the outer one first), or null unless the rules hold that element exactly once, as
     * Tika 3.3.1's do. The text is edited rather than parsed into a DOM and written back, which
     * cost a parser process about 0.15 s at every start.
     */
    static String guard(String rules) {
        int value = rules.indexOf(RULE_ATTRIBUTE);
        if (value < 0 || rules.indexOf(RULE_ATTRIBUTE, value + 1) >= 0) {
            return null;
        }
        int start = rules.lastIndexOf("<match", value);
        int end = rules.indexOf('>', value) + 1;
        if (start < 0 || end == 0) {
            return null;
        }
        String element = rules.substring(start, end);
        Matcher offset = OFFSET_ATTRIBUTE.matcher(element);
        if (!element.endsWith("/>") || !element.contains(" type=\"regex\"") || !offset.find()) {
            return null;
        }
        String guard = "<match value=\"" + GUARD + "\" type=\"string\" offset=\""
                + shifted(offset.group(1), GUARD_POSITION) + "\">";
        return rules.substring(0, start) + guard + element + "</match>" + rules.substring(end);
    }

    /** An offset ({@code 0}) or offset range ({@code 0:8192}) moved by {@code by} bytes, as a range. */
    static String shifted(String offset, int by) {
        String[] range = (offset.isBlank() ? "0" : offset).split(":");
        int begin = Integer.parseInt(range[0].strip());
        int end = range.length > 1 ? Integer.parseInt(range[1].strip()) : begin;
        return (begin + by) + ":" + (end + by);
    }

    /** Media types from the guarded rules, then the custom ones, as {@link MimeTypes#getDefaultMimeTypes()} reads them. */
    private static MimeTypes mimeTypes(String rules, ClassLoader loader) throws IOException, MimeTypeException {
        List<InputStream> streams = new ArrayList<>();
        streams.add(new ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)));
        try {
            for (URL custom : Collections.list(loader.getResources(CUSTOM_RULES))) {
                streams.add(custom.openStream());
            }
            String external = System.getProperty(MimeTypesFactory.CUSTOM_MIMES_SYS_PROP);
            if (external != null) {
                streams.add(Files.newInputStream(Path.of(external)));
            }
            return MimeTypesFactory.create(streams.toArray(InputStream[]::new));
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }
}
