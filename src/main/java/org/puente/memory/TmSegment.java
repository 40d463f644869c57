package org.puente.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of one TMX {@code <seg>}: text runs and inline codes, in order, as the file had
 * them. Three views serve the later stages:
 * <ul>
 * <li>{@link #plainText()}: what a reader sees (text and the text inside {@code <hi>}, no
 *     codes), for fuzzy matching, language checks and word counts;</li>
 * <li>{@link #codedText()} with {@link #codes()}: the text with one two-character marker per
 *     code, the form of Okapi's {@code TextFragment} coded text (opening {@code U+E101},
 *     closing {@code U+E102}, isolated {@code U+E103}, then {@code U+E110 + index} into
 *     {@link #codes()}), for matching that must also respect the codes;</li>
 * <li>{@link #parts()} and {@link #toXml()}: the tree itself, so a writer puts back every
 *     code with its attributes and native content exactly.</li>
 * </ul>
 *
 * <p>The tree follows TMX 1.4b: at the top level and inside {@code <hi>} and {@code <sub>}
 * there is translatable text and codes; inside {@code bpt}, {@code ept}, {@code ph},
 * {@code it} and {@code ut} there is native code (e.g. {@code <b>} as text) and possibly
 * {@code <sub>} holding translatable text of its own (an alt text), which is not part of the
 * segment's plain text.
 */
public record TmSegment(List<Part> parts) {

    /** Okapi's {@code TextFragment.MARKER_OPENING}. */
    public static final char MARKER_OPENING = '\uE101';
    /** Okapi's {@code TextFragment.MARKER_CLOSING}. */
    public static final char MARKER_CLOSING = '\uE102';
    /** Okapi's {@code TextFragment.MARKER_ISOLATED}. */
    public static final char MARKER_ISOLATED = '\uE103';
    /** Okapi's {@code TextFragment.CHARBASE}: a code's index is written as {@code INDEX_BASE + index}. */
    public static final char INDEX_BASE = '\uE110';

    public static final TmSegment EMPTY = new TmSegment(List.of());

    public TmSegment {
        parts = List.copyOf(parts);
        checkTranslatable(parts);
    }

    /** A segment of plain text, no codes. */
    public static TmSegment of(String text) {
        return text.isEmpty() ? EMPTY : new TmSegment(List.of(new Text(text)));
    }

    /** One element of a segment: a text run or an inline code. */
    public sealed interface Part permits Text, Code {
    }

    /**
     * A run of characters. In translatable content it is text; inside a native code
     * ({@code bpt}, {@code ept}, {@code ph}, {@code it}, {@code ut}) it is the code's native
     * data, e.g. {@code <b>}, unescaped.
     */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The TMX inline elements. */
    public enum CodeType {
        /** Begin paired tag, e.g. {@code <bpt i="1">&lt;b></bpt>}. */
        BPT(true, MARKER_OPENING),
        /** End paired tag. */
        EPT(true, MARKER_CLOSING),
        /** Standalone code. */
        PH(true, MARKER_ISOLATED),
        /** Isolated tag: the other half is in another segment ({@code pos="begin|end"}). */
        IT(true, MARKER_ISOLATED),
        /** Unknown tag (TMX 1.1, deprecated in 1.4). */
        UT(true, MARKER_ISOLATED),
        /** Highlight: translatable content with a formatting wrapper; two markers, around its content. */
        HI(false, MARKER_OPENING),
        /** Sub-flow inside a native code: translatable text that is not part of the segment's flow. */
        SUB(false, MARKER_ISOLATED);

        private final boolean nativeContent;
        private final char marker;

        CodeType(boolean nativeContent, char marker) {
            this.nativeContent = nativeContent;
            this.marker = marker;
        }

        /** True when the content is native code (text + {@code sub}), false when it is translatable. */
        public boolean hasNativeContent() {
            return nativeContent;
        }

        /** The TMX element name: {@code bpt}, {@code hi}... */
        public String elementName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The type named by a TMX element, or null. */
        public static CodeType forElement(String name) {
            return switch (name) {
                case "bpt" -> BPT;
                case "ept" -> EPT;
                case "ph" -> PH;
                case "it" -> IT;
                case "ut" -> UT;
                case "hi" -> HI;
                case "sub" -> SUB;
                default -> null;
            };
        }
    }

    /**
     * An inline code: its element, its attributes as written ({@code i}, {@code x},
     * {@code type}, {@code pos}, {@code assoc}, {@code datatype}..., in file order) and its
     * content: native code for bpt/ept/ph/it/ut, translatable parts for hi and sub.
     */
    public record Code(CodeType type, Map<String, String> attributes, List<Part> content) implements Part {
        public Code {
            Objects.requireNonNull(type, "type");
            attributes = attributes == null || attributes.isEmpty()
                    ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            content = content == null ? List.of() : List.copyOf(content);
            if (type.hasNativeContent()) {
                for (Part p : content) {
                    if (p instanceof Code c && c.type() != CodeType.SUB) {
                        throw new IllegalArgumentException("<" + type.elementName() + "> may only hold native text and <sub>, not <" + c.type().elementName() + ">");
                    }
                }
            } else {
                checkTranslatable(content);
            }
        }

        /** An attribute's value, or null. */
        public String attribute(String name) {
            return attributes.get(name);
        }

        /** The native code as text ({@code <b>} for {@code <bpt i="1">&lt;b></bpt>}), subs included as their plain text. */
        public String nativeCode() {
            StringBuilder b = new StringBuilder();
            for (Part p : content) {
                if (p instanceof Text t) {
                    b.append(t.text());
                } else if (p instanceof Code c) {
                    c.appendPlain(b);
                }
            }
            return b.toString();
        }

        private void appendPlain(StringBuilder b) {
            for (Part p : content) {
                if (p instanceof Text t) {
                    b.append(t.text());
                } else if (p instanceof Code c && c.type() == CodeType.HI) {
                    c.appendPlain(b);
                }
            }
        }
    }

    private static void checkTranslatable(List<Part> parts) {
        for (Part p : parts) {
            if (p instanceof Code c && c.type() == CodeType.SUB) {
                throw new IllegalArgumentException("<sub> may only appear inside bpt, ept, ph, it or ut");
            }
        }
    }

    /** The text a reader sees: text runs and the content of {@code <hi>}, without codes. */
    public String plainText() {
        if (parts.size() == 1 && parts.get(0) instanceof Text t) {
            return t.text();
        }
        StringBuilder b = new StringBuilder();
        appendPlain(parts, b);
        return b.toString();
    }

    private static void appendPlain(List<Part> parts, StringBuilder b) {
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Code c && c.type() == CodeType.HI) {
                appendPlain(c.content(), b);
            }
        }
    }

    /** True when the segment holds at least one inline code. */
    public boolean hasCodes() {
        for (Part p : parts) {
            if (p instanceof Code) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /**
     * The text with a two-character marker where each code stands (see the class comment).
     * A {@code <hi>} gives an opening marker before its content and a closing one after it,
     * each with its own index (both point to the same code in {@link #codes()}).
     */
    public String codedText() {
        StringBuilder b = new StringBuilder();
        appendCoded(parts, b, new int[1]);
        return b.toString();
    }

    private static void appendCoded(List<Part> parts, StringBuilder b, int[] index) {
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Code c) {
                if (c.type() == CodeType.HI) {
                    b.append(MARKER_OPENING).append((char) (INDEX_BASE + index[0]++));
                    appendCoded(c.content(), b, index);
                    b.append(MARKER_CLOSING).append((char) (INDEX_BASE + index[0]++));
                } else {
                    b.append(c.type().marker).append((char) (INDEX_BASE + index[0]++));
                }
            }
        }
    }

    /** The code behind each marker of {@link #codedText()}, by index. */
    public List<Code> codes() {
        List<Code> codes = new ArrayList<>();
        collectCodes(parts, codes);
        return Collections.unmodifiableList(codes);
    }

    private static void collectCodes(List<Part> parts, List<Code> codes) {
        for (Part p : parts) {
            if (p instanceof Code c) {
                codes.add(c);
                if (c.type() == CodeType.HI) {
                    collectCodes(c.content(), codes);
                    codes.add(c);
                }
            }
        }
    }

    /**
     * The segment as the inner markup of a TMX {@code <seg>}: text escaped, codes as their
     * elements with their attributes and content. Characters XML 1.0 forbids are dropped, so
     * what this returns can always be written into a TMX file.
     */
    public String toXml() {
        StringBuilder b = new StringBuilder();
        appendXml(parts, b);
        return b.toString();
    }

    private static void appendXml(List<Part> parts, StringBuilder b) {
        for (Part p : parts) {
            if (p instanceof Text t) {
                XmlCharacters.escape(t.text(), b, false);
            } else if (p instanceof Code c) {
                String name = c.type().elementName();
                b.append('<').append(name);
                c.attributes().forEach((k, v) -> {
                    b.append(' ').append(k).append("=\"");
                    XmlCharacters.escape(v, b, true);
                    b.append('"');
                });
                if (c.content().isEmpty()) {
                    b.append("/>");
                } else {
                    b.append('>');
                    appendXml(c.content(), b);
                    b.append("</").append(name).append('>');
                }
            }
        }
    }
}
