package org.puente.memory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a TMX 1.4b file that is valid against the TMX 1.4 DTD and that {@link TmxReader}
 * reads back to equal units, one unit at a time: memory stays bounded by the largest unit.
 *
 * <p>The file is written to a temporary file beside {@code target} and moved into place
 * only by {@link #commit()}. Closing a writer that was not committed (an exception in the
 * caller's loop, a unit refused, a disk full) deletes the temporary file and leaves whatever
 * was at {@code target} untouched, so the usual form is
 * <pre>{@code
 * try (TmxWriter out = new TmxWriter(target, TmxWriter.header("en", version))) {
 *     for (TranslationUnit unit : units) {
 *         out.write(unit);
 *     }
 *     out.commit();
 * }
 * }</pre>
 * Committing on {@code close()} would turn any failure inside the try block into a
 * truncated but well-formed file silently replacing the previous export.
 *
 * <p>What the DTD does not allow never reaches the file: characters XML 1.0 forbids (form
 * feeds and other C0 controls from PDF text) are dropped from segments, props, notes and
 * attributes and counted ({@link #strippedCharacters()}); attributes the DTD does not declare
 * for an element are left out and counted ({@link #droppedAttributes()}); an inline code
 * missing an attribute the DTD requires (the {@code i} of bpt/ept, the {@code pos} of it) gets
 * one ({@link #repairedCodes()}). A unit the reader would refuse (no variant, no variant in its
 * source language, a language that is not a tag) is refused with
 * {@link IllegalArgumentException} before anything of it is written; the writer stays usable.
 *
 * <p>Dates are written in TMX's form, {@code 20240131T154500Z}, to the second. A writer is
 * not thread-safe.
 */
public final class TmxWriter implements AutoCloseable {

    /** The {@code creationtool} and {@code o-tmf} of the files Puente writes. */
    public static final String CREATION_TOOL = "Puente";

    private static final DateTimeFormatter TMX_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Set<String> SEGTYPES = Set.of("block", "paragraph", "sentence", "phrase");

    /** Attributes of header, tu and tuv that the DTD declares, beyond those written from the records' fields. */
    private static final Set<String> HEADER_OPTIONAL = Set.of("o-encoding", "creationdate", "creationid", "changedate", "changeid");
    private static final Set<String> TU_OTHER = Set.of("o-encoding", "datatype", "usagecount", "lastusagedate",
            "creationtool", "creationtoolversion", "segtype", "o-tmf");
    private static final Set<String> TUV_OTHER = Set.of("o-encoding", "datatype", "usagecount", "lastusagedate",
            "creationtool", "creationtoolversion", "o-tmf");
    /** Written from the records' fields, so skipped when an attribute map repeats them. */
    private static final Set<String> FROM_FIELDS = Set.of("tuid", "srclang", "xml:lang", "lang",
            "creationdate", "creationid", "changedate", "changeid");

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final Writer out;
    private final String headerSource;
    private long units;
    private long stripped;
    private long droppedAttributes;
    private long repairedCodes;
    private State state = State.OPEN;

    private enum State { OPEN, COMMITTED, ABORTED }

    /**
     * Puente's header: {@code creationtool} and {@code o-tmf} "Puente", {@code adminlang}
     * "en", {@code datatype} "plaintext", {@code segtype} "sentence".
     *
     * @param sourceLanguage a BCP 47 tag, or {@link TranslationUnit#ALL_LANGUAGES} for a memory
     *                       whose units have different source languages (each unit then says its own)
     * @param toolVersion    Puente's version, for {@code creationtoolversion}
     */
    public static TmxHeader header(String sourceLanguage, String toolVersion) {
        String source = sourceLanguage(sourceLanguage, "the header's source language");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("creationtool", CREATION_TOOL);
        attributes.put("creationtoolversion", toolVersion);
        attributes.put("segtype", "sentence");
        attributes.put("o-tmf", CREATION_TOOL);
        attributes.put("adminlang", "en");
        attributes.put("srclang", source);
        attributes.put("datatype", "plaintext");
        return new TmxHeader("1.4", source, CREATION_TOOL, toolVersion, attributes, List.of(), List.of());
    }

    /**
     * Starts a file that will replace {@code target} on {@link #commit()}. The header's
     * required attributes come from its fields, then its attribute map, else Puente's
     * defaults (see {@link #header}); its props and notes are written too.
     *
     * @throws IllegalArgumentException the header has no source language, or one that is not a tag
     * @throws IOException              the temporary file could not be created
     */
    public TmxWriter(Path target, TmxHeader header) throws IOException {
        this.target = target.toAbsolutePath();
        String src = header.sourceLanguage() != null ? header.sourceLanguage() : header.attributes().get("srclang");
        if (src == null || src.isBlank()) {
            throw new IllegalArgumentException("the header has no source language (a tag such as \"en\", or \"*all*\")");
        }
        this.headerSource = sourceLanguage(src, "the header's source language");
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the export would keep
        // that mode after the move; a new file gets the usual permissions (the umask's).
        this.temporary = dir.resolve("." + this.target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        try {
            this.channel = ch;
            // Strict: a character that cannot be encoded is an error, never a silent '?'.
            this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
            StringBuilder b = new StringBuilder(1024);
            b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            b.append("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
            b.append("<tmx version=\"1.4\">\n");
            appendHeader(header, b);
            b.append("  <body>\n");
            out.write(b.toString());
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** The file this writer replaces on {@link #commit()}. */
    public Path target() {
        return target;
    }

    /** Units written so far. */
    public long unitsWritten() {
        return units;
    }

    /** Characters XML 1.0 forbids that were dropped from segments, props, notes and attribute values. */
    public long strippedCharacters() {
        return stripped;
    }

    /** Attributes left out because the TMX 1.4 DTD does not declare them for their element (or a segtype it does not list). */
    public long droppedAttributes() {
        return droppedAttributes;
    }

    /** Inline codes given an attribute the DTD requires and they lacked ({@code i} of bpt/ept, {@code pos} of it). */
    public long repairedCodes() {
        return repairedCodes;
    }

    /**
     * Writes one unit. The unit is checked and rendered whole before anything is written, so
     * a refused unit leaves the file as it was.
     *
     * @throws IllegalArgumentException the unit has no variant, no variant in its source
     *                                  language, or a language that is not a tag; nothing was written
     * @throws IOException              writing failed; the writer is aborted and the target untouched
     */
    public void write(TranslationUnit unit) throws IOException {
        ensureOpen();
        Render r = new Render();
        String xml = r.unit(unit);
        try {
            out.write(xml);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        units++;
        stripped += r.stripped;
        droppedAttributes += r.droppedAttributes;
        repairedCodes += r.repairedCodes;
    }

    /**
     * Ends the file, forces it to disk and moves it over {@code target} (atomically where the
     * file system allows). On failure the temporary file is deleted and the target untouched.
     */
    public void commit() throws IOException {
        ensureOpen();
        try {
            out.write("  </body>\n</tmx>\n");
            out.flush();
            channel.force(true);
            out.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            state = State.COMMITTED;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Deletes the temporary file; the target keeps what it had. Does nothing once committed or aborted. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a leftover ".name.*.tmp" beside the target; nothing reads it
        }
    }

    /** Aborts unless {@link #commit()} was called: the target is replaced only by a commit. */
    @Override
    public void close() {
        abort();
    }

    private void ensureOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("this TMX writer was already " + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }

    private void appendHeader(TmxHeader header, StringBuilder b) {
        Render r = new Render();
        Map<String, String> a = header.attributes();
        String segtype = a.get("segtype");
        if (segtype == null || !SEGTYPES.contains(segtype)) {
            segtype = "sentence";
        }
        b.append("  <header");
        r.attribute(b, "creationtool", firstOf(header.creationTool(), a.get("creationtool"), CREATION_TOOL));
        r.attribute(b, "creationtoolversion", firstOf(header.creationToolVersion(), a.get("creationtoolversion"), "unknown"));
        r.attribute(b, "segtype", segtype);
        r.attribute(b, "o-tmf", firstOf(a.get("o-tmf"), CREATION_TOOL));
        r.attribute(b, "adminlang", firstOf(a.get("adminlang"), "en"));
        r.attribute(b, "srclang", headerSource);
        r.attribute(b, "datatype", firstOf(a.get("datatype"), "plaintext"));
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (HEADER_OPTIONAL.contains(e.getKey())) {
                r.attribute(b, e.getKey(), e.getValue());
            }
        }
        if (header.notes().isEmpty() && header.props().isEmpty()) {
            b.append("/>\n");
        } else {
            b.append(">\n");
            r.notesAndProps(header.notes(), header.props(), "    ", b);
            b.append("  </header>\n");
        }
        stripped += r.stripped;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String sourceLanguage(String tag, String what) {
        if (TranslationUnit.ALL_LANGUAGES.equalsIgnoreCase(tag.strip())) {
            return TranslationUnit.ALL_LANGUAGES;
        }
        try {
            return LanguageTags.normalize(tag);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** Rendering of one unit (or the header) into text, with its own counts, added to the writer's only once it is written. */
    private final class Render {
        long stripped;
        long droppedAttributes;
        long repairedCodes;

        String unit(TranslationUnit unit) {
            String where = unit.tuid() == null ? "a unit" : "the unit tuid=\"" + unit.tuid() + "\"";
            if (unit.variants().isEmpty()) {
                throw new IllegalArgumentException(where + " has no variant: a <tu> needs at least one <tuv>");
            }
            String source = sourceLanguage(unit.sourceLanguage(), "the source language of " + where);
            List<String> languages = new ArrayList<>(unit.variants().size());
            for (TranslationVariant v : unit.variants()) {
                String language = sourceLanguage(v.language(), "a variant of " + where);
                if (TranslationUnit.ALL_LANGUAGES.equals(language)) {
                    throw new IllegalArgumentException("a variant of " + where + " has the language \"*all*\"; that value is only for a source language");
                }
                languages.add(language);
            }
            if (!TranslationUnit.ALL_LANGUAGES.equals(source) && !hasLanguage(languages, source)) {
                throw new IllegalArgumentException(where + " has no variant in its source language " + source
                        + " (it has " + String.join(", ", languages) + ")");
            }

            StringBuilder b = new StringBuilder(256);
            b.append("    <tu");
            attribute(b, "tuid", unit.tuid());
            if (!source.equals(headerSource)) {
                attribute(b, "srclang", source);
            }
            attribute(b, "creationdate", date(unit.creationDate()));
            attribute(b, "creationid", unit.creationId());
            attribute(b, "changedate", date(unit.changeDate()));
            attribute(b, "changeid", unit.changeId());
            otherAttributes(unit.attributes(), TU_OTHER, b);
            b.append(">\n");
            notesAndProps(unit.notes(), unit.props(), "      ", b);
            for (int i = 0; i < unit.variants().size(); i++) {
                variant(unit.variants().get(i), languages.get(i), b);
            }
            b.append("    </tu>\n");
            return b.toString();
        }

        private void variant(TranslationVariant v, String language, StringBuilder b) {
            b.append("      <tuv");
            attribute(b, "xml:lang", language);
            attribute(b, "creationdate", date(v.creationDate()));
            attribute(b, "creationid", v.creationId());
            attribute(b, "changedate", date(v.changeDate()));
            attribute(b, "changeid", v.changeId());
            otherAttributes(v.attributes(), TUV_OTHER, b);
            b.append(">\n");
            notesAndProps(v.notes(), v.props(), "        ", b);
            b.append("        <seg>");
            b.append(new TmSegment(inline(v.segment().parts(), new Codes(v.segment()))).toXml());
            b.append("</seg>\n");
            b.append("      </tuv>\n");
        }

        private void otherAttributes(Map<String, String> attributes, Set<String> allowed, StringBuilder b) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String name = e.getKey();
                if (FROM_FIELDS.contains(name)) {
                    continue; // written from the record's fields, or replaced by xml:lang
                }
                if (!allowed.contains(name) || ("segtype".equals(name) && !SEGTYPES.contains(e.getValue()))) {
                    droppedAttributes++;
                    continue;
                }
                attribute(b, name, e.getValue());
            }
        }

        void notesAndProps(List<String> notes, List<TmProp> props, String indent, StringBuilder b) {
            for (String note : notes) {
                b.append(indent).append("<note>");
                escape(note, b, false);
                b.append("</note>\n");
            }
            for (TmProp prop : props) {
                b.append(indent).append("<prop");
                attribute(b, "type", prop.type());
                b.append('>');
                escape(prop.value(), b, false);
                b.append("</prop>\n");
            }
        }

        void attribute(StringBuilder b, String name, String value) {
            if (value == null) {
                return;
            }
            b.append(' ').append(name).append("=\"");
            escape(value, b, true);
            b.append('"');
        }

        /** Escapes {@code s} into {@code b}, dropping and counting what XML forbids. */
        private void escape(String s, StringBuilder b, boolean attribute) {
            stripped += XmlCharacters.escape(s, b, attribute);
        }

        private String strip(String s) {
            String clean = XmlCharacters.strip(s);
            stripped += s.length() - clean.length(); // every forbidden character is one char: supplementary ones are all allowed
            return clean;
        }

        /**
         * The segment's parts with forbidden characters dropped (counted) and each code's
         * attributes reduced to those the DTD declares for it, required ones supplied.
         */
        private List<TmSegment.Part> inline(List<TmSegment.Part> parts, Codes codes) {
            List<TmSegment.Part> clean = new ArrayList<>(parts.size());
            for (TmSegment.Part p : parts) {
                if (p instanceof TmSegment.Text t) {
                    String text = strip(t.text());
                    if (!text.isEmpty()) {
                        clean.add(new TmSegment.Text(text));
                    }
                } else if (p instanceof TmSegment.Code c) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    Set<String> allowed = inlineAttributes(c.type());
                    c.attributes().forEach((k, v) -> {
                        if (allowed.contains(k)) {
                            attributes.put(k, strip(v));
                        } else {
                            droppedAttributes++;
                        }
                    });
                    if (codes.repair(c, attributes)) {
                        repairedCodes++;
                    }
                    clean.add(new TmSegment.Code(c.type(), attributes, inline(c.content(), codes)));
                }
            }
            return clean;
        }
    }

    /** The same rule as the reader's: the exact tag, or the same primary language. */
    private static boolean hasLanguage(List<String> languages, String source) {
        String primary = LanguageTags.language(source);
        for (String l : languages) {
            if (l.equals(source) || LanguageTags.language(l).equals(primary)) {
                return true;
            }
        }
        return false;
    }

    /** The attributes the TMX 1.4 DTD declares for each inline element. */
    private static Set<String> inlineAttributes(TmSegment.CodeType type) {
        return switch (type) {
            case BPT -> Set.of("i", "x", "type");
            case EPT -> Set.of("i");
            case PH -> Set.of("x", "assoc", "type");
            case IT -> Set.of("pos", "x", "type");
            case UT -> Set.of("x");
            case HI -> Set.of("x", "type");
            case SUB -> Set.of("datatype", "type");
        };
    }

    private static String date(Instant instant) {
        return instant == null ? null : TMX_DATE.format(instant);
    }

    /** Supplies the attributes the DTD requires of bpt, ept and it, within one segment. */
    private static final class Codes {
        private final Set<String> usedIds = new HashSet<>();
        private final ArrayDeque<String> openWithoutId = new ArrayDeque<>();
        private int next = 1;

        Codes(TmSegment segment) {
            collectIds(segment.parts());
        }

        private void collectIds(List<TmSegment.Part> parts) {
            for (TmSegment.Part p : parts) {
                if (p instanceof TmSegment.Code c) {
                    String i = c.attribute("i");
                    if (i != null) {
                        usedIds.add(i);
                    }
                    collectIds(c.content());
                }
            }
        }

        /** True when an attribute had to be added or corrected. */
        boolean repair(TmSegment.Code code, Map<String, String> attributes) {
            switch (code.type()) {
                case BPT -> {
                    if (attributes.containsKey("i")) {
                        return false;
                    }
                    String id = fresh();
                    attributes.put("i", id);
                    openWithoutId.push(id);
                    return true;
                }
                case EPT -> {
                    if (attributes.containsKey("i")) {
                        return false;
                    }
                    // pairs with the last bpt that lacked an i too, as the markup nests
                    attributes.put("i", openWithoutId.isEmpty() ? fresh() : openWithoutId.pop());
                    return true;
                }
                case IT -> {
                    String pos = attributes.get("pos");
                    String normalized = pos == null ? null : pos.strip().toLowerCase(Locale.ROOT);
                    if ("begin".equals(normalized) || "end".equals(normalized)) {
                        if (normalized.equals(pos)) {
                            return false;
                        }
                        attributes.put("pos", normalized);
                        return true;
                    }
                    // a closing native tag (</b>, {\b0}... only the first is recognizable) ends a pair
                    attributes.put("pos", code.nativeCode().strip().startsWith("</") ? "end" : "begin");
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private String fresh() {
            while (usedIds.contains(Integer.toString(next))) {
                next++;
            }
            String id = Integer.toString(next++);
            usedIds.add(id);
            return id;
        }
    }
}
