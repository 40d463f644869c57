package org.puente.inventory.web;

import java.time.Duration;
import java.util.Objects;

import org.puente.config.SourceDefinition;

/**
 * The limits one download runs under.
 *
 * @param timeout      for each request, from sending it to the last byte of the body
 * @param maxBytes     bodies larger than this are abandoned
 * @param maxRedirects redirects followed before giving up
 * @param userAgent    sent as the {@code User-Agent} header
 */
public record FetchLimits(Duration timeout, long maxBytes, int maxRedirects, String userAgent) {

    public FetchLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
    }

    /** The web limits declared on a source. */
    public static FetchLimits of(SourceDefinition source) {
        return new FetchLimits(Duration.ofSeconds(source.getTimeoutSeconds()), source.getMaxBytes(),
                source.getMaxRedirects(), source.getUserAgent());
    }

    /** The same limits with a smaller size cap (e.g. for robots.txt). */
    public FetchLimits withMaxBytesAtMost(long cap) {
        return new FetchLimits(timeout, Math.min(maxBytes, cap), maxRedirects, userAgent);
    }
}
