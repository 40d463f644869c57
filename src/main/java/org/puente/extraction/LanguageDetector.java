package org.puente.extraction;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.IsoCode639_3;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.profiles.LanguageProfileReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifies the language of segments and documents among the configured languages, with
 * Lingua (high accuracy mode), following what was measured in {@code DEPENDENCIES.md}
 * ("Language identification: measured 2026-11-25").
 *
 * <ul>
 *   <li>Lingua is built once, from the configured languages plus French, Italian, Catalan and
 *       German so that a text in one of those is answered
 *       {@link LanguageProfile#OTHER} instead of being forced onto the nearest configured
 *       language. Its n-gram models are loaded lazily, once per JVM, on the first detection
 *       (or by {@link #warmUp()}).</li>
 *   <li>Before detection, URLs, e-mails, paths, placeholders, tags, command options and tokens
 *       with digits are removed ({@link TextCleaner}).</li>
 *   <li>A segment is {@link LanguageProfile#UNKNOWN} under {@value #MIN_SEGMENT_WORDS} words or
 *       when the relative distance between the best and the second-best language (Lingua's top
 *       confidence is always 1.0) is under {@value #MIN_RELATIVE_DISTANCE}.</li>
 *   <li>A document's language is the majority of per-paragraph shares; see
 *       {@link #profile(String)}. Paragraphs are first scored by {@link NgramLanguageScorer} (a
 *       naive Bayes over the n-grams of Optimaize's profiles, read once each); only when its
 *       best language leads the second by less than {@value #SCORER_SURE_MARGIN} per n-gram, or
 *       is not configured, does Lingua decide. On 17,642 real paragraphs (parallel pages and TMX
 *       segments) this labelled 99.44% right, against 99.12% for Optimaize's own sampled detector
 *       in front of Lingua and 93.98% for Lingua alone, at about six times Optimaize's speed
 *       ({@code ParagraphDetectionTrial}). Lingua's cost, linear in the number of loaded
 *       languages, made it the slower choice for every paragraph.</li>
 * </ul>
 *
 * <p>Languages are answered as lower-case ISO 639-1 codes of the configured base languages
 * ({@code pt-BR} is configured and answered as {@code pt}: Lingua has no regional models).
 *
 * <p>Thread-safe: all state is immutable and Lingua's detector is thread-safe. Build one
 * instance and share it.
 */
public final class LanguageDetector {

    /** Languages always loaded besides the configured ones, so that they come out as "other". */
    private static final List<Language> REJECTION_LANGUAGES =
            List.of(Language.FRENCH, Language.ITALIAN, Language.CATALAN, Language.GERMAN);

    /** A segment with fewer words (after cleaning) is {@code unknown}. */
    public static final int MIN_SEGMENT_WORDS = 3;

    /** Minimum gap between the best and second-best confidence for an answer. */
    public static final double MIN_RELATIVE_DISTANCE = 0.05;

    /** A paragraph with fewer letters (after cleaning) is not used for a document's profile. */
    public static final int MIN_PARAGRAPH_LETTERS = 40;

    /** At most this many paragraphs are detected per document, sampled evenly. */
    static final int MAX_SAMPLED_PARAGRAPHS = 64;

    /**
     * Characters of a paragraph given to the detectors (its weight still counts all its letters):
     * n-gram statistics settle long before that, and this bounds a document's profiling cost,
     * which otherwise exceeded the cost of parsing it on text-heavy documents.
     */
    static final int DETECTED_CHARS = 500;

    /** Paragraphs longer than this are cut into pieces of about {@link #CHUNK_CHARS}. */
    static final int MAX_PARAGRAPH_CHARS = 1500;
    static final int CHUNK_CHARS = 1000;

    private static final Pattern FENCED_CODE = Pattern.compile("(?m)^[ \\t]*(```|~~~)[^\\n]*\\n[\\s\\S]*?^[ \\t]*\\1[ \\t]*$");
    /**
     * How a code line starts, after its leading white space. A line is code when it starts so or
     * ends (before trailing white space) in ; { or }, and holds no line terminator: the former
     * {@code ^\s*(?:start).*|.*[;{}]\s*$} matched in full, decided without backtracking over
     * every line of every paragraph.
     */
    private static final Pattern CODE_LINE_START = Pattern.compile(
            "[$#>%] |>>> |import |package |#include|#!|<\\?|public |private |def |function |var |const |let |return |if ?\\(|for ?\\(|\\}|\\{");
    private static final String CODE_SYMBOLS = "{}[]()<>=;|\\/$#_*&^~`";
    private static final boolean[] IS_CODE_SYMBOL = new boolean[128];

    static {
        for (char c : CODE_SYMBOLS.toCharArray()) {
            IS_CODE_SYMBOL[c] = true;
        }
    }

    private final List<String> languages;
    private final Map<Language, String> configured;
    private final Map<String, String> configuredByIso;
    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    /**
     * Lingua on trigrams only, for the paragraphs the n-gram scorer is unsure of: paragraphs have 40+
     * letters, where trigrams alone lose little (DEPENDENCIES.md), and its models load in a
     * fraction of the full set's time. The full models are only loaded for segments.
     */
    private final com.github.pemistahl.lingua.api.LanguageDetector linguaForParagraphs;
    private final NgramLanguageScorer scorer;

    /**
     * The scorer's answer for a paragraph is taken from this lead (log-likelihood per n-gram) of
     * its best language over the second on: 99.2% of real paragraphs, 99.5% of them labelled as
     * before (ParagraphDetectionTrial); Lingua decides the others.
     */
    static final double SCORER_SURE_MARGIN = 0.02;

    /**
     * A paragraph's first {@value #SCORED_FIRST_CHARS} characters decide when its best language
     * leads by {@value #SCORER_CLEAR_MARGIN} per n-gram there (most paragraphs: scoring is most of
     * profiling's cost and grows with the text); the rest of the excerpt is read otherwise.
     * ParagraphDetectionTrial: 99% of the 9,707 longer paragraphs (real and generated) stopped
     * early, every one with the label reading the whole excerpt gives.
     */
    static final int SCORED_FIRST_CHARS = 250;
    static final double SCORER_CLEAR_MARGIN = 0.1;

    /**
     * @param languages configured BCP 47 tags ({@code es}, {@code en}, {@code pt}, {@code es-419},
     *                  {@code pt-BR}...); regional subtags are dropped
     * @throws IllegalArgumentException if the list is empty or a tag names no language Lingua knows
     */
    public LanguageDetector(List<String> languages) {
        Objects.requireNonNull(languages, "languages");
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("No language configured for language detection");
        }
        Map<Language, String> map = new LinkedHashMap<>();
        for (String tag : languages) {
            Language language = toLinguaLanguage(tag);
            map.putIfAbsent(language, language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
        }
        this.configured = Collections.unmodifiableMap(map);
        this.configuredByIso = Map.copyOf(new HashMap<>(map.values().stream()
                .collect(java.util.stream.Collectors.toMap(v -> v, v -> v))));
        this.languages = List.copyOf(map.values());

        Set<Language> loaded = EnumSet.copyOf(map.keySet());
        loaded.addAll(REJECTION_LANGUAGES);
        // Models are not preloaded: Lingua loads each n-gram model on first use, once per JVM.
        this.lingua = LanguageDetectorBuilder.fromLanguages(loaded.toArray(Language[]::new))
                .withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
                .build();
        this.linguaForParagraphs = LanguageDetectorBuilder.fromLanguages(loaded.toArray(Language[]::new))
                .withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
                .withLowAccuracyMode()
                .build();
        this.scorer = new NgramLanguageScorer(optimaizeProfiles(loaded));
    }

    /** The configured languages as base ISO 639-1 codes, in configuration order, without duplicates. */
    public List<String> languages() {
        return languages;
    }

    /**
     * Loads now what {@link #profile(String)} needs besides the n-gram scorer (Lingua's trigram
     * models), rather than during the first document. Optional; segment detection loads the
     * full models on first use.
     */
    public void warmUp() {
        // Plain ASCII letters: no language is ruled out by its alphabet, so every model is read.
        String sample = "the catalogue of this library lists every book and manuscript";
        linguaForParagraphs.computeLanguageConfidenceValues(sample);
    }

    /**
     * The language of a short text (a segment, a title, a sentence).
     *
     * @return a configured language code, {@code other} for a language that is recognised but
     *         not configured, or {@code unknown} (empty, fewer than 3 words once cleaned, or the
     *         best two languages closer than {@value #MIN_RELATIVE_DISTANCE})
     */
    public String detectSegment(String text) {
        String cleaned = TextCleaner.clean(text);
        if (TextCleaner.countWords(cleaned) < MIN_SEGMENT_WORDS) {
            return LanguageProfile.UNKNOWN;
        }
        return detectCleaned(cleaned, lingua);
    }

    /**
     * The languages of a document, as the shares of its paragraphs.
     *
     * <ol>
     *   <li>Paragraphs are separated by blank lines or, when the text has none, by line breaks;
     *       fenced ({@code ```}) code is removed; a paragraph over {@value #MAX_PARAGRAPH_CHARS}
     *       characters is cut into pieces of about {@value #CHUNK_CHARS}.</li>
     *   <li>When there are more than {@value #MAX_SAMPLED_PARAGRAPHS} paragraphs, that many are
     *       picked at evenly spaced character positions through the document (so at most ~300k
     *       characters are examined, whatever the document's size); each then weighs
     *       letters/length, which estimates the letter-weighted shares of the whole (measured on a
     *       2M-character three-language mix: within 4 points of the exact shares, converging with
     *       more paragraphs; ~50 ms instead of ~2 s).</li>
     *   <li>Code-like paragraphs and those with fewer than {@value #MIN_PARAGRAPH_LETTERS} letters
     *       after cleaning are skipped. Each remaining paragraph is detected like a segment: one
     *       whose best two languages are closer than {@value #MIN_RELATIVE_DISTANCE} is unsure and
     *       counts for no language.</li>
     *   <li>Each classified paragraph weighs its number of letters after cleaning. {@code shares}
     *       are each language's part of the classified weight (largest first, summing to 1,
     *       {@code other} included); {@code language} is the largest share.</li>
     *   <li>{@code confidence} = top share × the classified part of the usable weight (usable =
     *       classified + unsure paragraphs). A document whose paragraphs are all sure and all in one
     *       language gets 1.0; a 60/40 mix 0.6; a document where half the text was unsure gets at
     *       most 0.5. Skipped paragraphs (short, code) do not lower it: they carry no evidence.</li>
     * </ol>
     *
     * <p>No distance gap is applied to the document as a whole. A text with no usable paragraph,
     * or with no sure paragraph, gives {@link LanguageProfile#unknown()}.
     */
    public LanguageProfile profile(String documentText) {
        return profile(documentText, MAX_SAMPLED_PARAGRAPHS);
    }

    /** {@link #profile(String)} with another cap on the number of paragraphs detected. */
    LanguageProfile profile(String documentText, int maxParagraphs) {
        if (documentText == null || documentText.isBlank()) {
            return LanguageProfile.unknown();
        }
        List<String> all = paragraphs(documentText);
        boolean sampled = all.size() > maxParagraphs;
        List<String> paragraphs = sampled ? sample(all, maxParagraphs) : all;
        Map<String, Double> weights = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        double classified = 0;
        double usable = 0;
        for (String paragraph : paragraphs) {
            if (looksLikeCode(paragraph)) {
                continue;
            }
            String cleaned = TextCleaner.clean(paragraph);
            int letters = TextCleaner.countLetters(cleaned);
            if (letters < MIN_PARAGRAPH_LETTERS) {
                continue;
            }
            // Sampled by character position, a paragraph was picked with a probability proportional
            // to its length: it then stands for letters/length (Hansen-Hurwitz estimator).
            double weight = sampled ? letters / (double) paragraph.length() : letters;
            usable += weight;
            String excerpt = cleaned.length() <= DETECTED_CHARS ? cleaned : cutAtSpace(cleaned, DETECTED_CHARS);
            String language = sampled ? seen.computeIfAbsent(paragraph, k -> detectParagraph(excerpt)) : detectParagraph(excerpt);
            if (!LanguageProfile.UNKNOWN.equals(language)) {
                classified += weight;
                weights.merge(language, weight, Double::sum);
            }
        }
        if (classified == 0) {
            return LanguageProfile.unknown();
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(weights.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sorted) {
            shares.put(e.getKey(), e.getValue() / classified);
        }
        String top = sorted.get(0).getKey();
        double topShare = shares.get(top);
        double coverage = classified / usable;
        return new LanguageProfile(top, topShare * coverage, shares);
    }

    private static String cutAtSpace(String text, int max) {
        int space = text.lastIndexOf(' ', max);
        return text.substring(0, space > max / 2 ? space : max);
    }

    /** The n-gram scorer when it is sure of a configured language, Lingua otherwise. */
    private String detectParagraph(String cleaned) {
        NgramLanguageScorer.Scores scores = scorer.score(cleaned, SCORED_FIRST_CHARS, SCORER_CLEAR_MARGIN);
        if (scores.best() != null && scores.margin() >= SCORER_SURE_MARGIN) {
            String tag = configuredByIso.get(scores.best());
            if (tag != null) {
                return tag;
            }
        }
        return detectCleaned(cleaned, linguaForParagraphs);
    }

    private String detectCleaned(String cleaned, com.github.pemistahl.lingua.api.LanguageDetector detector) {
        Map<Language, Double> values = detector.computeLanguageConfidenceValues(cleaned);
        Language best = null;
        double first = 0;
        double second = 0;
        for (Map.Entry<Language, Double> e : values.entrySet()) {
            double v = e.getValue();
            if (best == null || v > first) {
                second = first;
                first = v;
                best = e.getKey();
            } else if (v > second) {
                second = v;
            }
        }
        if (best == null || best == Language.UNKNOWN || first - second < MIN_RELATIVE_DISTANCE) {
            return LanguageProfile.UNKNOWN;
        }
        String tag = configured.get(best);
        return tag != null ? tag : LanguageProfile.OTHER;
    }

    /**
     * Splits into paragraphs (blank lines, else lines), cutting very long ones into pieces. One
     * pass over the text without regular expressions (fenced code aside, only looked for when a
     * fence is there): on 200 KB documents the expressions cost as much as detecting the sample.
     */
    static List<String> paragraphs(String text) {
        String normalized = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalized.contains("```") || normalized.contains("~~~")) {
            normalized = FENCED_CODE.matcher(normalized).replaceAll("\n");
        }
        boolean byBlankLines = blankLineEnd(normalized, 0) >= 0;
        List<String> result = new ArrayList<>();
        int start = 0;
        int n = normalized.length();
        for (int i = normalized.indexOf('\n'); i >= 0; i = normalized.indexOf('\n', i + 1)) {
            int end = byBlankLines ? blankLineAt(normalized, i) : i;
            if (end < 0) {
                continue;
            }
            add(normalized.substring(start, i), result);
            start = end + 1;
            i = end;
        }
        add(normalized.substring(start, n), result);
        return result;
    }

    /** The index of the line break that ends a blank line starting at {@code from}'s line break, or -1. */
    private static int blankLineAt(String s, int lineBreak) {
        int j = lineBreak + 1;
        while (j < s.length() && isBlankLineSpace(s.charAt(j))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '\n' ? j : -1;
    }

    /** The end of the first blank line at or after {@code from}, or -1 (the old {@code \n[ \t\x0B\f\u00A0]*\n}). */
    private static int blankLineEnd(String s, int from) {
        for (int i = s.indexOf('\n', from); i >= 0; i = s.indexOf('\n', i + 1)) {
            int end = blankLineAt(s, i);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    private static boolean isBlankLineSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0';
    }

    private static void add(String part, List<String> result) {
        String p = part.strip();
        if (p.isEmpty()) {
            return;
        }
        if (p.length() <= MAX_PARAGRAPH_CHARS) {
            result.add(p);
        } else {
            cut(p, result);
        }
    }

    /** Cuts a long paragraph into pieces of about CHUNK_CHARS, preferably after a sentence end. */
    private static void cut(String p, List<String> out) {
        int start = 0;
        while (p.length() - start > MAX_PARAGRAPH_CHARS) {
            int limit = start + CHUNK_CHARS;
            int end = -1;
            for (int i = limit; i > start + CHUNK_CHARS / 2; i--) {
                char c = p.charAt(i - 1);
                if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(p.charAt(i))) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                for (int i = limit; i > start + CHUNK_CHARS / 2; i--) {
                    if (Character.isWhitespace(p.charAt(i))) {
                        end = i;
                        break;
                    }
                }
            }
            if (end < 0) {
                end = limit;
            }
            out.add(p.substring(start, end));
            start = end;
        }
        out.add(p.substring(start));
    }

    /**
     * {@code max} paragraphs picked at evenly spaced character positions through the document
     * (systematic sampling proportional to length; a paragraph may be picked more than once).
     */
    static List<String> sample(List<String> paragraphs, int max) {
        int n = paragraphs.size();
        if (n <= max) {
            return paragraphs;
        }
        long[] ends = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += paragraphs.get(i).length();
            ends[i] = total;
        }
        List<String> picked = new ArrayList<>(max);
        int j = 0;
        for (int i = 0; i < max; i++) {
            long position = ((2L * i + 1) * total) / (2L * max);
            while (ends[j] <= position) {
                j++;
            }
            picked.add(paragraphs.get(j));
        }
        return picked;
    }

    /**
     * Code-like: more than 10% of the visible characters are code symbols, or most lines look like
     * statements or shell prompts (end in ; { } or start with a prompt or a keyword).
     */
    static boolean looksLikeCode(String paragraph) {
        int visible = 0;
        int symbols = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (!Character.isWhitespace(c)) {
                visible++;
                if (c < 128 && IS_CODE_SYMBOL[c]) {
                    symbols++;
                }
            }
        }
        if (visible == 0) {
            return false;
        }
        if (symbols * 10 > visible) {
            return true;
        }
        if (paragraph.indexOf('\n') < 0) {
            return false; // one line: "most lines" needs two
        }
        int nonEmpty = 0;
        int code = 0;
        int start = 0;
        while (start <= paragraph.length()) {
            int end = paragraph.indexOf('\n', start);
            if (end < 0) {
                end = paragraph.length();
            }
            String line = paragraph.substring(start, end);
            if (!line.isBlank()) {
                nonEmpty++;
                if (isCodeLine(line)) {
                    code++;
                }
            }
            start = end + 1;
        }
        return nonEmpty >= 2 && code * 2 > nonEmpty;
    }

    /** See {@link #CODE_LINE_START}. {@code line} holds no '\n'. */
    static boolean isCodeLine(String line) {
        int n = line.length();
        int first = 0;
        while (first < n && isRegexSpace(line.charAt(first))) {
            first++;
        }
        int last = n - 1;
        while (last >= 0 && isRegexSpace(line.charAt(last))) {
            last--;
        }
        if (last >= 0) {
            char end = line.charAt(last);
            if ((end == ';' || end == '{' || end == '}') && !hasLineTerminator(line, 0, last)) {
                return true;
            }
        }
        return !hasLineTerminator(line, first, n) && CODE_LINE_START.matcher(line).region(first, n).lookingAt();
    }

    /** Whether a character '.' does not match is in [from, to). */
    private static boolean hasLineTerminator(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** {@code \s} of a regular expression: [ \t\n\x0B\f\r]. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Optimaize's built-in profiles of the same languages as Lingua (those it has), by ISO 639-1 code. */
    private static Map<String, com.optimaize.langdetect.profiles.LanguageProfile> optimaizeProfiles(Set<Language> languages) {
        LanguageProfileReader reader = new LanguageProfileReader();
        Map<String, com.optimaize.langdetect.profiles.LanguageProfile> profiles = new LinkedHashMap<>();
        for (Language language : languages) {
            String iso = language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
            try {
                profiles.put(iso, reader.readBuiltIn(LdLocale.fromString(iso)));
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                // no Optimaize profile for this language: Lingua alone decides its paragraphs
            }
        }
        if (profiles.isEmpty()) {
            throw new UncheckedIOException(new IOException("no Optimaize language profile could be read"));
        }
        return profiles;
    }

    private static Language toLinguaLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("Blank language tag in the configured languages");
        }
        String base = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        Language language = null;
        if (base.length() == 2) {
            language = byIso(base, IsoCode639_1.values(), true);
        } else if (base.length() == 3) {
            language = byIso(base, IsoCode639_3.values(), false);
        }
        if (language == null || language == Language.UNKNOWN) {
            throw new IllegalArgumentException("Unsupported language tag '" + tag
                    + "' for language detection: expected a BCP 47 tag of a language Lingua knows, "
                    + "such as es, en, pt, es-419 or pt-BR");
        }
        return language;
    }

    private static Language byIso(String code, Enum<?>[] codes, boolean twoLetters) {
        for (Enum<?> c : codes) {
            if (c.name().equalsIgnoreCase(code)) {
                Language l = twoLetters ? Language.getByIsoCode639_1((IsoCode639_1) c)
                        : Language.getByIsoCode639_3((IsoCode639_3) c);
                return l;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "LanguageDetector" + languages;
    }
}
