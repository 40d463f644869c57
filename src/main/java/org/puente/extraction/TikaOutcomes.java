package org.puente.extraction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.metadata.DublinCore;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.pipes.PipesResult;

/** Turns what a parser process answered into an {@link ExtractionOutcome}. */
final class TikaOutcomes {

    private static final int MAX_MAP_VALUE_CHARS = 500;
    private static final int MAX_REASON_CHARS = 240;

    /** Short outcome metadata key to the Tika keys it is read from, first present wins. */
    private static final Map<String, List<String>> MAP_KEYS = new LinkedHashMap<>();

    static {
        MAP_KEYS.put("contentType", List.of(Metadata.CONTENT_TYPE));
        MAP_KEYS.put("language", List.of(DublinCore.LANGUAGE.getName(), Metadata.CONTENT_LANGUAGE));
        MAP_KEYS.put("producer", List.of("pdf:docinfo:producer", PDF.PRODUCER.getName(), "xmp:pdf:Producer"));
        MAP_KEYS.put("creatorTool", List.of("xmp:CreatorTool", "pdf:docinfo:creator_tool"));
        MAP_KEYS.put("application", List.of("extended-properties:Application", "meta:generator", "generator"));
        MAP_KEYS.put("pdfVersion", List.of("pdf:PDFVersion"));
        MAP_KEYS.put("subject", List.of(DublinCore.SUBJECT.getName()));
        MAP_KEYS.put("description", List.of(DublinCore.DESCRIPTION.getName()));
        MAP_KEYS.put("keywords", List.of(Office.KEYWORDS.getName()));
        MAP_KEYS.put("wordCount", List.of(Office.WORD_COUNT.getName()));
        MAP_KEYS.put("parsedBy", List.of(TikaCoreProperties.TIKA_PARSED_BY.getName()));
        MAP_KEYS.put("warnings", List.of(TikaCoreProperties.EMBEDDED_WARNING.getName()));
        MAP_KEYS.put("metadataTruncated", List.of(TikaCoreProperties.TRUNCATED_METADATA.getName()));
    }

    private TikaOutcomes() {
    }

    static ExtractionOutcome toOutcome(PipesResult result, ExtractionLimits limits, DocumentExtractor.OcrMode ocrMode) {
        Metadata m = firstMetadata(result);
        switch (result.getStatus()) {
            case OOM:
                return fatal(ExtractionStatus.OUT_OF_MEMORY, m,
                        "out of memory: parsing this file needed more than the parser's " + limits.getParserHeapMegabytes()
                                + " MB heap (puente.extraction.parser-heap-megabytes); the parser was restarted. "
                                + "Raise the heap for this file, or ask for a simpler or split copy");
            case TIMEOUT:
                return fatal(ExtractionStatus.TIMEOUT, m,
                        "timeout: parsing took longer than " + limits.getTimeoutSeconds()
                                + " s (puente.extraction.timeout-seconds) and was stopped; the parser was restarted. "
                                + "Retry with a longer timeout, or ask for a simpler copy (e.g. re-saved or split)");
            case UNSPECIFIED_CRASH:
                return fatal(ExtractionStatus.CRASHED, m,
                        "crashed: the parser process died on this file (a JVM crash or a parser that exited); "
                                + "it was restarted and no text was kept. Look for hs_err_pid*.log in the extractor's "
                                + "work folder, and ask for a re-saved copy of the file");
            case PARSE_SUCCESS:
            case PARSE_SUCCESS_WITH_EXCEPTION:
                return classify(m, result.getMessage(), limits, ocrMode);
            case PARSE_EXCEPTION_NO_EMIT:
            case EMIT_SUCCESS_PARSE_EXCEPTION:
                return classify(m, result.getMessage() == null ? "" : result.getMessage(), limits, ocrMode);
            case EMPTY_OUTPUT:
                return fatal(ExtractionStatus.CORRUPT, m,
                        "corrupt: the parser produced nothing at all for this file; ask for a fresh copy of the original");
            case FETCH_EXCEPTION:
                return fatal(ExtractionStatus.CORRUPT, m,
                        "unreadable: the parser process could not open the file (" + reason(result.getMessage())
                                + "); check that it is still there and readable, or ask for a fresh copy");
            default:
                throw new ExtractionUnavailableException("the Tika parser process answered " + result.getStatus()
                        + (result.getMessage() == null ? "" : ": " + firstLine(result.getMessage()))
                        + "; this is a setup problem, not a problem of the file");
        }
    }

    static ExtractionOutcome classify(Metadata m, String resultMessage, ExtractionLimits limits,
                                      DocumentExtractor.OcrMode ocrMode) {
        String rawText = m.get(TikaCoreProperties.TIKA_CONTENT);
        String text = rawText == null ? "" : rawText;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        text = text.strip();
        int max = limits.getMaxCharacters();
        // Tika was asked for WRITE_LIMIT_MARGIN more characters than kept: text longer than the
        // limit once stripped, or Tika's own limit reached, means there was more.
        boolean truncated = text.length() > max
                || (rawText != null && rawText.length() >= (long) max + DocumentExtractor.WRITE_LIMIT_MARGIN)
                || "true".equalsIgnoreCase(m.get(TikaCoreProperties.WRITE_LIMIT_REACHED));
        if (text.length() > max) {
            int cut = max;
            if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut).strip();
        }

        String mediaType = mediaType(m);
        Integer pages = pages(m);
        String exception = m.get(TikaCoreProperties.CONTAINER_EXCEPTION);
        if ((exception == null || exception.isBlank()) && resultMessage != null && !resultMessage.isBlank()) {
            exception = resultMessage;
        }
        boolean ocr = !text.isEmpty() && ocrProducedText(m);
        List<String> headlines = exception == null || exception.isBlank() ? List.of() : headlines(exception);
        // Tika stops parsing at the character limit by throwing: a truncation, not a failure
        if (matches(headlines, "WriteLimitReachedException")) {
            truncated = true;
            headlines = List.of();
        }

        ExtractionStatus status;
        String message;
        if (!headlines.isEmpty()) {
            String reason = reason(headlines);
            if (matches(headlines, "EncryptedDocumentException")) {
                status = ExtractionStatus.ENCRYPTED;
                message = encryptedMessage(mediaType);
            } else if (matches(headlines, "zip bomb", "ZipBomb", "TikaMemoryLimitException",
                    "ZeroByteFileException", "SecureContentHandler")) {
                status = ExtractionStatus.REFUSED_HOSTILE;
                message = "refused: the file expands far beyond its size or nests too deep (" + reason
                        + "), as zip bombs do; it was not extracted. If it is a genuine document, raise "
                        + "puente.extraction.max-compression-ratio / max-nesting-depth for it";
            } else if (matches(headlines, "UnsupportedFormatException")) {
                status = ExtractionStatus.UNSUPPORTED;
                message = "unsupported: this variant of " + describe(mediaType) + " cannot be read (" + reason
                        + "); open it in its application and save it in a current format";
            } else {
                status = ExtractionStatus.CORRUPT;
                message = "corrupt: the file could not be read as " + describe(mediaType) + " (" + reason
                        + "); it is damaged, truncated or not what it claims to be. Ask for a fresh copy of the original";
            }
        } else if (text.isEmpty()) {
            if (isUnsupported(m, mediaType)) {
                status = ExtractionStatus.UNSUPPORTED;
                message = "unsupported: no text can be extracted from this format (" + mediaType
                        + "); convert it to PDF, DOCX, ODT, HTML or plain text";
            } else if ("application/pdf".equals(mediaType) || (mediaType != null && mediaType.startsWith("image/"))) {
                status = ExtractionStatus.IMAGE_ONLY;
                message = imageOnlyMessage(mediaType, pages, ocrMode, limits);
            } else {
                status = ExtractionStatus.EXTRACTED;
                message = "empty: the document holds no text";
            }
        } else {
            status = ExtractionStatus.EXTRACTED;
            message = truncated ? "truncated: only the first " + max
                    + " characters were kept (puente.extraction.max-characters)" : null;
        }

        return new ExtractionOutcome(status, message, text, mediaType,
                joined(m, TikaCoreProperties.TITLE.getName()),
                joined(m, TikaCoreProperties.CREATOR.getName()),
                pages,
                instant(m.get(TikaCoreProperties.CREATED)),
                instant(m.get(TikaCoreProperties.MODIFIED)),
                truncated, ocr, smallMap(m));
    }

    // ---------------------------------------------------------------------------------- messages

    private static String encryptedMessage(String mediaType) {
        if ("application/pdf".equals(mediaType)) {
            return "encrypted: the PDF needs a password to open; ask the owner for an unprotected copy";
        }
        if (mediaType != null && (mediaType.contains("ooxml-protected") || mediaType.contains("officedocument")
                || mediaType.contains("msword") || mediaType.contains("ms-excel") || mediaType.contains("ms-powerpoint")
                || mediaType.contains("opendocument"))) {
            return "encrypted: the office document is password-protected; ask the owner for a copy saved without a password";
        }
        return "encrypted: the file (" + mediaType + ") is password-protected or encrypted; ask the owner for an unprotected copy";
    }

    private static String imageOnlyMessage(String mediaType, Integer pages, DocumentExtractor.OcrMode ocrMode,
                                           ExtractionLimits limits) {
        String what = "application/pdf".equals(mediaType)
                ? "image only: the PDF" + (pages == null ? "" : " has " + pages + (pages == 1 ? " page but" : " pages but"))
                + " no text layer (a scan or pictures of text)"
                : "image only: the file is a picture (" + mediaType + "), no text";
        switch (ocrMode) {
            case OFF:
                return what + "; OCR is off (puente.extraction.ocr=false). Turn OCR on, or ask for a searchable PDF";
            case NOT_INSTALLED:
                return what + "; OCR is on but tesseract is not installed (apt-get install tesseract-ocr "
                        + "tesseract-ocr-spa tesseract-ocr-por), or ask for a searchable PDF";
            default:
                return what + "; OCR ran (languages " + limits.getOcrLanguages()
                        + ") but found no text. Check the page images, or ask for a searchable PDF";
        }
    }

    private static String describe(String mediaType) {
        if (mediaType == null) {
            return "a document";
        }
        switch (mediaType) {
            case "application/pdf": return "a PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": return "a Word (DOCX) document";
            case "application/vnd.oasis.opendocument.text": return "an OpenDocument text (ODT)";
            case "application/zip": return "a zip archive";
            case "application/msword": return "a Word (DOC) document";
            case "text/html": return "an HTML page";
            case "text/plain": return "plain text";
            default: return mediaType;
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private static ExtractionOutcome fatal(ExtractionStatus status, Metadata m, String message) {
        Map<String, String> map = smallMap(m);
        String mediaType = mediaType(m);
        return new ExtractionOutcome(status, message, "", mediaType,
                joined(m, TikaCoreProperties.TITLE.getName()), joined(m, TikaCoreProperties.CREATOR.getName()),
                pages(m), instant(m.get(TikaCoreProperties.CREATED)), instant(m.get(TikaCoreProperties.MODIFIED)),
                false, false, map);
    }

    private static Metadata firstMetadata(PipesResult result) {
        if (result.getEmitData() != null && result.getEmitData().getMetadataList() != null
                && !result.getEmitData().getMetadataList().isEmpty()) {
            return result.getEmitData().getMetadataList().get(0);
        }
        return new Metadata();
    }

    static String mediaType(Metadata m) {
        String contentType = m.get(Metadata.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String charset(Metadata m) {
        String contentType = m.get(Metadata.CONTENT_TYPE);
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    return p.substring(8).replace("\"", "").trim();
                }
            }
        }
        return m.get(Metadata.CONTENT_ENCODING);
    }

    private static Integer pages(Metadata m) {
        for (String key : List.of(PagedText.N_PAGES.getName(), Office.PAGE_COUNT.getName())) {
            String v = m.get(key);
            if (v != null) {
                try {
                    return Integer.valueOf(v.trim());
                } catch (NumberFormatException e) {
                    // try the next key
                }
            }
        }
        return null;
    }

    /** Whether tesseract recognised text in this document, see {@link TextCountingOcrParser}. */
    static boolean ocrProducedText(Metadata m) {
        for (String w : m.getValues(TikaCoreProperties.EMBEDDED_WARNING.getName())) {
            if (TextCountingOcrParser.OCR_TEXT_MARKER.equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnsupported(Metadata m, String mediaType) {
        if (mediaType == null || mediaType.equals("application/octet-stream")) {
            return true;
        }
        if (mediaType.startsWith("audio/") || mediaType.startsWith("video/")) {
            return true;
        }
        String[] parsers = m.getValues(TikaCoreProperties.TIKA_PARSED_BY.getName());
        boolean empty = false;
        for (String p : parsers) {
            if (p.endsWith(".EmptyParser")) {
                empty = true;
            } else if (!p.endsWith(".DefaultParser") && !p.endsWith(".CompositeParser") && !p.endsWith(".AutoDetectParser")
                    && !p.equals(CachingDefaultParser.class.getName()) && !p.equals(CachingCompositeParser.class.getName())) {
                return false;
            }
        }
        return empty;
    }

    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String joined(Metadata m, String key) {
        return joined(m, key, null);
    }

    /** The distinct values of {@code key} joined with "; ", without {@code except}. */
    private static String joined(Metadata m, String key, String except) {
        String[] values = m.getValues(key);
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank() && !kept.contains(v.strip()) && !v.strip().equals(except)) {
                kept.add(v.strip());
            }
        }
        return kept.isEmpty() ? null : String.join("; ", kept);
    }

    private static Map<String, String> smallMap(Metadata m) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : MAP_KEYS.entrySet()) {
            for (String key : e.getValue()) {
                String v = key.equals(TikaCoreProperties.EMBEDDED_WARNING.getName())
                        ? joined(m, key, TextCountingOcrParser.OCR_TEXT_MARKER) : joined(m, key);
                if (v != null) {
                    map.put(e.getKey(), v.length() > MAX_MAP_VALUE_CHARS ? v.substring(0, MAX_MAP_VALUE_CHARS) : v);
                    break;
                }
            }
        }
        String charset = charset(m);
        if (charset != null) {
            map.put("charset", charset);
        }
        int embeddedErrors = m.getValues(TikaCoreProperties.EMBEDDED_EXCEPTION.getName()).length;
        if (embeddedErrors > 0) {
            map.put("embeddedErrors", Integer.toString(embeddedErrors));
        }
        String pipesResult = m.get(TikaCoreProperties.PIPES_RESULT);
        if (pipesResult != null) {
            map.put("pipesResult", pipesResult);
        }
        return map;
    }

    /** The first line of a stack trace and its "Caused by:" lines: exception class and message. */
    static List<String> headlines(String stackTrace) {
        List<String> lines = new ArrayList<>();
        String[] all = stackTrace.split("\\R");
        if (all.length > 0) {
            lines.add(all[0].trim());
        }
        for (String line : all) {
            String t = line.trim();
            if (t.startsWith("Caused by:")) {
                lines.add(t.substring("Caused by:".length()).trim());
            }
        }
        return lines;
    }

    private static boolean matches(List<String> headlines, String... needles) {
        for (String h : headlines) {
            for (String n : needles) {
                if (h.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String reason(String stackTrace) {
        return stackTrace == null ? "no details" : reason(headlines(stackTrace));
    }

    /** The most specific message: the deepest cause that has one, without package names. */
    private static String reason(List<String> headlines) {
        for (int i = headlines.size() - 1; i >= 0; i--) {
            String h = headlines.get(i);
            int colon = h.indexOf(": ");
            String cls = colon < 0 ? h : h.substring(0, colon);
            String msg = colon < 0 ? "" : h.substring(colon + 2).trim();
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            if (!msg.isEmpty() || i == 0) {
                String r = msg.isEmpty() ? simple : simple + ": " + msg;
                return r.length() > MAX_REASON_CHARS ? r.substring(0, MAX_REASON_CHARS) + "..." : r;
            }
        }
        return "no details";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).trim();
    }
}
