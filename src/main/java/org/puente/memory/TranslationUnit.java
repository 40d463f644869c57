package org.puente.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One translation unit: a TMX {@code <tu>} with its variants, one per language (TMX allows
 * several of the same language; they are kept).
 *
 * @param tuid       the unit's id in its file, or null
 * @param sourceLanguage the unit's {@code srclang} if it has one, else the header's; a
 *                   normalized BCP 47 tag, or {@link #ALL_LANGUAGES} when any variant may
 *                   serve as source
 * @param attributes the tu's other attributes in file order ({@code usagecount},
 *                   {@code lastusagedate}, {@code datatype}, {@code segtype}...)
 * @param props      in file order; a type may repeat
 */
public record TranslationUnit(
        String tuid,
        String sourceLanguage,
        Instant creationDate,
        String creationId,
        Instant changeDate,
        String changeId,
        Map<String, String> attributes,
        List<TmProp> props,
        List<String> notes,
        List<TranslationVariant> variants) {

    /** TMX's {@code srclang="*all*"}: every variant can be a source. */
    public static final String ALL_LANGUAGES = "*all*";

    public TranslationUnit {
        Objects.requireNonNull(sourceLanguage, "sourceLanguage");
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        props = props == null ? List.of() : List.copyOf(props);
        notes = notes == null ? List.of() : List.copyOf(notes);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /**
     * The first variant in {@code language}: an exact tag match first ({@code pt-BR}), else the
     * first whose primary language matches when {@code language} has no region ({@code pt}).
     */
    public Optional<TranslationVariant> variant(String language) {
        String tag = LanguageTags.normalize(language);
        for (TranslationVariant v : variants) {
            if (v.language().equals(tag)) {
                return Optional.of(v);
            }
        }
        if (tag.indexOf('-') < 0) {
            for (TranslationVariant v : variants) {
                if (LanguageTags.language(v.language()).equals(tag)) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    /** The source variant, or empty when the source language is {@link #ALL_LANGUAGES}. */
    public Optional<TranslationVariant> source() {
        return ALL_LANGUAGES.equals(sourceLanguage) ? Optional.empty() : variant(sourceLanguage);
    }

    /** The values of the props of {@code type}, in file order. */
    public List<String> props(String type) {
        List<String> values = new ArrayList<>();
        for (TmProp p : props) {
            if (p.type().equals(type)) {
                values.add(p.value());
            }
        }
        return values;
    }
}
