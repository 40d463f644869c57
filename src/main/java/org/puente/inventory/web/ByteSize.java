package org.puente.inventory.web;

import java.util.Locale;

/** Byte counts written for people: {@code 512 bytes}, {@code 64 KB}, {@code 50 MB}, {@code 1.5 MB}. */
final class ByteSize {

    private ByteSize() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024L * 1024) {
            return trim(bytes / 1024.0) + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return trim(bytes / (1024.0 * 1024)) + " MB";
        }
        return trim(bytes / (1024.0 * 1024 * 1024)) + " GB";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
