package org.puente.inventory.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;

import org.puente.config.SourceDefinition;
import org.puente.inventory.DiscoveryListener;
import org.puente.inventory.DocumentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded crawl of one website ({@link SourceDefinition.Type#CRAWL}), breadth first from
 * {@code url}.
 *
 * <ul>
 * <li>Only the start URL's host is visited (and the host its first page redirected to, e.g.
 *     {@code www.}); links elsewhere are ignored, not reported.</li>
 * <li>The start page is depth 0; pages at {@code maxDepth} are reported but their links not
 *     followed.</li>
 * <li>At most {@code maxPages} requests for documents are made (failures count, robots.txt
 *     refusals do not); then the crawl stops.</li>
 * <li>Every document fetched is reported, HTML pages included; only HTML pages are read for
 *     links (see {@link HtmlLinks}).</li>
 * <li>robots.txt, its {@code Crawl-delay} and {@code <meta name="robots" content="nofollow">}
 *     are honoured when {@code respectRobots}; {@code delayMillis} separates requests.</li>
 * <li>A URL is requested once, however often it is linked; a redirect target already
 *     reported is not reported again.</li>
 * </ul>
 *
 * If the start page itself cannot be read the crawl throws, with the reason.
 */
public final class SiteCrawl implements DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(SiteCrawl.class);

    private final Path cacheDir;
    private final WebFetcher fetcher;

    public SiteCrawl(Path cacheDir, WebFetcher fetcher) {
        this.cacheDir = cacheDir;
        this.fetcher = fetcher;
    }

    @Override
    public boolean handles(SourceDefinition.Type type) {
        return type == SourceDefinition.Type.CRAWL;
    }

    private record Visit(URI uri, int depth) {
    }

    @Override
    public void discover(SourceDefinition source, DiscoveryListener listener) throws Exception {
        if (source.getUrl() == null || source.getUrl().isBlank()) {
            throw new IllegalArgumentException(source + " has no url to start the crawl from");
        }
        URI start;
        try {
            start = UrlNormalizer.parseOrThrow(source.getUrl());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + ": the start url " + source.getUrl()
                    + " is not a valid http(s) URL: " + e.getReason(), e);
        }
        Files.createDirectories(cacheDir);
        FetchLimits limits = FetchLimits.of(source);
        Politeness politeness = new Politeness(fetcher, cacheDir, source);

        Set<String> allowedHosts = new HashSet<>();
        allowedHosts.add(host(start));
        Set<URI> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        Queue<Visit> queue = new ArrayDeque<>();
        queue.add(new Visit(start, 0));
        seen.add(start);
        int requests = 0;
        long began = System.nanoTime();

        while (!queue.isEmpty()) {
            if (requests >= source.getMaxPages()) {
                log.info("{}: stopped at maxPages = {}; {} more links were not visited",
                        source, source.getMaxPages(), queue.size());
                break;
            }
            Visit visit = queue.poll();
            FetchOutcome outcome = fetcher.fetch(visit.uri, limits, cacheDir, politeness);
            boolean isStart = visit.depth == 0;
            if (outcome instanceof FetchOutcome.Failed failed) {
                if (isStart) {
                    throw new IOException(source + ": the start page " + visit.uri + " could not be read: "
                            + failed.reason());
                }
                if (!Politeness.DISALLOWED.equals(failed.reason())) {
                    requests++;
                }
                listener.failed(visit.uri.toString(), failed.reason());
                continue;
            }
            requests++;
            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) outcome;
            URI location = fetched.location();
            seen.add(location);
            if (isStart) {
                allowedHosts.add(host(location));
            }
            if (!reported.add(location.toString())) {
                continue; // reached again through a redirect
            }
            listener.found(fetched.toFoundDocument());
            if (!fetched.isHtml() || visit.depth >= source.getMaxDepth()
                    || !allowedHosts.contains(host(location))) {
                continue;
            }
            Set<URI> links;
            try {
                links = HtmlLinks.extract(fetched.content(), location, source.isRespectRobots());
            } catch (IOException | RuntimeException e) {
                log.warn("{}: could not read the links of {}: {}", source, location, e.toString());
                continue;
            }
            for (URI link : links) {
                if (allowedHosts.contains(host(link)) && seen.add(link)) {
                    queue.add(new Visit(link, visit.depth + 1));
                }
            }
        }
        log.info("{}: {} requests, {} documents reported in {} ms", source, requests, reported.size(),
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Host and port: what "the same site" means here (scheme may change, e.g. http → https). */
    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }
}
