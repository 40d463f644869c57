package org.puente.inventory.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns URLs as written (in a list, a sitemap, an {@code href}) into one canonical form, so
 * that the same page is recognised however it was linked: resolved against its base,
 * fragment dropped, scheme and host in lower case, default port dropped, empty path made
 * {@code /}, characters not allowed in a URI percent-encoded.
 */
public final class UrlNormalizer {

    private static final String HEX = "0123456789ABCDEF";

    private UrlNormalizer() {
    }

    /** The canonical form of an absolute http(s) URL, or empty if it is not one. */
    public static Optional<URI> parse(String url) {
        return resolve(null, url);
    }

    /**
     * Resolves {@code href} against {@code base} (may be {@code null} for an absolute URL).
     *
     * @return the canonical http(s) URL, or empty for anything else ({@code mailto:},
     *         {@code javascript:}, malformed...)
     */
    public static Optional<URI> resolve(URI base, String href) {
        try {
            return Optional.of(resolveOrThrow(base, href));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse(String)} but says what is wrong. */
    static URI parseOrThrow(String url) throws URISyntaxException {
        return resolveOrThrow(null, url);
    }

    private static URI resolveOrThrow(URI base, String href) throws URISyntaxException {
        if (href == null || href.isBlank()) {
            throw new URISyntaxException(String.valueOf(href), "empty URL");
        }
        String text = escapeIllegal(href.strip());
        URI uri = new URI(text);
        if (base != null && text.startsWith("?")) {
            // java.net.URI follows RFC 2396 here; RFC 3986 keeps the base's path for "?query"
            String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
            uri = base.resolve(new URI(path + text));
        } else if (base != null) {
            uri = base.resolve(uri);
        }
        if (!uri.isAbsolute()) {
            throw new URISyntaxException(href, "not an absolute URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new URISyntaxException(href, "not an http(s) URL");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new URISyntaxException(href, "no host");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new URISyntaxException(href, "no valid host");
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        out.append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        return new URI(out.toString()).normalize();
    }

    /** Whether the URL is absolute http or https with a host. */
    public static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null;
    }

    /** {@code scheme://host[:port]}: the unit robots.txt and the per-host delay apply to. */
    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Percent-encodes spaces, non-ASCII and other characters a URI may not contain, keeping existing escapes. */
    static String escapeIllegal(String url) {
        StringBuilder out = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean legal = c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0
                    && !(c == '%' && !isEscape(url, i));
            if (legal) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(url.length() + 16).append(url, 0, i);
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < url.length() && Character.isLowSurrogate(url.charAt(end))) {
                end++;
            }
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
            i = end - 1;
        }
        return out == null ? url : out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && HEX.indexOf(Character.toUpperCase(s.charAt(i + 1))) >= 0
                && HEX.indexOf(Character.toUpperCase(s.charAt(i + 2))) >= 0;
    }
}
