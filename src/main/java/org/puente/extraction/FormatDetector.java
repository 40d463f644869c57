package org.puente.extraction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;
import org.apache.tika.utils.XMLReaderUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Tika's default format detection ({@link DefaultDetector}: its container detectors and its
 * media-type rules), with the same answers and one rule made cheap. The parser processes detect
 * with it ({@code <detectors>} in their tika-config.xml).
 *
 * <p>Tika 3.3.1's rule for Illustrator artwork, the regular expression
 * {@value #ILLUSTRATOR_RULE} at offsets 0 to 8192, is tried on every document that no
 * stronger rule claims first: for each of the 8,193 offsets Tika resets a matcher over a
 * 16 KB window it has just copied and decoded. Under the parser processes' C1 compiler that was
 * about 0.7 ms per document, half of all detection and a tenth of a parser process's CPU on small
 * documents. Here that rule sits behind a guard, the two bytes {@value #GUARD} that any match
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
                Document rules = XMLReaderUtils.buildDOM(in);
                COUNT = guard(rules);
                TYPES = COUNT == 0 ? MimeTypes.getDefaultMimeTypes() : mimeTypes(rules, loader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Tika's media type rules", e);
            } catch (TikaException | SAXException | TransformerException e) {
                throw new IllegalStateException("cannot read Tika's media type rules: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Wraps each {@code <match>} of {@link #ILLUSTRATOR_RULE} in a {@code <match>} of
     * {@link #GUARD}: Tika reads a nested match as "the outer one and the inner one", the outer
     * one first. Returns how many were wrapped.
     */
    static int guard(Document rules) {
        NodeList matches = rules.getElementsByTagName("match");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < matches.getLength(); i++) {
            Element match = (Element) matches.item(i);
            if ("regex".equals(match.getAttribute("type")) && ILLUSTRATOR_RULE.equals(match.getAttribute("value"))) {
                found.add(match);
            }
        }
        for (Element match : found) {
            Element guard = rules.createElement("match");
            guard.setAttribute("value", GUARD);
            guard.setAttribute("type", "string");
            guard.setAttribute("offset", shifted(match.getAttribute("offset"), GUARD_POSITION));
            match.getParentNode().replaceChild(guard, match);
            guard.appendChild(match);
        }
        return found.size();
    }

    /** An offset ({@code 0}) or offset range ({@code 0:8192}) moved by {@code by} bytes, as a range. */
    static String shifted(String offset, int by) {
        String[] range = (offset.isBlank() ? "0" : offset).split(":");
        int begin = Integer.parseInt(range[0].strip());
        int end = range.length > 1 ? Integer.parseInt(range[1].strip()) : begin;
        return (begin + by) + ":" + (end + by);
    }

    /** Media types from the guarded rules, then the custom ones, as {@link MimeTypes#getDefaultMimeTypes()} reads them. */
    private static MimeTypes mimeTypes(Document rules, ClassLoader loader)
            throws IOException, TikaException, TransformerException {
        ByteArrayOutputStream xml = new ByteArrayOutputStream(1 << 20);
        XMLReaderUtils.getTransformer().transform(new DOMSource(rules), new StreamResult(xml));
        List<InputStream> streams = new ArrayList<>();
        streams.add(new ByteArrayInputStream(xml.toByteArray()));
        try {
            for (URL custom : Collections.list(loader.getResources(CUSTOM_RULES))) {
                streams.add(custom.openStream());
            }
            String external = System.getProperty(MimeTypesFactory.CUSTOM_MIMES_SYS_PROP);
            if (external != null) {
                streams.add(Files.newInputStream(Path.of(external)));
            }
            return MimeTypesFactory.create(streams.toArray(InputStream[]::new));
        } catch (MimeTypeException e) {
            throw new TikaException("invalid media type rules: " + e.getMessage(), e);
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }
}
