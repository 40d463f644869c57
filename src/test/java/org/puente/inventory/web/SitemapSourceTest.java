package org.puente.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puente.config.SourceDefinition;

class SitemapSourceTest {

    @TempDir
    Path cache;

    private TestWebsite site;
    private SitemapSource sitemaps;

    @BeforeEach
    void start() throws Exception {
        site = new TestWebsite();
        sitemaps = new SitemapSource(cache, new WebFetcher());
        String ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        site.serve("/sitemap_index.xml", "application/xml; charset=utf-8", ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="%s">
                  <sitemap><loc>%s</loc></sitemap>
                  <sitemap><loc>%s</loc></sitemap>
                  <sitemap><loc>%s</loc></sitemap>
                </sitemapindex>
                """).formatted(ns, site.url("/sitemap-pages.xml"), site.url("/sitemap-docs.xml.gz"),
                site.url("/sitemap-missing.xml")).getBytes());
        site.serve("/sitemap-pages.xml", "text/xml", ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="%s">
                  <url><loc>%s</loc><lastmod>2024-01-02</lastmod></url>
                  <url><loc>%s</loc></url>
                  <url><loc>%s</loc></url>
                  <url><loc>%s</loc></url>
                </urlset>
                """).formatted(ns, site.url("/p1.html"), site.url("/p2.html"), site.url("/gone.html"),
                site.url("/p1.html#again")).getBytes());
        site.serve("/sitemap-docs.xml.gz", "application/gzip", TestWebsite.gzip("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="%s">
                  <url><loc>%s</loc></url>
                </urlset>
                """.formatted(ns, site.url("/files/doc.pdf"))));
        site.pageLinking("/p1.html", "/not-in-the-sitemap.html")
                .pageLinking("/p2.html")
                .serve("/files/doc.pdf", "application/pdf", "%PDF-1.7 tiny".getBytes())
                .pageLinking("/not-in-the-sitemap.html");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private SourceDefinition source(String path, int maxPages) {
        SourceDefinition source = new SourceDefinition();
        source.setName("test-sitemap");
        source.setType(SourceDefinition.Type.SITEMAP);
        source.setUrl(site.url(path));
        source.setMaxPages(maxPages);
        source.setDelayMillis(0);
        source.setTimeoutSeconds(1);
        return source;
    }

    @Test
    void handlesOnlySitemaps() {
        assertThat(sitemaps.handles(SourceDefinition.Type.SITEMAP)).isTrue();
        assertThat(sitemaps.handles(SourceDefinition.Type.CRAWL)).isFalse();
    }

    @Test
    void followsTheIndexIntoPlainAndGzippedSitemapsAndFetchesEveryUrl() throws Exception {
        RecordingListener listener = new RecordingListener();
        sitemaps.discover(source("/sitemap_index.xml", 100), listener);

        assertThat(listener.foundLocations()).containsExactlyInAnyOrder(
                site.url("/p1.html"), site.url("/p2.html"), site.url("/files/doc.pdf"));
        assertThat(listener.failed).isEqualTo(Map.of(
                site.url("/gone.html"), "HTTP 404 Not Found",
                site.url("/sitemap-missing.xml"),
                "sitemap " + site.url("/sitemap-missing.xml") + " could not be read: HTTP 404 Not Found"));
        // listed URLs are fetched, not crawled; p1 is fetched once although listed twice
        assertThat(site.count("/not-in-the-sitemap.html")).isZero();
        assertThat(site.count("/p1.html")).isEqualTo(1);
        // no Last-Modified header: the sitemap's lastmod is used
        assertThat(listener.get(site.url("/p1.html")).modified()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(listener.get(site.url("/p2.html")).modified()).isNull();
    }

    @Test
    void stopsAfterMaxPagesUrls() throws Exception {
        RecordingListener listener = new RecordingListener();
        sitemaps.discover(source("/sitemap_index.xml", 2), listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/p1.html"), site.url("/p2.html"));
        assertThat(listener.failed).isEmpty();
        assertThat(site.requestedPaths()).doesNotContain("/gone.html", "/sitemap-docs.xml.gz", "/files/doc.pdf");
    }

    @Test
    void aSitemapCanBeGzippedAtTheTopLevelToo() throws Exception {
        RecordingListener listener = new RecordingListener();
        sitemaps.discover(source("/sitemap-docs.xml.gz", 10), listener);
        assertThat(listener.foundLocations()).containsExactly(site.url("/files/doc.pdf"));
    }

    @Test
    void nestingIsBounded() throws Exception {
        String ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        for (int i = 0; i < 5; i++) {
            site.serve("/nested-" + i + ".xml", "application/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <sitemapindex xmlns="%s"><sitemap><loc>%s</loc></sitemap></sitemapindex>
                    """.formatted(ns, site.url("/nested-" + (i + 1) + ".xml")).getBytes());
        }
        site.serve("/loop.xml", "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="%s"><sitemap><loc>%s</loc></sitemap></sitemapindex>
                """.formatted(ns, site.url("/loop.xml")).getBytes());

        RecordingListener listener = new RecordingListener();
        sitemaps.discover(source("/nested-0.xml", 10), listener);
        assertThat(listener.failed).isEqualTo(Map.of(site.url("/nested-3.xml"),
                "sitemap nested more than 3 levels deep, not read"));
        assertThat(site.requestedPaths()).contains("/nested-2.xml").doesNotContain("/nested-3.xml");

        sitemaps.discover(source("/loop.xml", 10), new RecordingListener());
        assertThat(site.count("/loop.xml")).isEqualTo(1);
    }

    @Test
    void anUnreadableSitemapFailsTheSource() {
        assertThatThrownBy(() -> sitemaps.discover(source("/no-sitemap.xml", 10), new RecordingListener()))
                .hasMessageContaining("sitemap " + site.url("/no-sitemap.xml") + " could not be read: HTTP 404 Not Found");

        site.page("/not-a-sitemap.xml", "<html><body>hello</body></html>");
        assertThatThrownBy(() -> sitemaps.discover(source("/not-a-sitemap.xml", 10), new RecordingListener()))
                .hasMessageContaining(site.url("/not-a-sitemap.xml"));
    }

    @Test
    void robotsTxtAppliesToTheListedUrls() throws Exception {
        site.text("/robots.txt", "User-agent: *\nDisallow: /p2.html\n");
        RecordingListener listener = new RecordingListener();
        sitemaps.discover(source("/sitemap-pages.xml", 10), listener);
        assertThat(listener.failed).containsEntry(site.url("/p2.html"), "disallowed by robots.txt");
        assertThat(site.count("/p2.html")).isZero();
    }
}
