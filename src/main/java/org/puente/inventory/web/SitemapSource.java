package org.puente.inventory.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;

import org.puente.config.SourceDefinition;
import org.puente.inventory.DiscoveryListener;
import org.puente.inventory.DocumentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;

/**
 * The documents a sitemap lists ({@link SourceDefinition.Type#SITEMAP}): {@code url} is read
 * (XML, plain text or RSS/Atom, gzipped or not), sitemap indexes are followed up to
 * {@value #MAX_NESTING} levels deep, and every URL listed is downloaded, until
 * {@code maxPages} URLs have been. URLs may be on any host. A document's modification time
 * is its {@code Last-Modified} header, else the sitemap's {@code lastmod}.
 *
 * <p>If {@code url} itself cannot be read or is not a sitemap, the source throws; a nested
 * sitemap that cannot be read is reported as failed and the rest goes on.
 */
public final class SitemapSource implements DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(SitemapSource.class);

    /** Index → index → sitemap is already more than the protocol allows; stop there. */
    public static final int MAX_NESTING = 3;

    /** Sitemaps read in one run, whatever maxPages says. */
    public static final int MAX_SITEMAPS = 1000;

    private final Path cacheDir;
    private final WebFetcher fetcher;

    public SitemapSource(Path cacheDir, WebFetcher fetcher) {
        this.cacheDir = cacheDir;
        this.fetcher = fetcher;
    }

    @Override
    public boolean handles(SourceDefinition.Type type) {
        return type == SourceDefinition.Type.SITEMAP;
    }

    private record Pending(URI uri, int depth) {
    }

    @Override
    public void discover(SourceDefinition source, DiscoveryListener listener) throws Exception {
        if (source.getUrl() == null || source.getUrl().isBlank()) {
            throw new IllegalArgumentException(source + " has no sitemap url");
        }
        URI root;
        try {
            root = UrlNormalizer.parseOrThrow(source.getUrl());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + ": the sitemap url " + source.getUrl()
                    + " is not a valid http(s) URL: " + e.getReason(), e);
        }
        Files.createDirectories(cacheDir);
        FetchLimits limits = FetchLimits.of(source);
        Politeness politeness = new Politeness(fetcher, cacheDir, source);
        // lenient: real sitemaps often list URLs outside their own directory, or are truncated
        SiteMapParser parser = new SiteMapParser(false, true);

        Set<URI> sitemapsSeen = new HashSet<>();
        Set<URI> documentsSeen = new HashSet<>();
        Queue<Pending> sitemaps = new ArrayDeque<>();
        sitemaps.add(new Pending(root, 0));
        sitemapsSeen.add(root);
        int sitemapsRead = 0;

        while (!sitemaps.isEmpty() && documentsSeen.size() < source.getMaxPages()) {
            Pending pending = sitemaps.poll();
            boolean isRoot = pending.depth == 0;
            if (++sitemapsRead > MAX_SITEMAPS) {
                log.warn("{}: stopped after reading {} sitemaps", source, MAX_SITEMAPS);
                break;
            }
            AbstractSiteMap sitemap;
            try {
                sitemap = read(pending.uri, limits, politeness, parser);
            } catch (IOException e) {
                if (isRoot) {
                    throw new IOException(source + ": " + e.getMessage(), e);
                }
                listener.failed(pending.uri.toString(), e.getMessage());
                continue;
            }
            if (sitemap instanceof SiteMapIndex index) {
                for (AbstractSiteMap child : index.getSitemaps()) {
                    if (pending.depth + 1 >= MAX_NESTING) {
                        listener.failed(child.getUrl().toString(),
                                "sitemap nested more than " + MAX_NESTING + " levels deep, not read");
                        continue;
                    }
                    UrlNormalizer.parse(child.getUrl().toString())
                            .filter(sitemapsSeen::add)
                            .ifPresent(uri -> sitemaps.add(new Pending(uri, pending.depth + 1)));
                }
            } else if (sitemap instanceof SiteMap urls) {
                for (SiteMapURL entry : urls.getSiteMapUrls()) {
                    if (documentsSeen.size() >= source.getMaxPages()) {
                        log.info("{}: stopped at maxPages = {}; the sitemaps list more URLs", source,
                                source.getMaxPages());
                        break;
                    }
                    String listed = entry.getUrl().toString();
                    URI uri;
                    try {
                        uri = UrlNormalizer.parseOrThrow(listed);
                    } catch (URISyntaxException e) {
                        listener.failed(listed, "malformed URL: " + e.getReason());
                        continue;
                    }
                    if (!documentsSeen.add(uri)) {
                        continue;
                    }
                    FetchOutcome outcome = fetcher.fetch(uri, limits, cacheDir, politeness);
                    if (outcome instanceof FetchOutcome.Fetched fetched) {
                        Date lastmod = entry.getLastModified();
                        Instant fallback = lastmod == null ? null : lastmod.toInstant();
                        listener.found(fetched.toFoundDocument(fallback));
                    } else {
                        listener.failed(uri.toString(), ((FetchOutcome.Failed) outcome).reason());
                    }
                }
            }
        }
        log.info("{}: {} sitemaps read, {} URLs visited", source, sitemapsRead, documentsSeen.size());
    }

    /** Downloads and parses one sitemap; the exception's message says what went wrong. */
    private AbstractSiteMap read(URI uri, FetchLimits limits, Politeness politeness, SiteMapParser parser)
            throws IOException, InterruptedException {
        FetchOutcome outcome = fetcher.fetch(uri, limits, cacheDir, politeness);
        if (outcome instanceof FetchOutcome.Failed failed) {
            throw new IOException("sitemap " + uri + " could not be read: " + failed.reason());
        }
        FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) outcome;
        if (fetched.size() > SiteMapParser.MAX_BYTES_ALLOWED) {
            throw new IOException("sitemap " + uri + " is larger than "
                    + ByteSize.format(SiteMapParser.MAX_BYTES_ALLOWED));
        }
        // the parser needs the whole sitemap in memory; its size is capped just above
        byte[] content = Files.readAllBytes(fetched.content());
        try {
            return fetched.contentType() == null
                    ? parser.parseSiteMap(content, fetched.location().toURL())
                    : parser.parseSiteMap(fetched.contentType(), content, fetched.location().toURL());
        } catch (UnknownFormatException e) {
            throw new IOException("sitemap " + uri + " is not a sitemap: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("sitemap " + uri + " could not be parsed: " + e, e);
        }
    }
}
