package org.puente.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import net.sf.okapi.common.ISegmenter;
import net.sf.okapi.common.LocaleId;
import net.sf.okapi.common.Range;
import net.sf.okapi.common.resource.TextFragment;
import net.sf.okapi.lib.segmentation.LanguageMap;
import net.sf.okapi.lib.segmentation.Rule;
import net.sf.okapi.lib.segmentation.SRXDocument;

/**
 * Splits text into sentences (translation-memory segments) with the SRX rules of one file,
 * normally {@link #DEFAULT_RULES_FILE}.
 *
 * <p>Paragraphs (text separated by a blank line) are always separate segments; within a
 * paragraph the SRX rules of the language decide. Segments come back trimmed of surrounding
 * whitespace, and empty ones are dropped; what is inside a segment (line breaks included) is
 * the text as given.
 *
 * <p>Thread-safe. Okapi's {@code SRXSegmenter} keeps the state of the last text it segmented,
 * so one instance cannot serve two threads. Measured with these rules (Java 17, 2 cores, warm
 * JIT): compiling one takes 15–30 µs, segmenting a 55-character sentence 15 µs and a
 * 1,100-character paragraph 300 µs. Compiling per call would double the cost of short
 * paragraphs, the common case in extracted text; a {@code ThreadLocal} would keep segmenters
 * alive in every pooled thread that ever segmented. So compiled segmenters are kept per rule
 * set in a pool: a call borrows one (or compiles one when all are in use) and gives it back,
 * and there are never more of them than threads that segmented at the same time.
 */
public final class Segmenter {

    /** Where the pipeline's rules live, relative to the repository root. */
    public static final Path DEFAULT_RULES_FILE = Path.of("pipeline", "segmentation.srx");

    /**
     * A blank line: two or more line breaks with only horizontal whitespace between them, or a
     * Unicode paragraph separator. {@code \r\n} counts as one break (atomic group: a lone
     * {@code \r\n} must not be read as two).
     */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile(
            "(?>\\r\\n|[\\n\\r\\u0085\\u2028])(?:[\\h\\f\\u000B]*(?>\\r\\n|[\\n\\r\\u0085\\u2028]))+|\\u2029");

    private final Path rulesFile;
    private final SRXDocument rules;
    /** Which rules a (canonical) language tag gets; tags come from configuration, so few. */
    private final ConcurrentMap<String, RuleSet> ruleSets = new ConcurrentHashMap<>();
    /** Idle compiled segmenters, by {@link RuleSet#key()}. */
    private final ConcurrentMap<String, Queue<ISegmenter>> idle = new ConcurrentHashMap<>();

    /**
     * Reads and checks the SRX rules of {@code rulesFile}.
     *
     * @throws IllegalArgumentException naming the file and the reason, when the file is missing,
     *         is not an SRX document, maps a language to rules it does not define, or holds a
     *         regular expression that does not compile
     */
    public Segmenter(Path rulesFile) {
        this.rulesFile = Objects.requireNonNull(rulesFile, "rulesFile");
        this.rules = load(rulesFile);
    }

    /** The SRX file these rules were read from. */
    public Path rulesFile() {
        return rulesFile;
    }

    /**
     * The sentences of {@code text}, in order, for the language {@code languageTag}.
     *
     * @param languageTag a BCP 47 tag ({@code es}, {@code es-419}, {@code pt-BR}); the rules
     *        mapped to the tag apply, or those of its base language when nothing maps the full
     *        tag; {@code _} is accepted for {@code -}
     * @throws IllegalArgumentException when {@code languageTag} is blank or not a BCP 47 tag
     */
    public List<String> segment(String text, String languageTag) {
        List<String> segments = new ArrayList<>();
        paragraphs(text, languageTag).forEach(segments::addAll);
        return segments;
    }

    /**
     * The sentences of {@code text} paragraph by paragraph (as {@link #segment} finds them);
     * paragraphs without any sentence are left out. Alignment uses the paragraph breaks.
     */
    public List<List<String>> paragraphs(String text, String languageTag) {
        Objects.requireNonNull(text, "text");
        RuleSet ruleSet = ruleSets.computeIfAbsent(canonicalTag(languageTag), this::ruleSet);
        List<List<String>> paragraphs = new ArrayList<>();
        if (isBlank(text)) {
            return paragraphs;
        }
        Queue<ISegmenter> pool = idle.computeIfAbsent(ruleSet.key(), k -> new ConcurrentLinkedQueue<>());
        ISegmenter segmenter = pool.poll();
        if (segmenter == null) {
            segmenter = compile(ruleSet.language());
        }
        try {
            Matcher paragraphBreak = PARAGRAPH_BREAK.matcher(text);
            int start = 0;
            while (paragraphBreak.find()) {
                addParagraph(segmenter, text.substring(start, paragraphBreak.start()), paragraphs);
                start = paragraphBreak.end();
            }
            addParagraph(segmenter, text.substring(start), paragraphs);
        } finally {
            pool.offer(segmenter);
        }
        return paragraphs;
    }

    private static void addParagraph(ISegmenter segmenter, String paragraph, List<List<String>> paragraphs) {
        List<String> sentences = new ArrayList<>();
        addSentences(segmenter, paragraph, sentences);
        if (!sentences.isEmpty()) {
            paragraphs.add(sentences);
        }
    }

    private static void addSentences(ISegmenter segmenter, String paragraph, List<String> segments) {
        if (isBlank(paragraph)) {
            return;
        }
        segmenter.computeSegments(withoutCodeMarkers(paragraph));
        for (Range range : segmenter.getRanges()) {
            String segment = strip(paragraph.substring(range.start, range.end));
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
    }

    /**
     * Okapi reads three private-use characters as inline-code markers; text extracted from
     * documents may contain them. They are replaced one for one, so that the ranges found still
     * index the original text.
     */
    private static String withoutCodeMarkers(String paragraph) {
        StringBuilder copy = null;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (c == TextFragment.MARKER_OPENING || c == TextFragment.MARKER_CLOSING
                    || c == TextFragment.MARKER_ISOLATED) {
                if (copy == null) {
                    copy = new StringBuilder(paragraph);
                }
                copy.setCharAt(i, '\uFFFD');
            }
        }
        return copy == null ? paragraph : copy.toString();
    }

    private ISegmenter compile(LocaleId language) {
        // SRXDocument is only read after load; compiling is rare (pool misses), so a lock
        // costs nothing and saves relying on Okapi's unstated thread-safety here.
        synchronized (rules) {
            return rules.compileLanguageRules(language, null);
        }
    }

    /**
     * The language to compile with (the full tag, or its base language when the base language
     * is mapped to more rules, e.g. a file that maps only "es" exactly) and the key of its rule
     * set. Segmenters compiled for tags that select the same rules are interchangeable (es,
     * es-419, es-MX), unless ICU4J break rules are on, which depend on the locale itself.
     */
    private RuleSet ruleSet(String tag) {
        LocaleId language = LocaleId.fromBCP47(tag);
        List<String> names = matchingRuleNames(language);
        String base = Locale.forLanguageTag(tag).getLanguage();
        if (!base.isEmpty() && !base.equals(tag)) {
            LocaleId baseLanguage = LocaleId.fromBCP47(base);
            List<String> baseNames = matchingRuleNames(baseLanguage);
            if (baseNames.size() > names.size()) {
                language = baseLanguage;
                names = baseNames;
            }
        }
        String key = String.join("\u0000", names);
        return new RuleSet(language, rules.useIcu4JBreakRules() ? key + "\u0001" + language : key);
    }

    private record RuleSet(LocaleId language, String key) {
    }

    /** The language rules Okapi will apply to {@code language}, in order. */
    private List<String> matchingRuleNames(LocaleId language) {
        List<String> names = new ArrayList<>();
        for (LanguageMap map : rules.getAllLanguagesMaps()) {
            if (Pattern.matches(map.getPattern(), language.toString())) {
                names.add(map.getRuleName());
                if (!rules.cascade()) {
                    break;
                }
            }
        }
        return names;
    }

    private static String canonicalTag(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            throw new IllegalArgumentException("a language tag is required (BCP 47, e.g. es, es-419, pt-BR)");
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(languageTag.strip().replace('_', '-')).build();
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException(
                    "'" + languageTag + "' is not a BCP 47 language tag (e.g. es, es-419, pt-BR): " + e.getMessage(), e);
        }
    }

    private static SRXDocument load(Path file) {
        if (!Files.exists(file)) {
            throw invalid(file, "the file does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(file, "it is not a readable file");
        }
        SRXDocument document = new SRXDocument();
        try (InputStream in = Files.newInputStream(file)) {
            document.loadRules(in);
        } catch (IOException e) {
            throw invalid(file, "it cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // Okapi wraps XML errors (OkapiIOException around a SAXParseException) and reports
            // a missing <languagerules> or a bad version as OkapiException.
            throw invalid(file, "it is not a valid SRX document: " + rootMessage(e));
        }
        check(file, document);
        return document;
    }

    /** What Okapi does not check when loading, or only finds out when a language is first used. */
    private static void check(Path file, SRXDocument document) {
        if (document.getAllLanguagesMaps().isEmpty()) {
            // Okapi loads a document without an <srx> root, or without maps, as "no rules".
            throw invalid(file, "it has no <languagemap> (is it an SRX 2.0 document?)");
        }
        for (LanguageMap map : document.getAllLanguagesMaps()) {
            try {
                Pattern.compile(map.getPattern());
            } catch (PatternSyntaxException | NullPointerException e) {
                throw invalid(file, "<languagemap languagerulename='" + map.getRuleName()
                        + "'> has an invalid languagepattern: " + rootMessage(e));
            }
            if (document.getLanguageRules(map.getRuleName()) == null) {
                throw invalid(file, "<languagemap languagepattern='" + map.getPattern()
                        + "'> names languagerule '" + map.getRuleName() + "', which is not defined");
            }
        }
        document.getAllLanguageRules().forEach((name, languageRules) -> {
            for (int i = 0; i < languageRules.size(); i++) {
                Rule rule = languageRules.get(i);
                String regex = document.generateRuleRegex(rule)
                        .replace(SRXDocument.ANYCODE, SRXDocument.INLINECODE_PATTERN);
                try {
                    Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
                } catch (PatternSyntaxException e) {
                    throw invalid(file, "rule " + (i + 1) + " of languagerule '" + name
                            + "' is not a valid regular expression: " + e.getDescription()
                            + " (beforebreak '" + rule.getBefore() + "', afterbreak '" + rule.getAfter() + "')");
                }
            }
        });
    }

    private static IllegalArgumentException invalid(Path file, String reason) {
        return new IllegalArgumentException("SRX rules file " + file + " cannot be used: " + reason);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean isBlank(String s) {
        return strip(s).isEmpty();
    }

    /** Trims whitespace including no-break spaces, which {@link String#strip()} keeps. */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
