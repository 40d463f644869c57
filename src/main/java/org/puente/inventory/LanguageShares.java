package org.puente.inventory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The compact text form of language shares stored in the database: {@code en=0.63;es=0.37}. */
final class LanguageShares {

    private LanguageShares() {
    }

    static String format(Map<String, Double> shares) {
        StringBuilder out = new StringBuilder();
        shares.forEach((lang, share) -> {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(lang).append('=').append(String.format(Locale.ROOT, "%.3f", share));
        });
        return out.toString();
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                shares.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
            }
        }
        return shares;
    }
}
