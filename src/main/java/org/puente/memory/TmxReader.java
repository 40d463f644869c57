package org.puente.memory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.puente.memory.TmSegment.Code;
import org.puente.memory.TmSegment.CodeType;
import org.puente.memory.TmSegment.Part;
import org.puente.memory.TmSegment.Text;

/**
 * Reads TMX files (1.4b, and 1.1 with its {@code lang} attribute) as written by OmegaT,
 * Trados, memoQ, Okapi and translate-toolkit, one unit at a time: memory stays bounded by the
 * largest unit, whatever the file's size.
 *
 * <p>Hostile files are refused, never half-read: no DTD is processed and nothing outside the
 * file is ever fetched (a {@code <!DOCTYPE tmx SYSTEM "tmx14.dtd">} is accepted and ignored);
 * a file that declares entities is refused by name (XXE, "billion laughs"); nesting, segment
 * and unit sizes are capped. Characters XML 1.0 forbids are dropped and counted (see
 * {@link XmlCleaningReader}).
 *
 * <p>Units reach the consumer as they are read, so a consumer that must be all or nothing
 * (an import) keeps what it receives aside until {@link #read} returns, and discards it on a
 * {@link TmxFormatException}. Reading the file once with a consumer that does nothing is a
 * full validation. A reader is immutable and may be shared between threads.
 */
public final class TmxReader {

    /** Inline codes nested deeper than this (e.g. hi in hi in hi...) are refused: no real file needs it. */
    static final int MAX_INLINE_DEPTH = 32;
    /** A segment longer than this is refused: it is a document, not a segment, or an attack. */
    static final int MAX_SEGMENT_CHARACTERS = 1_000_000;
    /** Variants, props and notes of one unit together. */
    static final int MAX_UNIT_ELEMENTS = 10_000;

    private static final DateTimeFormatter TMX_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private final XMLInputFactory factory;

    public TmxReader() {
        // The JDK's own StAX parser, not whichever one the classpath offers (Tika brings
        // Woodstox): its hardening properties below are the ones that were tested.
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty("jdk.xml.maxElementDepth", "64");
        factory.setProperty("jdk.xml.entityExpansionLimit", "100"); // a second line of defence behind the <!ENTITY check
        // Since JDK 24 the entity size limits also count the predefined entities (&lt; &amp;...) of
        // the whole document: a TMX of 100,000 units with escaped tags went over them. Without a
        // DTD no other entity can exist, so there is nothing for these limits to guard.
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", "0");
        factory.setProperty("jdk.xml.totalEntitySizeLimit", "0");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("refused to fetch " + systemId + ": TMX files are read without outside resources");
        });
    }

    /**
     * Reads {@code file}, handing each unit to {@code units} in file order.
     *
     * @throws TmxFormatException the file is not a usable TMX file; the message says where and why
     * @throws IOException        the file could not be read
     */
    public TmxSummary read(Path file, Consumer<? super TranslationUnit> units) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            TmxDecoding.Decoded decoded = TmxDecoding.open(raw, file);
            XmlCleaningReader in = new XmlCleaningReader(decoded.reader());
            XMLStreamReader xml;
            try {
                synchronized (factory) { // XMLInputFactory is not documented as thread-safe; the readers it makes are independent
                    xml = factory.createXMLStreamReader(in);
                }
            } catch (XMLStreamException e) {
                throw refusal(file, in, e, decoded.charset());
            }
            Parse parse = new Parse(file, xml, in);
            try {
                TmxHeader header = parse.document(units);
                return new TmxSummary(file, decoded.charset(), header, parse.unitCount, parse.variantCount,
                        parse.languages, in.stripped(), in.firstStrippedLine());
            } catch (XMLStreamException e) {
                throw refusal(file, in, e, decoded.charset());
            } finally {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the underlying reader is closed with the stream
                }
            }
        }
    }

    /**
     * Reads the content of one {@code <seg>} as {@link TmSegment#toXml()} wrote it (how the
     * memory stores segments), with the same checks as a file.
     */
    public TmSegment segment(String segmentXml) throws IOException {
        if (segmentXml.indexOf('<') < 0 && segmentXml.indexOf('&') < 0) {
            return TmSegment.of(segmentXml); // plain text, most segments: nothing to parse
        }
        Path origin = Path.of("stored segment");
        XmlCleaningReader in = new XmlCleaningReader(new java.io.StringReader("<seg>" + segmentXml + "</seg>"));
        try {
            XMLStreamReader xml;
            synchronized (factory) {
                xml = factory.createXMLStreamReader(in);
            }
            while (xml.getEventType() != XMLStreamConstants.START_ELEMENT) {
                xml.next();
            }
            return new TmSegment(new Parse(origin, xml, in).translatable(0));
        } catch (XMLStreamException e) {
            throw refusal(origin, in, e, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static TmxFormatException refusal(Path file, XmlCleaningReader in, XMLStreamException e, Charset charset)
            throws IOException {
        if (in.entityDeclarationLine() > 0) {
            return entities(file, in.entityDeclarationLine());
        }
        CharacterCodingException coding = in.decodingFailure();
        if (coding != null) {
            int[] at = TmxDecoding.locateMalformed(file, charset);
            return new TmxFormatException(file, at == null ? in.decodingFailureLine() : at[0], at == null ? 0 : at[1],
                    "bytes that are not valid " + charset.name() + " (the file's encoding); save the file again as UTF-8", coding);
        }
        Location at = e.getLocation();
        String message = e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[12,5]\nMessage: "; the position is given separately.
        int cut = message == null ? -1 : message.indexOf("Message: ");
        String reason = message == null ? "malformed XML" : cut >= 0 ? message.substring(cut + 9) : message;
        return new TmxFormatException(file, at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(),
                "malformed XML: " + reason.strip(), e);
    }

    private static TmxFormatException entities(Path file, int line) {
        return new TmxFormatException(file, line, 0, "the DOCTYPE declares entities (<!ENTITY ...>). TMX files never need them, "
                + "and they can make a reader fetch local files or expand into billions of characters (XXE, \"billion laughs\"); "
                + "the file is refused. Remove the internal subset [ ... ] of the DOCTYPE if the file is genuine");
    }

    /** The state of reading one file. */
    private static final class Parse {
        private final Path file;
        private final XMLStreamReader xml;
        private final XmlCleaningReader in;
        private String headerSource;
        long unitCount;
        long variantCount;
        final Set<String> languages = new TreeSet<>();
        private int segmentCharacters;

        Parse(Path file, XMLStreamReader xml, XmlCleaningReader in) {
            this.file = file;
            this.xml = xml;
            this.in = in;
        }

        TmxHeader document(Consumer<? super TranslationUnit> units) throws XMLStreamException, TmxFormatException {
            int event = xml.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT) {
                if (event == XMLStreamConstants.DTD && in.entityDeclarationLine() > 0) {
                    throw entities(file, in.entityDeclarationLine());
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw error("the file holds no element at all; a TMX file starts with <tmx>");
                }
                event = xml.next();
            }
            if (in.entityDeclarationLine() > 0) {
                throw entities(file, in.entityDeclarationLine());
            }
            if (!"tmx".equals(xml.getLocalName()) || isForeign()) {
                throw error("the root element is <" + xml.getName() + ">, not <tmx>: this is not a TMX file");
            }
            String version = attribute("version");
            if (nextChild() != XMLStreamConstants.START_ELEMENT || !"header".equals(xml.getLocalName())) {
                throw error("<tmx> must start with <header> (it has "
                        + (xml.isStartElement() ? "<" + xml.getLocalName() + ">" : "nothing") + ")");
            }
            TmxHeader header = header(version);
            boolean body = false;
            while (nextChild() == XMLStreamConstants.START_ELEMENT) {
                if ("body".equals(xml.getLocalName()) && !body) {
                    body = true;
                    body(units);
                } else if (isForeign()) {
                    skip();
                } else {
                    throw error("unexpected <" + xml.getLocalName() + "> in <tmx>: only one <header> and one <body> belong there");
                }
            }
            if (!body) {
                throw error("<tmx> has no <body>: the file holds no translation units");
            }
            return header;
        }

        private TmxHeader header(String version) throws XMLStreamException, TmxFormatException {
            Map<String, String> attributes = attributes();
            String src = attributes.get("srclang");
            if (src == null || src.isBlank()) {
                throw error("the <header> has no srclang: say which language the units are translated from (e.g. srclang=\"en\", or \"*all*\")");
            }
            headerSource = language(src, "the header's srclang");
            List<TmProp> props = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            while (nextChild() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "prop" -> props.add(prop());
                    case "note" -> notes.add(text("note"));
                    default -> skip(); // ude, map and extensions: not needed by the memory
                }
            }
            return new TmxHeader(version, headerSource, attributes.get("creationtool"), attributes.get("creationtoolversion"),
                    attributes, props, notes);
        }

        private void body(Consumer<? super TranslationUnit> units) throws XMLStreamException, TmxFormatException {
            while (nextChild() == XMLStreamConstants.START_ELEMENT) {
                if ("tu".equals(xml.getLocalName())) {
                    units.accept(unit());
                } else if (isForeign()) {
                    skip();
                } else {
                    throw error("unexpected <" + xml.getLocalName() + "> in <body>: only <tu> elements belong there");
                }
            }
        }

        private TranslationUnit unit() throws XMLStreamException, TmxFormatException {
            int line = line();
            int column = column();
            Map<String, String> attributes = attributes();
            String tuid = attributes.remove("tuid");
            String srclang = attributes.remove("srclang");
            String source = srclang == null || srclang.isBlank() ? headerSource : language(srclang, "the srclang of this <tu>");
            Instant created = date(attributes.remove("creationdate"), "creationdate");
            String createdBy = attributes.remove("creationid");
            Instant changed = date(attributes.remove("changedate"), "changedate");
            String changedBy = attributes.remove("changeid");
            List<TmProp> props = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<TranslationVariant> variants = new ArrayList<>();
            int elements = 0;
            while (nextChild() == XMLStreamConstants.START_ELEMENT) {
                if (++elements > MAX_UNIT_ELEMENTS) {
                    throw error("this <tu> has more than " + MAX_UNIT_ELEMENTS + " variants, props and notes; no real unit does");
                }
                switch (xml.getLocalName()) {
                    case "prop" -> props.add(prop());
                    case "note" -> notes.add(text("note"));
                    case "tuv" -> variants.add(variant());
                    default -> {
                        if (isForeign()) {
                            skip();
                        } else {
                            throw error("unexpected <" + xml.getLocalName() + "> in <tu>: a unit holds <note>, <prop> and <tuv> elements");
                        }
                    }
                }
            }
            String where = tuid == null ? "this <tu>" : "the <tu> tuid=\"" + tuid + "\"";
            if (variants.isEmpty()) {
                throw new TmxFormatException(file, line, column, where + " has no <tuv>: a unit needs at least its source text");
            }
            if (!TranslationUnit.ALL_LANGUAGES.equals(source) && !hasLanguage(variants, source)) {
                List<String> present = new ArrayList<>();
                variants.forEach(v -> present.add(v.language()));
                throw new TmxFormatException(file, line, column, where + " has no <tuv> in its source language " + source
                        + (srclang == null ? " (the header's srclang)" : " (its srclang)") + "; it has " + String.join(", ", present)
                        + ". Add the source text, or correct srclang");
            }
            unitCount++;
            return new TranslationUnit(tuid, source, created, createdBy, changed, changedBy, attributes, props, notes, variants);
        }

        /**
         * The exact tag, or the same language with another or no region: a header saying
         * {@code en} over variants in {@code en-US} (or the reverse) is common and harmless.
         */
        private static boolean hasLanguage(List<TranslationVariant> variants, String source) {
            String primary = LanguageTags.language(source);
            for (TranslationVariant v : variants) {
                if (v.language().equals(source) || LanguageTags.language(v.language()).equals(primary)) {
                    return true;
                }
            }
            return false;
        }

        private TranslationVariant variant() throws XMLStreamException, TmxFormatException {
            Map<String, String> attributes = new LinkedHashMap<>();
            String lang = null;
            String oldLang = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String ns = xml.getAttributeNamespace(i);
                String local = xml.getAttributeLocalName(i);
                if (XMLConstants.XML_NS_URI.equals(ns) && "lang".equals(local)) {
                    lang = xml.getAttributeValue(i);
                } else if ((ns == null || ns.isEmpty()) && "lang".equals(local)) {
                    oldLang = xml.getAttributeValue(i); // TMX 1.1
                } else {
                    attributes.put(qualifiedName(i), xml.getAttributeValue(i));
                }
            }
            if (lang == null) {
                lang = oldLang;
            }
            if (lang == null) {
                throw error("this <tuv> has no xml:lang (nor the lang of TMX 1.1): say which language its text is in");
            }
            String language = language(lang, "the xml:lang of this <tuv>");
            if (TranslationUnit.ALL_LANGUAGES.equals(language)) {
                throw error("a <tuv> cannot have xml:lang=\"*all*\": that value is only for srclang");
            }
            Instant created = date(attributes.remove("creationdate"), "creationdate");
            String createdBy = attributes.remove("creationid");
            Instant changed = date(attributes.remove("changedate"), "changedate");
            String changedBy = attributes.remove("changeid");
            List<TmProp> props = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            TmSegment segment = null;
            while (nextChild() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "prop" -> props.add(prop());
                    case "note" -> notes.add(text("note"));
                    case "seg" -> {
                        if (segment != null) {
                            throw error("this <tuv> has a second <seg>; a variant holds exactly one");
                        }
                        segmentCharacters = 0;
                        segment = new TmSegment(translatable(0));
                    }
                    default -> {
                        if (isForeign()) {
                            skip();
                        } else {
                            throw error("unexpected <" + xml.getLocalName() + "> in <tuv>: a variant holds <note>, <prop> and one <seg>");
                        }
                    }
                }
            }
            if (segment == null) {
                throw error("this <tuv> (" + language + ") has no <seg>: a variant needs its text");
            }
            variantCount++;
            languages.add(language);
            return new TranslationVariant(language, created, createdBy, changed, changedBy, attributes, props, notes, segment);
        }

        /** Content of seg, hi and sub, up to the end of the current element. */
        private List<Part> translatable(int depth) throws XMLStreamException, TmxFormatException {
            List<Part> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> appendText(text);
                    case XMLStreamConstants.START_ELEMENT -> {
                        CodeType type = CodeType.forElement(xml.getLocalName());
                        if (type == null || type == CodeType.SUB || isForeign()) {
                            throw error("unexpected <" + xml.getLocalName() + "> in segment text: TMX inline codes are bpt, ept, ph, it, ut and hi"
                                    + (type == CodeType.SUB ? " (sub only inside them)" : ""));
                        }
                        flush(text, parts);
                        parts.add(code(type, depth + 1));
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        flush(text, parts);
                        return parts;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw error("undeclared entity &" + xml.getLocalName() + "; in the text");
                    default -> {
                        // comments and processing instructions are not content
                    }
                }
            }
        }

        private Code code(CodeType type, int depth) throws XMLStreamException, TmxFormatException {
            if (depth > MAX_INLINE_DEPTH) {
                throw error("inline codes nested more than " + MAX_INLINE_DEPTH + " deep: refused");
            }
            Map<String, String> attributes = attributes();
            List<Part> content = type.hasNativeContent() ? nativeContent(depth) : translatable(depth);
            return new Code(type, attributes, content);
        }

        /** Content of bpt, ept, ph, it and ut: native code text and sub elements. */
        private List<Part> nativeContent(int depth) throws XMLStreamException, TmxFormatException {
            List<Part> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> appendText(text);
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!"sub".equals(xml.getLocalName()) || isForeign()) {
                            throw error("unexpected <" + xml.getLocalName() + "> inside an inline code: only <sub> may appear there");
                        }
                        flush(text, parts);
                        parts.add(code(CodeType.SUB, depth + 1));
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        flush(text, parts);
                        return parts;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw error("undeclared entity &" + xml.getLocalName() + "; in an inline code");
                    default -> {
                    }
                }
            }
        }

        private void appendText(StringBuilder text) throws TmxFormatException {
            segmentCharacters += xml.getTextLength();
            if (segmentCharacters > MAX_SEGMENT_CHARACTERS) {
                throw error("a segment longer than " + MAX_SEGMENT_CHARACTERS + " characters: refused (a segment is a sentence or a paragraph)");
            }
            text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
        }

        private static void flush(StringBuilder text, List<Part> parts) {
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        private TmProp prop() throws XMLStreamException, TmxFormatException {
            String type = attribute("type");
            if (type == null) {
                throw error("this <prop> has no type attribute: a property needs a name");
            }
            return new TmProp(type, text("prop"));
        }

        /** The text of prop or note, up to its end. */
        private String text(String element) throws XMLStreamException, TmxFormatException {
            StringBuilder b = new StringBuilder();
            segmentCharacters = 0;
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> appendText(b);
                    case XMLStreamConstants.START_ELEMENT -> throw error("unexpected <" + xml.getLocalName() + "> in <" + element + ">: it holds text only");
                    case XMLStreamConstants.END_ELEMENT -> {
                        return b.toString();
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw error("undeclared entity &" + xml.getLocalName() + ";");
                    default -> {
                    }
                }
            }
        }

        /** Moves to the next child start or to the end of the current element; text between is ignored. */
        private int nextChild() throws XMLStreamException, TmxFormatException {
            while (true) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                    return event;
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw error("the file ends inside an element");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw error("undeclared entity &" + xml.getLocalName() + ";");
                }
            }
        }

        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        /** An element of another namespace: an extension, skipped. */
        private boolean isForeign() {
            String ns = xml.getNamespaceURI();
            return ns != null && !ns.isEmpty();
        }

        private String attribute(String name) {
            return xml.getAttributeValue(null, name);
        }

        private Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                attributes.put(qualifiedName(i), xml.getAttributeValue(i));
            }
            return attributes;
        }

        private String qualifiedName(int i) {
            String prefix = xml.getAttributePrefix(i);
            String local = xml.getAttributeLocalName(i);
            return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
        }

        private String language(String tag, String what) throws TmxFormatException {
            if (TranslationUnit.ALL_LANGUAGES.equalsIgnoreCase(tag.strip())) {
                return TranslationUnit.ALL_LANGUAGES;
            }
            try {
                return LanguageTags.normalize(tag);
            } catch (IllegalArgumentException e) {
                throw error(what + ": " + e.getMessage());
            }
        }

        private Instant date(String value, String attribute) throws TmxFormatException {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.strip();
            try {
                if (v.length() >= 15 && v.charAt(8) == 'T' && v.indexOf('-') < 0) {
                    // TMX: 20240131T154500Z (UTC); a missing Z is read as UTC too
                    String local = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
                    return LocalDateTime.parse(local, TMX_DATE).toInstant(ZoneOffset.UTC);
                }
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw error(attribute + "=\"" + value + "\" is not a TMX date (YYYYMMDDThhmmssZ, e.g. 20240131T154500Z)");
            }
        }

        private int line() {
            Location l = xml.getLocation();
            return l == null ? 0 : l.getLineNumber();
        }

        private int column() {
            Location l = xml.getLocation();
            return l == null ? 0 : l.getColumnNumber();
        }

        private TmxFormatException error(String reason) {
            return new TmxFormatException(file, line(), column(), reason);
        }
    }
}
