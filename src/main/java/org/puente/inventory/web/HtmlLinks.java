package org.puente.inventory.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The links of an HTML page worth following in a crawl: every {@code a}/{@code area href} and
 * {@code iframe}/{@code frame src}, plus {@code embed src}, {@code object data},
 * {@code link href} and {@code source src} when they point to a document (PDF, office
 * formats...). Resolved against the page (or its {@code <base href>}) and normalised;
 * {@code mailto:}, {@code javascript:} and other non-http(s) links are dropped, and so are
 * links to images, audio, video, archives, fonts, scripts and style sheets.
 */
public final class HtmlLinks {

    /** Pages larger than this are reported but not parsed for links. */
    public static final long MAX_PARSE_BYTES = 8L * 1024 * 1024;

    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of(
            "pdf", "doc", "docx", "docm", "dot", "dotx", "odt", "ott", "ods", "odp", "odg", "rtf", "txt",
            "xls", "xlsx", "ppt", "pptx", "epub", "csv", "md", "tex", "htm", "html");

    private static final Set<String> SKIPPED_EXTENSIONS = Set.of(
            "css", "js", "mjs", "json", "map",
            "jpg", "jpeg", "png", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif", "heic",
            "mp3", "mp4", "m4a", "m4v", "wav", "ogg", "oga", "ogv", "flac", "webm", "avi", "mov", "mkv", "wmv",
            "woff", "woff2", "ttf", "otf", "eot",
            "zip", "gz", "tgz", "bz2", "xz", "rar", "7z", "tar", "exe", "msi", "dmg", "iso", "apk", "jar");

    private HtmlLinks() {
    }

    /**
     * The links of the page in {@code file}, in document order, without duplicates.
     *
     * @param location        the page's URL, against which relative links are resolved
     * @param honourNofollow  whether {@code <meta name="robots" content="nofollow">} means no links
     */
    public static Set<URI> extract(Path file, URI location, boolean honourNofollow) throws IOException {
        Set<URI> links = new LinkedHashSet<>();
        if (Files.size(file) > MAX_PARSE_BYTES) {
            return links;
        }
        Document page = Jsoup.parse(file.toFile(), null, location.toString());
        if (honourNofollow) {
            for (Element meta : page.select("meta[name]")) {
                String name = meta.attr("name").toLowerCase(Locale.ROOT);
                String content = meta.attr("content").toLowerCase(Locale.ROOT);
                if (name.equals("robots") && (content.contains("nofollow") || content.contains("none"))) {
                    return links;
                }
            }
        }
        for (Element e : page.select("a[href], area[href]")) {
            add(links, e.absUrl("href"), false);
        }
        for (Element e : page.select("iframe[src], frame[src]")) {
            add(links, e.absUrl("src"), false);
        }
        for (Element e : page.select("embed[src], source[src]")) {
            add(links, e.absUrl("src"), true);
        }
        for (Element e : page.select("object[data]")) {
            add(links, e.absUrl("data"), true);
        }
        for (Element e : page.select("link[href]")) {
            add(links, e.absUrl("href"), true);
        }
        return links;
    }

    private static void add(Set<URI> links, String href, boolean documentsOnly) {
        if (href == null || href.isEmpty()) {
            return; // jsoup gives "" for links it cannot resolve
        }
        UrlNormalizer.parse(href).ifPresent(uri -> {
            String extension = extension(uri);
            if (SKIPPED_EXTENSIONS.contains(extension)) {
                return;
            }
            if (documentsOnly && !DOCUMENT_EXTENSIONS.contains(extension)) {
                return;
            }
            links.add(uri);
        });
    }

    /** The lower-case extension of the URL's last path segment, or "". */
    static String extension(URI uri) {
        String path = uri.getPath();
        if (path == null) {
            return "";
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
