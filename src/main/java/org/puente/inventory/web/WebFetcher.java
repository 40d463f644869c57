package org.puente.inventory.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import org.puente.inventory.ContentHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one URL at a time over {@link HttpClient} into a cache directory.
 *
 * <p>Redirects are followed here, one request at a time, so that each hop is counted against
 * {@link FetchLimits#maxRedirects()} and passes the {@link RequestGate} (robots.txt, per-host
 * delay). Each request must finish, body included, within {@link FetchLimits#timeout()}; a
 * body larger than {@link FetchLimits#maxBytes()} is abandoned as soon as it is seen to be.
 *
 * <p>Bodies are streamed to a temporary file while their SHA-256 is computed, then moved
 * atomically to {@code <cache>/content/<first two hex digits>/<sha-256>}: the cache is
 * addressed by content, so a cached file never changes under a reader and identical
 * documents are stored once. Validators ({@code ETag}, {@code Last-Modified}) are kept per
 * URL under {@code <cache>/validators/} and sent back as a conditional GET; on
 * {@code 304 Not Modified} the cached copy is reported again.
 *
 * <p>Thread-safe; one instance can serve every source.
 */
public final class WebFetcher {

    private static final Logger log = LoggerFactory.getLogger(WebFetcher.class);

    private final HttpClient client;

    /** A fetcher with its own {@link HttpClient} that does not follow redirects by itself. */
    public WebFetcher() {
        this(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build());
    }

    /** @param client must be built with {@link HttpClient.Redirect#NEVER} */
    public WebFetcher(HttpClient client) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must not follow redirects itself");
        }
        this.client = client;
    }

    /**
     * Downloads {@code uri}, following redirects. Never throws for a problem with the URL or
     * the network: that is a {@link FetchOutcome.Failed} with a reason for the register.
     *
     * @param cacheDir where bodies are kept (created if missing)
     * @param gate     asked before each request, redirects included
     */
    public FetchOutcome fetch(URI uri, FetchLimits limits, Path cacheDir, RequestGate gate)
            throws InterruptedException {
        URI current = uri;
        int redirects = 0;
        while (true) {
            if (!UrlNormalizer.isHttp(current)) {
                return new FetchOutcome.Failed(uri, redirects == 0 ? "not an http(s) URL"
                        : "redirected to " + current + ", which is not an http(s) URL", 0);
            }
            String refusal = gate.admit(current);
            if (refusal != null) {
                return new FetchOutcome.Failed(uri,
                        redirects == 0 ? refusal : "redirected to " + current + ", " + refusal, 0);
            }
            Exchange exchange;
            try {
                exchange = exchange(current, limits, cacheDir);
            } finally {
                gate.completed(current);
            }
            if (exchange.failure != null) {
                return new FetchOutcome.Failed(uri, exchange.failure, 0);
            }
            int status = exchange.status;
            if (status >= 200 && status < 300) {
                return store(uri, current, exchange, cacheDir);
            }
            if (status == 304 && exchange.validators != null) {
                Validators v = exchange.validators;
                log.debug("{} not modified, reusing {}", current, v.sha256);
                return new FetchOutcome.Fetched(uri, current, contentPath(cacheDir, v.sha256), v.size,
                        parseHttpDate(v.lastModified), v.sha256, v.contentType, true);
            }
            Optional<String> location = exchange.headers.firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                if (redirects >= limits.maxRedirects()) {
                    return new FetchOutcome.Failed(uri, "more than " + limits.maxRedirects() + " redirects", status);
                }
                Optional<URI> next = UrlNormalizer.resolve(current, location.get());
                if (next.isEmpty()) {
                    return new FetchOutcome.Failed(uri,
                            "redirected to a malformed URL: " + location.get(), status);
                }
                redirects++;
                current = next.get();
                continue;
            }
            return new FetchOutcome.Failed(uri, HttpStatusText.describe(status), status);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** One request and its response; either failure is set or status and headers are. */
    private static final class Exchange {
        String failure;
        int status;
        HttpHeaders headers;
        CappedBodySubscriber.Body body;
        /** The validators sent with a conditional request, if one was made. */
        Validators validators;
    }

    private Exchange exchange(URI uri, FetchLimits limits, Path cacheDir) throws InterruptedException {
        Exchange exchange = new Exchange();
        Path partialDir = cacheDir.resolve("partial");
        try {
            Files.createDirectories(partialDir);
        } catch (IOException e) {
            exchange.failure = "cannot write to the cache " + cacheDir + ": " + e;
            return exchange;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(limits.timeout())
                .header("User-Agent", limits.userAgent())
                .header("Accept", "*/*");
        Validators validators = Validators.read(cacheDir, uri);
        if (validators != null && Files.isRegularFile(contentPath(cacheDir, validators.sha256))) {
            if (validators.etag != null) {
                request.header("If-None-Match", validators.etag);
            }
            if (validators.lastModified != null) {
                request.header("If-Modified-Since", validators.lastModified);
            }
            exchange.validators = validators;
        }
        AtomicReference<CappedBodySubscriber> subscriber = new AtomicReference<>();
        HttpResponse.BodyHandler<CappedBodySubscriber.Body> handler = info -> {
            CappedBodySubscriber body;
            int status = info.statusCode();
            if (status >= 200 && status < 300) {
                long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                body = declared > limits.maxBytes()
                        ? CappedBodySubscriber.rejecting(limits.maxBytes())
                        : CappedBodySubscriber.toFile(partialDir, limits.maxBytes());
            } else {
                body = CappedBodySubscriber.discarding();
            }
            subscriber.set(body);
            return body;
        };
        CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> future = client.sendAsync(request.build(), handler);
        try {
            HttpResponse<CappedBodySubscriber.Body> response =
                    future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            exchange.status = response.statusCode();
            exchange.headers = response.headers();
            exchange.body = response.body();
        } catch (TimeoutException e) {
            abort(subscriber, future);
            exchange.failure = "timed out after " + describe(limits.timeout());
        } catch (ExecutionException e) {
            abort(subscriber, future);
            exchange.failure = describeFailure(e.getCause(), uri, limits);
        } catch (InterruptedException e) {
            abort(subscriber, future);
            throw e;
        }
        return exchange;
    }

    private static void abort(AtomicReference<CappedBodySubscriber> subscriber,
                              CompletableFuture<?> future) {
        CappedBodySubscriber body = subscriber.get();
        if (body != null) {
            body.abort();
        }
        future.cancel(true);
    }

    private FetchOutcome store(URI requested, URI location, Exchange exchange, Path cacheDir) {
        CappedBodySubscriber.Body body = exchange.body;
        Path target = contentPath(cacheDir, body.sha256());
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(body.file());
            } else {
                try {
                    Files.move(body.file(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(body.file(), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(body.file());
            } catch (IOException ignored) {
                // nothing more to do
            }
            return new FetchOutcome.Failed(requested, "cannot write to the cache " + cacheDir + ": " + e, 0);
        }
        String lastModified = exchange.headers.firstValue("Last-Modified").orElse(null);
        String etag = exchange.headers.firstValue("ETag").orElse(null);
        String contentType = exchange.headers.firstValue("Content-Type").orElse(null);
        if (etag != null || lastModified != null) {
            new Validators(etag, lastModified, body.sha256(), body.size(), contentType).write(cacheDir, location);
        }
        return new FetchOutcome.Fetched(requested, location, target, body.size(), parseHttpDate(lastModified),
                body.sha256(), contentType, false);
    }

    /** Where the body with this SHA-256 is kept. */
    static Path contentPath(Path cacheDir, String sha256) {
        return cacheDir.resolve("content").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    static Instant parseHttpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String describeFailure(Throwable failure, URI uri, FetchLimits limits) {
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CappedBodySubscriber.TooLargeException) {
                return t.getMessage();
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host " + uri.getHost();
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connection to " + hostPort + " timed out after " + describe(limits.timeout());
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out after " + describe(limits.timeout());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String message = t.getMessage();
                return message == null || message.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused by " + hostPort
                        : "could not connect to " + hostPort + ": " + message;
            }
            if (t instanceof SSLException) {
                return "TLS error with " + hostPort + ": " + t.getMessage();
            }
        }
        String message = failure.getMessage();
        return "download failed: " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The validators of one URL's last download, in {@code <cache>/validators/<sha-256 of URL>}. */
    private record Validators(String etag, String lastModified, String sha256, long size, String contentType) {

        static Path file(Path cacheDir, URI uri) {
            return cacheDir.resolve("validators").resolve(ContentHash.of(uri.toString()) + ".properties");
        }

        static Validators read(Path cacheDir, URI uri) {
            Path file = file(cacheDir, uri);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                String sha = p.getProperty("sha256");
                if (sha == null || !sha.matches("[0-9a-f]{64}") || !uri.toString().equals(p.getProperty("url"))) {
                    return null;
                }
                return new Validators(p.getProperty("etag"), p.getProperty("lastModified"), sha,
                        Long.parseLong(p.getProperty("size", "0")), p.getProperty("contentType"));
            } catch (IOException | RuntimeException e) {
                log.debug("ignoring unreadable validators {}: {}", file, e.toString());
                return null;
            }
        }

        void write(Path cacheDir, URI uri) {
            Path file = file(cacheDir, uri);
            Properties p = new Properties();
            p.setProperty("url", uri.toString());
            p.setProperty("sha256", sha256);
            p.setProperty("size", Long.toString(size));
            if (etag != null) {
                p.setProperty("etag", etag);
            }
            if (lastModified != null) {
                p.setProperty("lastModified", lastModified);
            }
            if (contentType != null) {
                p.setProperty("contentType", contentType);
            }
            try {
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), "validators-", ".part");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    p.store(out, null);
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                log.warn("could not keep the validators of {}: {}", uri, e.toString());
            }
        }
    }
}
