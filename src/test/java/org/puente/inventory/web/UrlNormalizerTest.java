package org.puente.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UrlNormalizerTest {

    private static final URI BASE = URI.create("https://lib.example.org/docs/index.html");

    private static String resolve(String href) {
        return UrlNormalizer.resolve(BASE, href).map(URI::toString).orElse(null);
    }

    @Test
    void resolvesRelativeLinksAndDropsFragments() {
        assertThat(resolve("report.pdf#page=2")).isEqualTo("https://lib.example.org/docs/report.pdf");
        assertThat(resolve("../about/")).isEqualTo("https://lib.example.org/about/");
        assertThat(resolve("//lib.example.org")).isEqualTo("https://lib.example.org/");
        assertThat(resolve("?lang=es")).isEqualTo("https://lib.example.org/docs/index.html?lang=es");
    }

    @Test
    void canonicalisesSchemeHostAndPort() {
        assertThat(UrlNormalizer.parse("HTTPS://Lib.Example.ORG:443/A").map(URI::toString))
                .hasValue("https://lib.example.org/A");
        assertThat(UrlNormalizer.parse("http://lib.example.org:8080").map(URI::toString))
                .hasValue("http://lib.example.org:8080/");
    }

    @Test
    void escapesWhatAUriCannotHoldButKeepsEscapes() {
        assertThat(resolve("informe anual 2024.pdf")).isEqualTo("https://lib.example.org/docs/informe%20anual%202024.pdf");
        assertThat(resolve("publicação%20nova.pdf")).isEqualTo("https://lib.example.org/docs/publica%C3%A7%C3%A3o%20nova.pdf");
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThat(resolve("mailto:someone@example.org")).isNull();
        assertThat(resolve("javascript:void(0)")).isNull();
        assertThat(resolve("ftp://lib.example.org/x")).isNull();
        assertThat(resolve("  ")).isNull();
        assertThat(UrlNormalizer.parse("/relative/only")).isEmpty();
    }

    @Test
    void originIsSchemeHostAndPort() {
        assertThat(UrlNormalizer.origin(URI.create("https://Lib.example.org/x"))).isEqualTo("https://lib.example.org:443");
        assertThat(UrlNormalizer.origin(URI.create("http://127.0.0.1:8080/x"))).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void robotNameIsTheUserAgentsProductToken() {
        assertThat(Politeness.robotName("PuenteBot/0.1 (+https://github.com/puente)")).isEqualTo("puentebot");
        assertThat(Politeness.robotName("Puente")).isEqualTo("puente");
    }
}
