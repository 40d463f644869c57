package org.puente.inventory.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.puente.config.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * How one run of a web source behaves towards the hosts it visits: it reads each host's
 * robots.txt once (when the source says {@code respectRobots}) and refuses what it
 * disallows, and it leaves at least {@code delayMillis} (or the robots.txt
 * {@code Crawl-delay}, if longer) between the end of one request to a host and the start of
 * the next.
 *
 * <p>One instance per run of a source; not thread-safe.
 */
public final class Politeness implements RequestGate {

    private static final Logger log = LoggerFactory.getLogger(Politeness.class);

    /** Google reads at most 500 KiB of a robots.txt; so do we. */
    static final long ROBOTS_MAX_BYTES = 500 * 1024;

    public static final String DISALLOWED = "disallowed by robots.txt";

    private final WebFetcher fetcher;
    private final Path cacheDir;
    private final FetchLimits limits;
    private final boolean respectRobots;
    private final long delayMillis;
    private final String robotName;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, HostRules> rules = new HashMap<>();
    /** Per origin: the earliest System.nanoTime() at which the next request may start. */
    private final Map<String, Long> nextRequest = new HashMap<>();

    /** What robots.txt says about one host, or why it could not be read. */
    private record HostRules(BaseRobotRules rules, String unavailable) {
    }

    public Politeness(WebFetcher fetcher, Path cacheDir, SourceDefinition source) {
        this(fetcher, cacheDir, FetchLimits.of(source), source.isRespectRobots(), source.getDelayMillis());
    }

    public Politeness(WebFetcher fetcher, Path cacheDir, FetchLimits limits, boolean respectRobots,
                      long delayMillis) {
        this.fetcher = fetcher;
        this.cacheDir = cacheDir;
        this.limits = limits.withMaxBytesAtMost(ROBOTS_MAX_BYTES);
        this.respectRobots = respectRobots;
        this.delayMillis = Math.max(0, delayMillis);
        this.robotName = robotName(limits.userAgent());
    }

    /**
     * The product token robots.txt groups are matched against: the user agent up to the first
     * {@code /} or space, in lower case ({@code PuenteBot/0.1 (+...)} → {@code puentebot}).
     */
    static String robotName(String userAgent) {
        String name = userAgent.strip().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
        return name.isEmpty() ? "*" : name;
    }

    @Override
    public String admit(URI uri) throws InterruptedException {
        String origin = UrlNormalizer.origin(uri);
        if (respectRobots) {
            HostRules host = rulesFor(origin);
            if (host.unavailable != null) {
                return host.unavailable;
            }
            if (!host.rules.isAllowed(uri.toString())) {
                return DISALLOWED;
            }
        }
        waitTurn(origin);
        return null;
    }

    @Override
    public void completed(URI uri) {
        String origin = UrlNormalizer.origin(uri);
        nextRequest.put(origin, System.nanoTime() + delayFor(origin) * 1_000_000);
    }

    /** The delay kept between requests to this origin, in milliseconds. */
    long delayFor(String origin) {
        HostRules host = rules.get(origin);
        long crawlDelay = host == null || host.rules == null ? BaseRobotRules.UNSET_CRAWL_DELAY
                : host.rules.getCrawlDelay();
        return Math.max(delayMillis, crawlDelay);
    }

    private void waitTurn(String origin) throws InterruptedException {
        Long next = nextRequest.get(origin);
        if (next != null) {
            long waitNanos = next - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
        // until completed() says otherwise, nobody else goes
        nextRequest.put(origin, Long.MAX_VALUE);
    }

    private HostRules rulesFor(String origin) throws InterruptedException {
        HostRules known = rules.get(origin);
        if (known != null) {
            return known;
        }
        URI robotsUrl = URI.create(origin + "/robots.txt");
        RequestGate pacingOnly = new RequestGate() {
            @Override
            public String admit(URI uri) throws InterruptedException {
                waitTurn(UrlNormalizer.origin(uri));
                return null;
            }

            @Override
            public void completed(URI uri) {
                Politeness.this.completed(uri);
            }
        };
        FetchOutcome outcome = fetcher.fetch(robotsUrl, limits, cacheDir, pacingOnly);
        HostRules host;
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            try {
                byte[] content = Files.readAllBytes(fetched.content());
                host = new HostRules(parser.parseContent(robotsUrl.toString(), content,
                        fetched.contentType() == null ? "text/plain" : fetched.contentType(),
                        List.of(robotName)), null);
            } catch (IOException e) {
                host = new HostRules(null, "robots.txt could not be read from the cache: " + e);
            }
        } else {
            FetchOutcome.Failed failed = (FetchOutcome.Failed) outcome;
            if (failed.status() >= 400 && failed.status() < 500) {
                // no robots.txt: everything is allowed
                host = new HostRules(parser.failedFetch(failed.status()), null);
            } else if (failed.status() >= 500) {
                host = new HostRules(null, "robots.txt unavailable (" + failed.reason() + ")");
            } else {
                host = new HostRules(null, "robots.txt unreachable (" + failed.reason() + ")");
            }
        }
        if (host.rules != null && host.rules.getCrawlDelay() > delayMillis) {
            log.info("{}: robots.txt asks for {} ms between requests", origin, host.rules.getCrawlDelay());
        }
        rules.put(origin, host);
        return host;
    }
}
