package org.puente.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.SourceDefinition;

class UrlListSourceTest {

    @TempDir
    Path temp;

    private Path cache;
    private TestWebsite site;
    private UrlListSource urlList;

    @BeforeEach
    void start() throws Exception {
        cache = temp.resolve("cache");
        site = new TestWebsite();
        urlList = new UrlListSource(cache, new WebFetcher());
        site.pageLinking("/one.html", "/two.html")
                .pageLinking("/two.html")
                .serve("/report.pdf", "application/pdf", "%PDF-1.5 report".getBytes())
                .redirect("/moved", 301, "/two.html")
                .on("/slow.html", exchange -> {
                    Thread.sleep(2500);
                    TestWebsite.send(exchange, 200, "text/html", "<p>late</p>".getBytes());
                })
                .serve("/huge.bin", "application/octet-stream", new byte[64 * 1024]);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private SourceDefinition source() {
        SourceDefinition source = new SourceDefinition();
        source.setName("test-list");
        source.setType(SourceDefinition.Type.URL_LIST);
        source.setDelayMillis(0);
        source.setTimeoutSeconds(1);
        source.setMaxBytes(16 * 1024);
        return source;
    }

    @Test
    void handlesOnlyUrlLists() {
        assertThat(urlList.handles(SourceDefinition.Type.URL_LIST)).isTrue();
        assertThat(urlList.handles(SourceDefinition.Type.CRAWL)).isFalse();
    }

    @Test
    void readsInlineUrlsAndTheUrlFile() throws Exception {
        Path file = temp.resolve("urls.txt");
        Files.writeString(file, String.join("\n",
                "# documents of the association",
                "",
                site.url("/report.pdf") + "   # the annual report",
                "   " + site.url("/one.html") + "   ",
                "not a url",
                "ftp://127.0.0.1/file.txt",
                "http://[broken",
                site.url("/one.html#top"),
                site.url("/missing.html"),
                site.url("/moved"),
                site.url("/slow.html"),
                site.url("/huge.bin"),
                "#" + site.url("/two.html"),
                ""));
        SourceDefinition source = source();
        source.setUrls(List.of(site.url("/two.html")));
        source.setUrlFile(file);

        RecordingListener listener = new RecordingListener();
        urlList.discover(source, listener);

        // /moved redirects to /two.html, which is then reported twice: duplicates are for the register to see
        assertThat(listener.foundLocations()).containsExactly(site.url("/two.html"), site.url("/report.pdf"),
                site.url("/one.html"), site.url("/two.html"));
        assertThat(listener.failed).isEqualTo(Map.of(
                "not a url", "malformed URL: not an absolute URL",
                "ftp://127.0.0.1/file.txt", "malformed URL: not an http(s) URL",
                "http://[broken", listener.failed.get("http://[broken"),
                site.url("/missing.html"), "HTTP 404 Not Found",
                site.url("/slow.html"), "timed out after 1 s",
                site.url("/huge.bin"), "larger than 16 KB"));
        assertThat(listener.failed.get("http://[broken")).startsWith("malformed URL: ");
        // links in the listed pages are not followed; /one.html listed twice is fetched once
        assertThat(site.count("/one.html")).isEqualTo(1);
        assertThat(site.count("/two.html")).isEqualTo(2);
        assertThat(listener.get(site.url("/report.pdf")).fingerprint()).startsWith("sha256:");
    }

    @Test
    void urlsBeyondMaxPagesAreReportedNotDropped() throws Exception {
        SourceDefinition source = source();
        source.setUrls(List.of(site.url("/one.html"), site.url("/two.html"), site.url("/report.pdf")));
        source.setMaxPages(2);
        RecordingListener listener = new RecordingListener();
        urlList.discover(source, listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/one.html"), site.url("/two.html"));
        assertThat(listener.failed).isEqualTo(Map.of(site.url("/report.pdf"),
                "not downloaded: the source's maxPages limit (2) was reached"));
    }

    @Test
    void aMissingUrlFileOrAnEmptyListFailsTheSource() {
        SourceDefinition source = source();
        source.setUrlFile(temp.resolve("nowhere.txt"));
        assertThatThrownBy(() -> urlList.discover(source, new RecordingListener()))
                .hasMessageContaining("nowhere.txt").hasMessageContaining("does not exist");

        SourceDefinition empty = source();
        assertThatThrownBy(() -> urlList.discover(empty, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentsAreStripped() {
        assertThat(UrlListSource.stripComment("  # comment")).isEmpty();
        assertThat(UrlListSource.stripComment("   ")).isEmpty();
        assertThat(UrlListSource.stripComment("http://x/a#frag  # note")).isEqualTo("http://x/a#frag");
        assertThat(UrlListSource.stripComment("http://x/a#frag")).isEqualTo("http://x/a#frag");
    }
}
