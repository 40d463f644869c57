package org.puente.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebFetcherTest {

    private static final String AGENT = "PuenteTest/1.0 (+test)";

    @TempDir
    Path cache;

    private TestWebsite site;
    private final WebFetcher fetcher = new WebFetcher();

    @BeforeEach
    void start() throws Exception {
        site = new TestWebsite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static FetchLimits limits(long maxBytes, int maxRedirects) {
        return new FetchLimits(Duration.ofSeconds(1), maxBytes, maxRedirects, AGENT);
    }

    private FetchOutcome fetch(String path, FetchLimits limits) throws InterruptedException {
        return fetcher.fetch(site.uri(path), limits, cache, RequestGate.OPEN);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void storesTheBodyUnderItsHashWithFingerprintSizeAndLastModified() throws Exception {
        byte[] body = "%PDF-1.4 not really a PDF".getBytes(StandardCharsets.US_ASCII);
        site.on("/doc.pdf", exchange -> {
            exchange.getResponseHeaders().add("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT");
            TestWebsite.send(exchange, 200, "application/pdf", body);
        });

        FetchOutcome outcome = fetch("/doc.pdf", limits(1 << 20, 5));

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) outcome;
        String sha = sha256(body);
        assertThat(fetched.location()).isEqualTo(site.uri("/doc.pdf"));
        assertThat(fetched.sha256()).isEqualTo(sha);
        assertThat(fetched.content()).isEqualTo(cache.resolve("content").resolve(sha.substring(0, 2)).resolve(sha));
        assertThat(Files.readAllBytes(fetched.content())).isEqualTo(body);
        assertThat(fetched.size()).isEqualTo(body.length);
        assertThat(fetched.modified()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(fetched.contentType()).isEqualTo("application/pdf");
        assertThat(fetched.isHtml()).isFalse();
        assertThat(fetched.toFoundDocument().fingerprint()).isEqualTo("sha256:" + sha);
        assertThat(site.requests().get(0).headers().getFirst("User-Agent")).isEqualTo(AGENT);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void followsRedirectsUpToTheLimitAndReportsTheFinalUrl() throws Exception {
        site.redirect("/r1", 301, "/r2")
                .redirect("/r2", 302, site.url("/r3"))
                .redirect("/r3", 307, "final.html")
                .page("/final.html", "<p>arrived</p>");

        FetchOutcome withinLimit = fetch("/r1", limits(1 << 20, 3));
        assertThat(withinLimit).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(((FetchOutcome.Fetched) withinLimit).location()).isEqualTo(site.uri("/final.html"));
        assertThat(withinLimit.requested()).isEqualTo(site.uri("/r1"));

        FetchOutcome overLimit = fetch("/r1", limits(1 << 20, 2));
        assertThat(overLimit).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) overLimit).reason()).isEqualTo("more than 2 redirects");
    }

    @Test
    void aRedirectLoopEndsAtTheLimit() throws Exception {
        site.redirect("/loop", 302, "/loop");
        FetchOutcome outcome = fetch("/loop", limits(1 << 20, 5));
        assertThat(((FetchOutcome.Failed) outcome).reason()).isEqualTo("more than 5 redirects");
        assertThat(site.count("/loop")).isEqualTo(6);
    }

    @Test
    void httpErrorsAreReportedWithTheirStatus() throws Exception {
        site.status("/gone", 410).status("/broken", 500);
        assertThat(((FetchOutcome.Failed) fetch("/missing", limits(1 << 20, 5))).reason())
                .isEqualTo("HTTP 404 Not Found");
        assertThat(((FetchOutcome.Failed) fetch("/gone", limits(1 << 20, 5))).reason()).isEqualTo("HTTP 410 Gone");
        FetchOutcome.Failed broken = (FetchOutcome.Failed) fetch("/broken", limits(1 << 20, 5));
        assertThat(broken.reason()).isEqualTo("HTTP 500 Internal Server Error");
        assertThat(broken.status()).isEqualTo(500);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        site.on("/slow", exchange -> {
            Thread.sleep(3000);
            TestWebsite.send(exchange, 200, "text/plain", "late".getBytes());
        });
        long start = System.nanoTime();
        FetchOutcome outcome = fetch("/slow", limits(1 << 20, 5));
        assertThat(((FetchOutcome.Failed) outcome).reason()).isEqualTo("timed out after 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aBodyThatTricklesPastTheTimeoutIsATimeout() throws Exception {
        site.on("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    out.write("0123456789".getBytes());
                    out.flush();
                    Thread.sleep(100);
                }
            }
        });
        FetchOutcome outcome = fetch("/trickle", limits(1 << 20, 5));
        assertThat(((FetchOutcome.Failed) outcome).reason()).isEqualTo("timed out after 1 s");
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void aBodyLargerThanTheCapIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[10_000];
        site.serve("/declared", "application/octet-stream", big);
        site.on("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                }
            }
        });
        site.serve("/small", "application/octet-stream", new byte[2048]);

        assertThat(((FetchOutcome.Failed) fetch("/declared", limits(2048, 5))).reason()).isEqualTo("larger than 2 KB");
        assertThat(((FetchOutcome.Failed) fetch("/chunked", limits(2048, 5))).reason()).isEqualTo("larger than 2 KB");
        assertThat(fetch("/small", limits(2048, 5))).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsReportedClearly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        FetchOutcome outcome = fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/x"), limits(1024, 5),
                cache, RequestGate.OPEN);
        assertThat(((FetchOutcome.Failed) outcome).reason()).isEqualTo("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void aConditionalGetReusesTheCachedCopy() throws Exception {
        byte[] body = "<html><body>stable</body></html>".getBytes(StandardCharsets.UTF_8);
        site.on("/stable.html", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            TestWebsite.send(exchange, 200, "text/html", body);
        });

        FetchOutcome.Fetched first = (FetchOutcome.Fetched) fetch("/stable.html", limits(1 << 20, 5));
        FetchOutcome.Fetched second = (FetchOutcome.Fetched) fetch("/stable.html", limits(1 << 20, 5));

        assertThat(first.notModified()).isFalse();
        assertThat(second.notModified()).isTrue();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.content()).isEqualTo(first.content());
        assertThat(second.size()).isEqualTo(body.length);
        assertThat(second.isHtml()).isTrue();
        assertThat(site.requests().get(1).headers().getFirst("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void theGateCanRefuseARequestAndIsAskedForEveryRedirect() throws Exception {
        site.redirect("/start", 302, "/private/target").page("/private/target", "<p>secret</p>");
        java.util.List<URI> asked = new java.util.ArrayList<>();
        RequestGate gate = uri -> {
            asked.add(uri);
            return uri.getPath().startsWith("/private/") ? "disallowed by robots.txt" : null;
        };
        FetchOutcome outcome = fetcher.fetch(site.uri("/start"), limits(1024, 5), cache, gate);
        assertThat(((FetchOutcome.Failed) outcome).reason())
                .isEqualTo("redirected to " + site.url("/private/target") + ", disallowed by robots.txt");
        assertThat(asked).containsExactly(site.uri("/start"), site.uri("/private/target"));
        assertThat(site.requestedPaths()).containsExactly("/start");
    }

    private Stream<Path> partialFiles() throws Exception {
        Path partial = cache.resolve("partial");
        return Files.exists(partial) ? Files.list(partial).toList().stream() : Stream.empty();
    }
}
