package org.puente.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.SourceDefinition;

class SiteCrawlTest {

    private static final byte[] PDF = ("%PDF-1.4\n% binary \u00e2\u00e3\n"
            + "<a href=\"/never-followed.html\">a link inside a PDF is not followed</a>\n%%EOF\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path cache;

    private TestWebsite site;
    private SiteCrawl crawl;

    @BeforeEach
    void start() throws Exception {
        site = new TestWebsite();
        crawl = new SiteCrawl(cache, new WebFetcher());
        site.text("/robots.txt", "User-agent: *\nDisallow: /private/\n")
                .pageLinking("/",
                        "a.html", "/b.html", "docs/report.pdf",
                        "http://external.invalid/elsewhere.html",
                        "mailto:someone@example.org", "javascript:void(0)", "ftp://127.0.0.1/file.txt",
                        "/a.html#section", "/private/secret.html", "/missing.html", "/old.html",
                        "/logo.png")
                .pageLinking("/a.html", "/a/deep.html", "/")
                .pageLinking("/b.html", "./", "a.html")
                .pageLinking("/a/deep.html", "deeper.html", "../b.html")
                .pageLinking("/a/deeper.html", "deepest.html")
                .pageLinking("/a/deepest.html", "/")
                .pageLinking("/private/secret.html", "/private/more.html")
                .serve("/docs/report.pdf", "application/pdf", PDF)
                .redirect("/old.html", 301, "/b.html")
                .pageLinking("/never-followed.html");
        site.serve("/logo.png", "image/png", new byte[] {1, 2, 3});
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private SourceDefinition source(int maxDepth, int maxPages) {
        SourceDefinition source = new SourceDefinition();
        source.setName("test-crawl");
        source.setType(SourceDefinition.Type.CRAWL);
        source.setUrl(site.url("/"));
        source.setMaxDepth(maxDepth);
        source.setMaxPages(maxPages);
        source.setDelayMillis(0);
        source.setTimeoutSeconds(1);
        return source;
    }

    @Test
    void handlesOnlyCrawls() {
        assertThat(crawl.handles(SourceDefinition.Type.CRAWL)).isTrue();
        assertThat(crawl.handles(SourceDefinition.Type.SITEMAP)).isFalse();
        assertThat(crawl.handles(SourceDefinition.Type.URL_LIST)).isFalse();
        assertThat(crawl.handles(SourceDefinition.Type.FOLDER)).isFalse();
    }

    @Test
    void crawlsTheSiteBreadthFirstToMaxDepth() throws Exception {
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(2, 100), listener);

        assertThat(listener.foundLocations()).containsExactly(
                site.url("/"),
                site.url("/a.html"), site.url("/b.html"), site.url("/docs/report.pdf"),
                site.url("/a/deep.html"));
        assertThat(listener.failed).isEqualTo(Map.of(
                site.url("/private/secret.html"), "disallowed by robots.txt",
                site.url("/missing.html"), "HTTP 404 Not Found"));
        // not followed: other host, deeper than maxDepth, links inside a PDF, images, robots-disallowed
        assertThat(site.requestedPaths()).doesNotContain("/a/deeper.html", "/a/deepest.html",
                "/never-followed.html", "/logo.png", "/private/secret.html", "/private/more.html");
        // robots.txt read once; every page requested once although linked several times,
        // except /b.html, requested again as the target of /old.html's redirect (but not reported again)
        assertThat(site.requestedPaths()).containsExactly("/robots.txt", "/", "/a.html", "/b.html",
                "/docs/report.pdf", "/missing.html", "/old.html", "/b.html", "/a/deep.html");

        var pdf = listener.get(site.url("/docs/report.pdf"));
        assertThat(Files.readAllBytes(pdf.content())).isEqualTo(PDF);
        assertThat(pdf.size()).isEqualTo(PDF.length);
        assertThat(pdf.fingerprint()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(pdf.content()).startsWith(cache);
    }

    @Test
    void threeLevelsDeepWithALargerMaxDepth() throws Exception {
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(3, 100), listener);

        assertThat(listener.foundLocations()).contains(site.url("/a/deeper.html"))
                .doesNotContain(site.url("/a/deepest.html"));
        assertThat(site.requestedPaths()).doesNotContain("/a/deepest.html");
    }

    @Test
    void maxDepthZeroIsTheStartPageAlone() throws Exception {
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(0, 100), listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/"));
        assertThat(listener.failed).isEmpty();
    }

    @Test
    void stopsAfterMaxPagesRequests() throws Exception {
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(5, 3), listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/"), site.url("/a.html"), site.url("/b.html"));
        assertThat(listener.failed).isEmpty();
        assertThat(site.requestedPaths()).containsExactly("/robots.txt", "/", "/a.html", "/b.html");
    }

    @Test
    void robotsTxtIsIgnoredWhenTheSourceSaysSo() throws Exception {
        SourceDefinition source = source(1, 100);
        source.setRespectRobots(false);
        RecordingListener listener = new RecordingListener();
        crawl.discover(source, listener);
        assertThat(listener.foundLocations()).contains(site.url("/private/secret.html"));
        assertThat(site.count("/robots.txt")).isZero();
    }

    @Test
    void aRedirectToAPageAlreadyReportedIsNotReportedTwice() throws Exception {
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(1, 100), listener);
        assertThat(listener.foundLocations()).doesNotHaveDuplicates().contains(site.url("/b.html"))
                .doesNotContain(site.url("/old.html"));
        assertThat(site.count("/old.html")).isEqualTo(1);
    }

    @Test
    void leavesTheDelayBetweenRequests() throws Exception {
        SourceDefinition source = source(5, 4);
        source.setDelayMillis(200);
        long start = System.nanoTime();
        crawl.discover(source, new RecordingListener());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(site.requestedPaths()).containsExactly("/robots.txt", "/", "/a.html", "/b.html",
                "/docs/report.pdf");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertGapsAtLeast(site.requests(), 200);
    }

    @Test
    void honoursALongerCrawlDelayFromRobotsTxt() throws Exception {
        site.text("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\nDisallow: /private/\n");
        SourceDefinition source = source(5, 3);
        source.setDelayMillis(50);
        crawl.discover(source, new RecordingListener());
        assertThat(site.requests()).hasSize(4);
        assertGapsAtLeast(site.requests().subList(1, 4), 300);
    }

    @Test
    void robotsTxtGroupsAreMatchedByTheUserAgentsName() throws Exception {
        site.text("/robots.txt", "User-agent: puentebot\nDisallow: /b.html\n\nUser-agent: *\nDisallow: /\n");
        SourceDefinition source = source(1, 100);
        source.setUserAgent("PuenteBot/0.1 (+https://example.org)");
        RecordingListener listener = new RecordingListener();
        crawl.discover(source, listener);
        assertThat(listener.failed).containsEntry(site.url("/b.html"), "disallowed by robots.txt");
        assertThat(listener.foundLocations()).contains(site.url("/a.html"), site.url("/private/secret.html"));
        assertThat(site.requests().get(1).headers().getFirst("User-Agent"))
                .isEqualTo("PuenteBot/0.1 (+https://example.org)");
    }

    @Test
    void theStartPageMustBeReadable() {
        SourceDefinition source = source(2, 10);
        source.setUrl(site.url("/nothing-here.html"));
        assertThatThrownBy(() -> crawl.discover(source, new RecordingListener()))
                .hasMessageContaining("start page " + site.url("/nothing-here.html"))
                .hasMessageContaining("HTTP 404 Not Found");

        source.setUrl("not a url");
        assertThatThrownBy(() -> crawl.discover(source, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a url");
    }

    @Test
    void anUnreadableRobotsTxtStopsTheCrawlWithTheReason() {
        site.status("/robots.txt", 503);
        assertThatThrownBy(() -> crawl.discover(source(2, 10), new RecordingListener()))
                .hasMessageContaining("robots.txt unavailable (HTTP 503 Service Unavailable)");
    }

    @Test
    void noFollowInAPageMetaTagIsHonoured() throws Exception {
        site.page("/", "<html><head><meta name=\"robots\" content=\"noindex, nofollow\"></head>"
                + "<body><a href=\"/a.html\">a</a></body></html>");
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(2, 10), listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/"));
    }

    @Test
    void documentsLinkedFromEmbedsAndObjectsAreFetched() throws Exception {
        site.page("/", "<html><body><embed src=\"/docs/report.pdf\"><object data=\"/docs/sheet.ods\"></object>"
                + "<embed src=\"/movie.swf\"><iframe src=\"/a.html\"></iframe></body></html>");
        site.serve("/docs/sheet.ods", "application/vnd.oasis.opendocument.spreadsheet", new byte[] {'P', 'K', 3, 4});
        RecordingListener listener = new RecordingListener();
        crawl.discover(source(1, 10), listener);
        assertThat(listener.foundLocations()).containsExactlyInAnyOrder(site.url("/"),
                site.url("/docs/report.pdf"), site.url("/docs/sheet.ods"), site.url("/a.html"));
        assertThat(site.requestedPaths()).doesNotContain("/movie.swf");
    }

    private static void assertGapsAtLeast(List<TestWebsite.Request> requests, long millis) {
        for (int i = 1; i < requests.size(); i++) {
            long gap = (requests.get(i).nanoTime() - requests.get(i - 1).nanoTime()) / 1_000_000;
            assertThat(gap).as("gap before request %d (%s)", i, requests.get(i).path()).isGreaterThanOrEqualTo(millis);
        }
    }
}
