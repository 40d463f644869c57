package org.puente.memory;

import java.util.Locale;

/**
 * BCP 47 language tags as TMX files spell them and as Puente stores them. Tools write
 * {@code EN-US}, {@code en_us}, {@code pt_BR}; the memory keeps one form per tag, in the
 * case conventions of BCP 47 ({@code en-US}, {@code zh-Hant-TW}, {@code es-419}), so that a
 * regional variant (es-ES, es-419, pt-BR, pt-PT) stays itself and compares equal however the
 * file wrote it.
 */
public final class LanguageTags {

    private LanguageTags() {
    }

    /**
     * The normalized tag, or throws {@link IllegalArgumentException} with the reason when
     * {@code tag} is empty or not shaped like a language tag (subtags of 1–8 letters or
     * digits, the first of 2–8 letters, or {@code x}/{@code i} for private and
     * grandfathered tags). Underscores are read as hyphens.
     */
    public static String normalize(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("the language tag is empty");
        }
        String[] subtags = tag.strip().replace('_', '-').split("-", -1);
        StringBuilder b = new StringBuilder(tag.length());
        boolean singletonSeen = false;
        for (int i = 0; i < subtags.length; i++) {
            String s = subtags[i];
            if (s.isEmpty() || s.length() > 8 || !isAlphanumeric(s)) {
                throw new IllegalArgumentException("\"" + tag + "\" is not a language tag (subtags of 1 to 8 letters or digits, joined by hyphens)");
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (i == 0) {
                boolean privateOrGrandfathered = lower.equals("x") || lower.equals("i");
                if (!privateOrGrandfathered && (s.length() < 2 || !isAlpha(s))) {
                    throw new IllegalArgumentException("\"" + tag + "\" is not a language tag (it must start with a language code such as en, es, pt)");
                }
                singletonSeen = privateOrGrandfathered;
                b.append(lower);
                continue;
            }
            b.append('-');
            if (singletonSeen) {
                b.append(lower); // after an extension or private-use singleton, case carries no meaning
            } else if (s.length() == 1) {
                singletonSeen = true;
                b.append(lower);
            } else if (s.length() == 4 && isAlpha(s)) {
                b.append(Character.toUpperCase(s.charAt(0))).append(lower, 1, 4); // script: Hant
            } else if ((s.length() == 2 && isAlpha(s)) || (s.length() == 3 && isDigits(s))) {
                b.append(s.toUpperCase(Locale.ROOT)); // region: US, 419
            } else {
                b.append(lower);
            }
        }
        return b.toString();
    }

    /** The primary language subtag of a normalized tag: {@code pt} for {@code pt-BR}. */
    public static String language(String normalizedTag) {
        int dash = normalizedTag.indexOf('-');
        return dash < 0 ? normalizedTag : normalizedTag.substring(0, dash);
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
