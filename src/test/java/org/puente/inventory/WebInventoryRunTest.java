package org.puente.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/** The job over web sources (a sitemap and a crawl) served by a real HTTP server on 127.0.0.1. */
@SpringBootTest(properties = "puente.cli.enabled=false")
class WebInventoryRunTest {

    @TempDir
    static Path work;

    static HttpServer server;

    static final Map<String, String> PAGES = Map.of(
            "/index.html", """
                    <html><head><title>Publicaciones</title></head><body>
                    <p>Publicaciones de la sección de América Latina y el Caribe sobre bibliotecas y acceso a la información.</p>
                    <a href="a.html">Informe</a> <a href="b.html">Report</a> <a href="plan.txt">Plan</a>
                    <a href="https://elsewhere.example/x.html">fuera</a></body></html>""",
            "/a.html", """
                    <html><head><title>Informe anual</title></head><body><p>La biblioteca publica un informe \
                    anual sobre el estado de sus colecciones y los servicios que presta a los lectores de la región.</p></body></html>""",
            "/b.html", """
                    <html><head><title>Annual report</title></head><body><p>The library publishes an annual report \
                    on the state of its collections and the services it offers to readers across the region.</p></body></html>""",
            "/plan.txt", "O plano de ação da secção reúne os projetos de tradução, digitalização e formação dos bibliotecários.\n",
            "/robots.txt", "User-agent: *\nAllow: /\n");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/sitemap.xml") ? sitemap() : PAGES.get(path);
            byte[] bytes = body == null ? "not here".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".html") ? "text/html; charset=utf-8"
                    : path.endsWith(".xml") ? "application/xml" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        registry.add("puente.work-dir", () -> work.resolve("state").toString());
        registry.add("puente.inventory-dir", () -> work.resolve("inventory").toString());
        registry.add("puente.sources[0].name", () -> "site-map");
        registry.add("puente.sources[0].type", () -> "sitemap");
        registry.add("puente.sources[0].url", () -> base() + "/sitemap.xml");
        registry.add("puente.sources[0].delay-millis", () -> "0");
        registry.add("puente.sources[1].name", () -> "site-crawl");
        registry.add("puente.sources[1].type", () -> "crawl");
        registry.add("puente.sources[1].url", () -> base() + "/index.html");
        registry.add("puente.sources[1].owner", () -> "association");
        registry.add("puente.sources[1].delay-millis", () -> "0");
    }

    static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String sitemap() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/a.html</loc></url>
                  <url><loc>%1$s/missing.html</loc></url>
                </urlset>""".formatted(base());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Autowired
    InventoryLauncher launcher;

    @Autowired
    DocumentRepository repository;

    @Test
    void sitemapAndCrawlDocumentsAreInventoriedAndAMissingPageIsReported() throws Exception {
        InventoryLauncher.Outcome outcome = launcher.run(false);
        assertThat(outcome.failure()).isNull();

        List<DocumentRecord> records = new ArrayList<>();
        repository.forEachRecord(records::add);
        Map<String, DocumentRecord> byLocation = new java.util.HashMap<>();
        records.forEach(r -> r.locations().forEach(l -> byLocation.put(l.substring(l.lastIndexOf('/') + 1), r)));

        assertThat(byLocation).containsOnlyKeys("index.html", "a.html", "b.html", "plan.txt", "missing.html");
        assertThat(byLocation.get("a.html").language()).isEqualTo("es");
        assertThat(byLocation.get("a.html").title()).isEqualTo("Informe anual");
        assertThat(byLocation.get("b.html").language()).isEqualTo("en");
        assertThat(byLocation.get("plan.txt").language()).isEqualTo("pt");
        assertThat(byLocation.get("plan.txt").format()).startsWith("text/plain");
        assertThat(byLocation.get("missing.html").status()).isEqualTo("UNREADABLE");
        assertThat(byLocation.get("missing.html").message()).contains("404");
        assertThat(outcome.failures()).extracting(DocumentRepository.Failure::status).containsExactly("UNREADABLE");

        // Unchanged site: the pages are fetched again (to see changes) but nothing is parsed again.
        InventoryLauncher.Outcome again = launcher.run(false);
        assertThat(again.summary().parsed()).isZero();
    }
}
