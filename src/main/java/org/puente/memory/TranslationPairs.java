package org.puente.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.puente.config.PuenteProperties;
import org.puente.extraction.ExtractionStatus;
import org.puente.inventory.TextDocument;

/**
 * Finds the documents of the inventory that are translations of each other, by where they
 * are: the same path under language folders ({@code …/en/x.html}, {@code …/es/x.html},
 * {@code …/pt-BR/x.html}, {@code en_US}, {@code es-419}) or the same file name with a language
 * marker ({@code manual.en.pdf}, {@code manual_es.docx}, {@code manual-pt.odt}), extension
 * ignored. The marker must agree with the language the document was found to be in, and a
 * cheap check of the texts (length ratio, shared numbers) must pass, so that unrelated
 * documents are not paired. Several formats of one document in one language (html, docx, odt
 * of the same page) give one member per language: the format every language has, then the
 * longest text.
 */
public final class TranslationPairs {

    /** Two documents to align, and the location pattern they share. */
    public record Pair(TextDocument source, TextDocument target, String key) {
    }

    /** A document's location read as a language variant: the shared key, and the marked language. */
    record Marked(String key, String language) {
    }

    /** Text lengths of translations differ by less than this factor either way. */
    static final double MAX_LENGTH_RATIO = 2.0;
    /** Shared numbers (Dice) two translations have at least, when both have some. */
    static final double MIN_SHARED_NUMBERS = 0.3;
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("(?i)([a-z]{2,3})(?:[-_]([a-z]{2}|\\d{3}))?");

    private final List<String> languages;

    /** @param languages the configured languages ({@link PuenteProperties#getLanguages()}), in order of preference as source */
    public TranslationPairs(List<String> languages) {
        this.languages = languages.stream().map(LanguageTags::language).distinct().toList();
    }

    /**
     * The pairs among {@code documents}: for each group of corresponding documents, every two
     * languages (es-en, es-pt, en-pt), the source being the language configured first.
     *
     * @param text a document's extracted text, by id (read only for the check of candidates)
     */
    public List<Pair> find(List<TextDocument> documents, Function<String, String> text) {
        Map<String, Map<String, List<TextDocument>>> groups = new LinkedHashMap<>();
        for (TextDocument d : documents) {
            if (!ExtractionStatus.EXTRACTED.name().equals(d.status()) || !"PRESENT".equals(d.state())) {
                continue;
            }
            String language = LanguageTags.language(d.language());
            if (!languages.contains(language)) {
                continue;
            }
            Set<String> keys = new HashSet<>();
            for (String location : d.locations()) {
                marked(location).filter(m -> m.language().equals(language)).ifPresent(m -> keys.add(m.key()));
            }
            for (String key : keys) {
                groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(language, k -> new ArrayList<>()).add(d);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // What the check needs of each text, not the text: a run over a large inventory holds little.
        Map<String, Outline> outlines = new HashMap<>();
        Function<String, Outline> cached = id -> outlines.computeIfAbsent(id, k -> Outline.of(text.apply(k)));
        for (Map.Entry<String, Map<String, List<TextDocument>>> group : groups.entrySet()) {
            Map<String, TextDocument> members = pick(group.getValue());
            List<String> present = languages.stream().filter(members::containsKey).toList();
            for (int a = 0; a < present.size(); a++) {
                for (int b = a + 1; b < present.size(); b++) {
                    TextDocument source = members.get(present.get(a));
                    TextDocument target = members.get(present.get(b));
                    if (seen.add(source.id() + "|" + target.id())
                            && correspond(cached.apply(source.id()), cached.apply(target.id()))) {
                        pairs.add(new Pair(source, target, group.getKey()));
                    }
                }
            }
        }
        return pairs;
    }

    /**
     * One document per language: of the formats every language has, the one with the most
     * text (so that html is aligned with html); then the longest text.
     */
    private static Map<String, TextDocument> pick(Map<String, List<TextDocument>> byLanguage) {
        Set<String> shared = null;
        for (List<TextDocument> docs : byLanguage.values()) {
            Set<String> types = new HashSet<>();
            docs.forEach(d -> types.add(String.valueOf(d.mediaType())));
            if (shared == null) {
                shared = types;
            } else {
                shared.retainAll(types);
            }
        }
        String format = shared == null ? null : shared.stream()
                .max(Comparator.comparingLong((String type) -> byLanguage.values().stream()
                                .mapToLong(docs -> docs.stream().filter(d -> type.equals(String.valueOf(d.mediaType())))
                                        .mapToLong(TextDocument::textChars).max().orElse(0))
                                .sum())
                        .thenComparing(Comparator.reverseOrder()))
                .orElse(null);
        Map<String, TextDocument> picked = new LinkedHashMap<>();
        byLanguage.forEach((language, docs) -> picked.put(language, docs.stream()
                .max(Comparator.comparing((TextDocument d) -> String.valueOf(d.mediaType()).equals(format))
                        .thenComparingInt(TextDocument::textChars)
                        .thenComparing(TextDocument::id, Comparator.reverseOrder()))
                .orElseThrow()));
        return picked;
    }

    /**
     * Reads a location as a language variant: a folder named for a configured language
     * anywhere in the path, or a language marker at the end of the file name; the key is the
     * location without the language and without the extension.
     */
    Optional<Marked> marked(String location) {
        String path = location.replace('\\', '/');
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int start = path.indexOf("://");
        start = start < 0 ? 0 : path.indexOf('/', start + 3) + 1;
        if (start <= 0 && path.contains("://")) {
            return Optional.empty();
        }
        String prefix = path.substring(0, start);
        String[] parts = path.substring(start).split("/", -1);
        String language = null;
        String name = parts[parts.length - 1];
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        // manual.en.pdf: the marker is the second dotted part
        String[] dotted = name.split("\\.");
        if (dotted.length >= 3) {
            String marker = language(dotted[1]);
            if (marker != null) {
                language = marker;
                stem = dotted[0];
            }
        }
        if (language == null) {
            // manual_es, manual-pt-BR, manual_en_US: the longest tag-like ending after a separator
            for (int i = 1; i < stem.length() - 1 && language == null; i++) {
                if ("._-".indexOf(stem.charAt(i)) >= 0 && language(stem.substring(i + 1)) != null) {
                    language = language(stem.substring(i + 1));
                    stem = stem.substring(0, i);
                }
            }
        }
        parts[parts.length - 1] = stem;
        for (int i = 0; i < parts.length - 1; i++) {
            String folder = language(parts[i]);
            if (folder != null) {
                if (language != null && !language.equals(folder)) {
                    return Optional.empty();
                }
                language = folder;
                parts[i] = "*";
            }
        }
        return language == null ? Optional.empty()
                : Optional.of(new Marked(prefix.toLowerCase(Locale.ROOT) + String.join("/", parts), language));
    }

    /** The configured base language a folder name or marker stands for, or null. */
    private String language(String name) {
        Matcher m = LANGUAGE_TAG.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1).toLowerCase(Locale.ROOT);
        return languages.contains(base) ? base : null;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /**
     * Whether two texts can be translations of each other: lengths within
     * {@link #MAX_LENGTH_RATIO}, and, when both hold numbers, enough of them shared.
     */
    static boolean correspond(String a, String b) {
        return correspond(Outline.of(a), Outline.of(b));
    }

    /** What {@link #correspond} looks at in a text: its length and its numbers. */
    private record Outline(int length, Set<String> numbers) {
        static Outline of(String text) {
            return new Outline(text.strip().length(), TranslationPairs.numbers(text));
        }
    }

    private static boolean correspond(Outline a, Outline b) {
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0 || la > lb * MAX_LENGTH_RATIO || lb > la * MAX_LENGTH_RATIO) {
            return false;
        }
        Set<String> na = a.numbers();
        Set<String> nb = b.numbers();
        if (na.size() < 3 || nb.size() < 3) {
            return true;
        }
        Set<String> common = new HashSet<>(na);
        common.retainAll(nb);
        return 2.0 * common.size() / (na.size() + nb.size()) >= MIN_SHARED_NUMBERS;
    }

    private static Set<String> numbers(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers;
    }
}
