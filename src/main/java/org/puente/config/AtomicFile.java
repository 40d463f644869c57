package org.puente.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a text file (UTF-8) so that readers see the old content or the whole new one, never a
 * half-written file: the content goes to a hidden file beside it, which then replaces it.
 */
public final class AtomicFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is written; may return a figure (e.g. how many records). */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(Writer out) throws IOException;
    }

    /** What is written, as bytes. */
    @FunctionalInterface
    public interface BinaryContent {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} (its folders created if needed) from bytes. */
    public static void writeBinary(Path target, BinaryContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = temporary(absolute);
        try {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A hidden file beside the target. Not Files.createTempFile: its owner-only mode (0600) would stay with the file. */
    private static Path temporary(Path absolute) {
        return absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    }

    /** Writes {@code target} (its folders created if needed) and returns what the content returned. */
    public static <T> T write(Path target, Content<T> content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = temporary(absolute);
        try {
            T result;
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                result = content.writeTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
