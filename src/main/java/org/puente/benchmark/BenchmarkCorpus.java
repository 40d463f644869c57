package org.puente.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.puente.memory.XmlCharacters;

/**
 * Writes a reproducible benchmark corpus: documents in es, en and pt (one in ten mixes two of
 * them, 70/30, as partly translated documents do), as plain text, HTML, DOCX and PDF in turn,
 * made of sentences of the parallel pages in {@code seeds/debian-installation-guide/} shuffled
 * into new paragraphs. The same arguments always give the same files; every document's content
 * is distinct (no two are duplicates the pipeline would skip).
 */
public final class BenchmarkCorpus {

    static final List<String> LANGUAGES = List.of("es", "en", "pt");
    static final List<String> FORMATS = List.of("txt", "html", "docx", "pdf");

    private final Map<String, List<String>> sentences;

    /** @param parallelPages a folder with {@code en/}, {@code es/} and {@code pt/} HTML pages */
    public BenchmarkCorpus(Path parallelPages) throws IOException {
        this.sentences = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            List<String> found = sentencesOf(parallelPages.resolve(language));
            if (found.size() < 20) {
                throw new IllegalArgumentException("too few sentences in " + parallelPages.resolve(language)
                        + " (" + found.size() + ") to generate a corpus from; expected its HTML pages");
            }
            sentences.put(language, found);
        }
    }

    /**
     * Writes {@code documents} files of about {@code kilobytes} KB of text each into
     * {@code folder}, which must be missing or empty.
     *
     * @return the bytes written
     */
    public long write(Path folder, int documents, int kilobytes) throws IOException {
        if (documents < 1 || kilobytes < 1) {
            throw new IllegalArgumentException("documents and size must be at least 1");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(folder + " is not empty: give a new folder to generate into");
                }
            }
        }
        Files.createDirectories(folder);
        Random random = new Random(20261125L + documents * 31L + kilobytes);
        long bytes = 0;
        for (int i = 0; i < documents; i++) {
            String language = LANGUAGES.get(i % LANGUAGES.size());
            String other = i % 10 == 9 ? LANGUAGES.get((i + 1) % LANGUAGES.size()) : null;
            String format = FORMATS.get((i / LANGUAGES.size()) % FORMATS.size());
            List<String> paragraphs = paragraphs(random, language, other, kilobytes * 1024,
                    String.format(Locale.ROOT, "Document %05d", i));
            Path file = folder.resolve(String.format(Locale.ROOT, "doc-%05d-%s.%s", i, language, format));
            switch (format) {
                case "txt" -> Files.writeString(file, String.join("\n\n", paragraphs) + "\n", StandardCharsets.UTF_8);
                case "html" -> Files.writeString(file, html(paragraphs, language), StandardCharsets.UTF_8);
                case "docx" -> docx(file, paragraphs);
                default -> pdf(file, paragraphs);
            }
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** Paragraphs of 2-6 sentences up to {@code chars} characters; 30% of them in {@code other} when given. */
    private List<String> paragraphs(Random random, String language, String other, int chars, String heading) {
        List<String> result = new ArrayList<>();
        result.add(heading);
        int total = heading.length();
        while (total < chars) {
            String lang = other != null && random.nextInt(10) < 3 ? other : language;
            List<String> pool = sentences.get(lang);
            StringBuilder p = new StringBuilder();
            int n = 2 + random.nextInt(5);
            for (int s = 0; s < n; s++) {
                if (p.length() > 0) {
                    p.append(' ');
                }
                p.append(pool.get(random.nextInt(pool.size())));
            }
            result.add(p.toString());
            total += p.length() + 2;
        }
        return result;
    }

    private static List<String> sentencesOf(Path folder) throws IOException {
        List<String> result = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.list(folder)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
        for (Path page : pages) {
            for (Element e : Jsoup.parse(page.toFile(), "UTF-8").select("p, li, dd, td")) {
                if (e.select("p, li, dd, td").size() > 1) {
                    continue; // the innermost blocks only
                }
                for (String sentence : e.text().split("(?<=[.!?:])\\s+")) {
                    String s = sentence.strip();
                    if (s.length() >= 20 && s.chars().filter(Character::isLetter).count() * 2 > s.length()) {
                        result.add(s);
                    }
                }
            }
        }
        return result;
    }

    private static String html(List<String> paragraphs, String language) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language)
                .append("\"><head><meta charset=\"utf-8\"><title>");
        XmlCharacters.escape(paragraphs.get(0), b, false);
        b.append("</title></head>\n<body>\n<h1>");
        XmlCharacters.escape(paragraphs.get(0), b, false);
        b.append("</h1>\n");
        for (String p : paragraphs.subList(1, paragraphs.size())) {
            b.append("<p>");
            XmlCharacters.escape(p, b, false);
            b.append("</p>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void docx(Path file, List<String> paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.getProperties().getCoreProperties().setTitle(paragraphs.get(0));
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
        }
    }

    /** Helvetica (WinAnsi covers the accents of es and pt), lines wrapped at about 95 characters. */
    private static void pdf(Path file, List<String> paragraphs) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        float leading = 12;
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(paragraphs.get(0));
            List<String> lines = new ArrayList<>();
            for (String p : paragraphs) {
                lines.addAll(wrap(winAnsi(p), 95));
                lines.add("");
            }
            int perPage = (int) ((PDRectangle.A4.getHeight() - 100) / leading);
            for (int start = 0; start < lines.size(); start += perPage) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(leading);
                    content.newLineAtOffset(50, PDRectangle.A4.getHeight() - 50);
                    for (String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            doc.save(file.toFile());
        }
    }

    private static String winAnsi(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c <= 0xFF ? c : c == '\u2013' || c == '\u2014' ? '-' : c == '\u2019' ? '\'' : ' ');
        }
        return b.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
