package org.puente.inventory.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.puente.inventory.FoundDocument;

/** What came of downloading one URL: its body in the cache, or why there is none. */
public sealed interface FetchOutcome permits FetchOutcome.Fetched, FetchOutcome.Failed {

    /** The URL that was asked for, before any redirect. */
    URI requested();

    /**
     * A body, stored in the cache.
     *
     * @param location    the URL after redirects
     * @param content     the cached copy of the body
     * @param modified    the {@code Last-Modified} header, or {@code null}
     * @param sha256      lower-case hex SHA-256 of the body
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param notModified whether the server answered 304 and the earlier copy was reused
     */
    record Fetched(URI requested, URI location, Path content, long size, Instant modified, String sha256,
                   String contentType, boolean notModified) implements FetchOutcome {

        public String fingerprint() {
            return "sha256:" + sha256;
        }

        public FoundDocument toFoundDocument() {
            return toFoundDocument(null);
        }

        /** @param fallbackModified used when the server sent no {@code Last-Modified} */
        public FoundDocument toFoundDocument(Instant fallbackModified) {
            return new FoundDocument(location.toString(), content, size,
                    modified != null ? modified : fallbackModified, fingerprint());
        }

        /** Whether the body is an HTML page (by its media type, else by the look of the URL). */
        public boolean isHtml() {
            if (contentType != null && !contentType.isBlank()) {
                String type = contentType.toLowerCase(Locale.ROOT);
                return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
            }
            String path = location.getPath() == null ? "" : location.getPath().toLowerCase(Locale.ROOT);
            return path.isEmpty() || path.endsWith("/") || path.endsWith(".html") || path.endsWith(".htm");
        }
    }

    /**
     * No body.
     *
     * @param reason for the register, e.g. {@code HTTP 404 Not Found}
     * @param status the HTTP status that caused it, or 0 when there was no answer
     */
    record Failed(URI requested, String reason, int status) implements FetchOutcome {
    }
}
