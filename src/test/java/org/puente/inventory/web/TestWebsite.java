package org.puente.inventory.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 serving what a test declares, path by path, and logging requests. */
final class TestWebsite implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String path, Headers headers, long nanoTime) {
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    TestWebsite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                String path = exchange.getRequestURI().getRawPath();
                if (exchange.getRequestURI().getRawQuery() != null) {
                    path += "?" + exchange.getRequestURI().getRawQuery();
                }
                requests.add(new Request(path, exchange.getRequestHeaders(), System.nanoTime()));
                Handler handler = handlers.get(path);
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                handler.handle(exchange);
            } catch (IOException e) {
                // the client hung up (timeout, size cap): expected in some tests
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return base() + path;
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    TestWebsite on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    TestWebsite serve(String path, String contentType, byte[] body) {
        return on(path, exchange -> send(exchange, 200, contentType, body));
    }

    TestWebsite page(String path, String html) {
        return serve(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** A page whose body is links to the given hrefs. */
    TestWebsite pageLinking(String path, String... hrefs) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>")
                .append(path).append("</title></head><body>\n");
        for (String href : hrefs) {
            html.append("<p><a href=\"").append(href).append("\">").append(href).append("</a></p>\n");
        }
        return page(path, html.append("</body></html>\n").toString());
    }

    TestWebsite text(String path, String text) {
        return serve(path, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    TestWebsite redirect(String path, int status, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    TestWebsite status(String path, int status) {
        return on(path, exchange -> send(exchange, status, "text/html", ("<h1>" + status + "</h1>").getBytes()));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> requestedPaths() {
        return requests.stream().map(Request::path).toList();
    }

    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
