package org.puente.inventory.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.puente.config.SourceDefinition;
import org.puente.inventory.DiscoveryListener;
import org.puente.inventory.DocumentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents at a list of URLs ({@link SourceDefinition.Type#URL_LIST}): those in
 * {@code urls}, then those in {@code urlFile} (UTF-8, one URL a line; blank lines and lines
 * starting with {@code #} are skipped, as is a {@code #} comment after whitespace).
 *
 * <p>A malformed or non-http(s) URL is reported as failed with the reason; a URL listed twice
 * is downloaded once. After {@code maxPages} URLs, the rest are reported as failed rather
 * than silently dropped. robots.txt and the per-host delay apply as for a crawl. A missing
 * {@code urlFile} makes the source throw.
 */
public final class UrlListSource implements DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(UrlListSource.class);

    private final Path cacheDir;
    private final WebFetcher fetcher;

    public UrlListSource(Path cacheDir, WebFetcher fetcher) {
        this.cacheDir = cacheDir;
        this.fetcher = fetcher;
    }

    @Override
    public boolean handles(SourceDefinition.Type type) {
        return type == SourceDefinition.Type.URL_LIST;
    }

    @Override
    public void discover(SourceDefinition source, DiscoveryListener listener) throws Exception {
        Path urlFile = source.getUrlFile();
        boolean hasInline = source.getUrls() != null && !source.getUrls().isEmpty();
        if (!hasInline && urlFile == null) {
            throw new IllegalArgumentException(source + " lists no urls and names no urlFile");
        }
        if (urlFile != null && !Files.isRegularFile(urlFile)) {
            throw new IOException(source + ": the URL file " + urlFile.toAbsolutePath() + " does not exist");
        }
        Files.createDirectories(cacheDir);
        Run run = new Run(source, listener);
        if (hasInline) {
            for (String url : source.getUrls()) {
                run.visit(url);
            }
        }
        if (urlFile != null) {
            try (BufferedReader lines = Files.newBufferedReader(urlFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    run.visit(line);
                }
            }
        }
        log.info("{}: {} URLs downloaded or tried", source, run.seen.size());
    }

    /** One pass over the list. */
    private final class Run {
        private final SourceDefinition source;
        private final DiscoveryListener listener;
        private final FetchLimits limits;
        private final Politeness politeness;
        private final Set<URI> seen = new HashSet<>();

        Run(SourceDefinition source, DiscoveryListener listener) {
            this.source = source;
            this.listener = listener;
            this.limits = FetchLimits.of(source);
            this.politeness = new Politeness(fetcher, cacheDir, source);
        }

        void visit(String line) throws InterruptedException {
            String entry = stripComment(line);
            if (entry.isEmpty()) {
                return;
            }
            URI uri;
            try {
                uri = UrlNormalizer.parseOrThrow(entry);
            } catch (URISyntaxException e) {
                listener.failed(entry, "malformed URL: " + e.getReason());
                return;
            }
            if (seen.contains(uri)) {
                return;
            }
            if (seen.size() >= source.getMaxPages()) {
                listener.failed(uri.toString(), "not downloaded: the source's maxPages limit ("
                        + source.getMaxPages() + ") was reached");
                return;
            }
            seen.add(uri);
            FetchOutcome outcome = fetcher.fetch(uri, limits, cacheDir, politeness);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                listener.found(fetched.toFoundDocument());
            } else {
                listener.failed(uri.toString(), ((FetchOutcome.Failed) outcome).reason());
            }
        }
    }

    /** The line without surrounding blanks and without a comment; "" for a blank or comment line. */
    static String stripComment(String line) {
        if (line == null) {
            return "";
        }
        String text = line.strip();
        if (text.startsWith("#")) {
            return "";
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i).strip();
            }
        }
        return text;
    }
}
