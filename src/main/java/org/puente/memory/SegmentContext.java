package org.puente.memory;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.puente.inventory.ContentHash;

/**
 * The segments around a variant's segment in its document, which make an exact match an
 * in-context match. Carried as props: {@code x-context-pre} / {@code x-context-post} (memoQ's
 * names, also written by Puente's alignment on each variant) or {@code prev} / {@code next}
 * (OmegaT); props of the unit describe its source variant. Stored as keys of the
 * whitespace-collapsed text; an empty neighbour means the start or the end of the document.
 */
public final class SegmentContext {

    public static final String PROP_BEFORE = "x-context-pre";
    public static final String PROP_AFTER = "x-context-post";
    private static final String OMEGAT_BEFORE = "prev";
    private static final String OMEGAT_AFTER = "next";

    /** memoQ writes the neighbour as a whole {@code <seg>} element. */
    private static final Pattern SEG = Pattern.compile("(?s)^\\s*<seg>(.*)</seg>\\s*$");
    private static final TmxReader SEGMENTS = new TmxReader();
    /** Whitespace, no-break spaces included (documents and memories disagree on them). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    /** Context keys of one unit; each is the key of {@link #key(String)}. */
    public record Keys(String before, String after) {
    }

    private SegmentContext() {
    }

    /** The variant's context, or null when it carries none. */
    static Keys of(TranslationUnit unit, TranslationVariant variant) {
        List<TmProp> props = variant.props();
        if (first(props, PROP_BEFORE, PROP_AFTER, OMEGAT_BEFORE, OMEGAT_AFTER).isEmpty()) {
            if (unit.source().orElse(null) != variant) {
                return null;
            }
            props = unit.props();
        }
        Optional<String> before = first(props, PROP_BEFORE, OMEGAT_BEFORE);
        Optional<String> after = first(props, PROP_AFTER, OMEGAT_AFTER);
        if (before.isEmpty() && after.isEmpty()) {
            return null;
        }
        return new Keys(key(before.map(SegmentContext::text).orElse("")), key(after.map(SegmentContext::text).orElse("")));
    }

    /** The key of a neighbouring segment's text; null or blank for "none: start or end of document". */
    public static String key(String neighbour) {
        return ContentHash.of(neighbour == null ? "" : collapseSpaces(neighbour));
    }

    /** A segment as documents and memories are compared: whitespace runs, no-break spaces included, as one space. */
    static String collapseSpaces(String segment) {
        return SPACES.matcher(segment).replaceAll(" ").strip();
    }

    /** The neighbours of a segment as the props that carry them. */
    public static List<TmProp> props(String before, String after) {
        return List.of(new TmProp(PROP_BEFORE, before), new TmProp(PROP_AFTER, after));
    }

    private static Optional<String> first(List<TmProp> props, String... types) {
        for (String type : types) {
            for (TmProp p : props) {
                if (p.type().equals(type)) {
                    return Optional.of(p.value());
                }
            }
        }
        return Optional.empty();
    }

    /** A prop's value as plain text: the content of a {@code <seg>} without its inline codes. */
    private static String text(String value) {
        Matcher seg = SEG.matcher(value);
        if (!seg.matches()) {
            return value;
        }
        try {
            return SEGMENTS.segment(seg.group(1)).plainText();
        } catch (java.io.IOException notTmx) {
            return value; // not a segment after all: compared as written
        }
    }
}
