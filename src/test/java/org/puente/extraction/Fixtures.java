package org.puente.extraction;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Builds test documents in a folder; nothing is read from outside the test. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path docx(Path file, String title, String author, String... paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.getProperties().getCoreProperties().setTitle(title);
            doc.getProperties().getCoreProperties().setCreator(author);
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
        }
        return file;
    }

    /** One page per string; metadata set when non-null. */
    public static Path pdf(Path file, String title, String author, String... pageTexts) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            if (title != null) {
                doc.getDocumentInformation().setTitle(title);
            }
            if (author != null) {
                doc.getDocumentInformation().setAuthor(author);
            }
            doc.getDocumentInformation().setProducer("Puente test fixtures");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.clear();
            created.set(2024, Calendar.MARCH, 1, 10, 30, 0);
            doc.getDocumentInformation().setCreationDate(created);
            doc.save(file.toFile());
        }
        return file;
    }

    /** Pages holding only a drawn picture: no text layer at all. */
    public static Path imageOnlyPdf(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 300, 120);
            g.setColor(Color.BLACK);
            g.fillRect(20, 20, 260, 10);
            g.fillRect(20, 50, 200, 10);
            g.fillRect(20, 80, 230, 10);
            g.dispose();
            PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(xobject, 72, 500);
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /**
     * A picture of text: {@code lines} drawn black on white in a 40 px sans-serif font (about a
     * 12 pt line scanned at 240 dpi), one line per string, in a US Letter shaped page at that size.
     */
    public static BufferedImage textImage(String... lines) {
        System.setProperty("java.awt.headless", "true");
        int width = 2040;
        int lineHeight = 64;
        int height = Math.max(400, 160 + lines.length * lineHeight);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        int y = 100;
        for (String line : lines) {
            g.drawString(line, 80, y);
            y += lineHeight;
        }
        g.dispose();
        return image;
    }

    /**
     * A "scanned" PDF: one page holding only a picture of {@code lines} (see {@link #textImage}),
     * no text layer; the page is the picture's size at 240 dpi (8.5 in wide).
     */
    public static Path scannedPdf(Path file, String... lines) throws IOException {
        BufferedImage image = textImage(lines);
        try (PDDocument doc = new PDDocument()) {
            PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
            float scale = 72f / 240f;
            float w = image.getWidth() * scale;
            float h = image.getHeight() * scale;
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(xobject, 0, 0, w, h);
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** A picture of {@code lines} (see {@link #textImage}) saved as an image file; format "png" or "jpg". */
    public static Path textImageFile(Path file, String format, String... lines) throws IOException {
        if (!ImageIO.write(textImage(lines), format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    public static Path encryptedPdf(Path file, String text) throws IOException {
        Path plain = file.resolveSibling("plain-" + file.getFileName());
        pdf(plain, "Secreto", "Alguien", text);
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain.toFile())) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile());
        }
        Files.delete(plain);
        return file;
    }

    /** The first {@code fraction} of a file's bytes. */
    public static Path truncated(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return target;
    }

    public static Path text(Path file, String text, Charset charset) throws IOException {
        Files.write(file, text.getBytes(charset));
        return file;
    }

    public static Path randomBytes(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }

    public static Path html(Path file) throws IOException {
        String html = """
                <!DOCTYPE html>
                <html lang="es">
                <head>
                  <meta charset="utf-8">
                  <title>Biblioteca Nacional: servicios</title>
                  <meta name="author" content="Equipo de la Biblioteca">
                </head>
                <body>
                  <h1>Servicios de préstamo</h1>
                  <p>La biblioteca ofrece préstamo interbibliotecario y consulta en sala.</p>
                  <script>var ignored = "no es texto";</script>
                </body>
                </html>
                """;
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    /** A minimal OpenDocument text built by hand: mimetype (stored, first), manifest, content, meta. */
    public static Path odt(Path file) throws IOException {
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                  <office:body><office:text>
                    <text:h text:outline-level="1">Relatório anual</text:h>
                    <text:p>A biblioteca ampliou o acervo e a informação digital.</text:p>
                  </office:text></office:body>
                </office:document-content>
                """;
        String meta = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
                    xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">
                  <office:meta>
                    <dc:title>Relatório da biblioteca</dc:title>
                    <dc:creator>Ana Souza</dc:creator>
                    <meta:creation-date>2023-05-04T09:15:00</meta:creation-date>
                    <dc:language>pt-BR</dc:language>
                  </office:meta>
                </office:document-meta>
                """;
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                  <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            put(zip, "META-INF/manifest.xml", manifest);
            put(zip, "content.xml", content);
            put(zip, "meta.xml", meta);
        }
        return file;
    }

    /**
     * A DOCX-shaped zip whose document.xml holds about {@code megabytes} MB of repeated text in
     * short paragraphs: a few hundred KB on disk.
     */
    public static Path zipBombDocx(Path file, int megabytes) throws IOException {
        byte[] paragraph = ("<w:p><w:r><w:t>" + "Texto repetido para inflar el documento. ".repeat(24)
                + "</w:t></w:r></w:p>").getBytes(StandardCharsets.UTF_8);
        return docxShapedZip(file, zip -> {
            long written = 0;
            while (written < megabytes * 1024L * 1024L) {
                zip.write(paragraph);
                written += paragraph.length;
            }
        });
    }

    /** A DOCX-shaped zip whose document.xml is one paragraph of {@code megabytes} MB of one letter. */
    public static Path giantRunDocx(Path file, int megabytes) throws IOException {
        return docxShapedZip(file, zip -> {
            zip.write("<w:p><w:r><w:t>".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < megabytes; i++) {
                zip.write(chunk);
            }
            zip.write("</w:t></w:r></w:p>".getBytes(StandardCharsets.UTF_8));
        });
    }

    private interface Body {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static Path docxShapedZip(Path file, Body body) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            put(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                      <Default Extension="xml" ContentType="application/xml"/>
                      <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                    </Types>
                    """);
            put(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                      <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                    </Relationships>
                    """);
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body>").getBytes(StandardCharsets.UTF_8));
            body.write(zip);
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    /** A plain zip with one text entry of {@code megabytes} MB of one repeated letter. */
    public static Path zipBomb(Path file, int megabytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("bomb.txt"));
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < megabytes; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
