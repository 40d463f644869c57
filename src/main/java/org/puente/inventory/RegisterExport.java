package org.puente.inventory;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.puente.config.AtomicFile;
import org.springframework.stereotype.Component;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes the document register from the database to CSV (what coordinators open in a
 * spreadsheet) and JSON (what programs read). Records are streamed, and each file is written
 * beside its target and moved into place, so a killed export never leaves a half-written register.
 */
@Component
public class RegisterExport {

    public enum Format { CSV, JSON }

    static final List<String> CSV_COLUMNS = List.of("id", "state", "status", "message", "title", "author", "format",
            "size_bytes", "pages", "words", "sha256", "language", "language_confidence", "language_shares", "truncated",
            "ocr", "owner", "tags", "locations", "duplicates", "created", "modified", "file_modified", "first_seen", "last_changed",
            "gone_since");

    private final DocumentRepository repository;
    // The caller owns the Writer (it may be standard output): never close it from here.
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private final CsvMapper csv = CsvMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** The register's file names in the inventory folder. */
    static final String CSV_FILE = "register.csv";
    static final String JSON_FILE = "register.json";

    public RegisterExport(DocumentRepository repository) {
        this.repository = repository;
    }

    /** Writes {@code register.csv} and {@code register.json} into the folder; returns how many records. */
    public int writeRegister(Path folder) throws IOException {
        Files.createDirectories(folder);
        write(Format.CSV, folder.resolve(CSV_FILE));
        return write(Format.JSON, folder.resolve(JSON_FILE));
    }

    public int write(Format format, Path target) throws IOException {
        return AtomicFile.write(target, out -> write(format, out));
    }

    public int write(Format format, Writer out) throws IOException {
        int[] count = {0};
        if (format == Format.JSON) {
            try (SequenceWriter records = json.writer().writeValuesAsArray(out)) {
                repository.forEachRecord(r -> {
                    records.write(r);
                    count[0]++;
                });
            }
        } else {
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
            CSV_COLUMNS.forEach(schema::addColumn);
            try (SequenceWriter rows = csv.writer(schema.build()).writeValues(out)) {
                repository.forEachRecord(r -> {
                    rows.write(csvRow(r));
                    count[0]++;
                });
            }
        }
        return count[0];
    }

    private static List<Object> csvRow(DocumentRecord r) {
        List<Object> row = new ArrayList<>(CSV_COLUMNS.size());
        row.add(r.id());
        row.add(r.state());
        row.add(r.status());
        row.add(r.message());
        row.add(r.title());
        row.add(r.author());
        row.add(r.format());
        row.add(r.sizeBytes());
        row.add(r.pages());
        row.add(r.words());
        row.add(r.sha256());
        row.add(r.language());
        row.add(String.format(Locale.ROOT, "%.3f", r.languageConfidence()));
        row.add(shares(r.languageShares()));
        row.add(r.truncated());
        row.add(r.ocr());
        row.add(r.owner());
        row.add(String.join(" ", r.tags()));
        row.add(String.join(" | ", r.locations()));
        row.add(r.duplicates());
        row.add(r.created());
        row.add(r.modified());
        row.add(r.fileModified());
        row.add(r.firstSeen());
        row.add(r.lastChanged());
        row.add(r.goneSince());
        return row.stream().map(v -> v == null ? "" : v.toString()).collect(Collectors.toList());
    }

    /** "en 63% es 37%": the shares as a coordinator reads them; a trace shows as "<1%". */
    private static String shares(Map<String, Double> shares) {
        return shares.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() < 0.005 ? "<1" : Math.round(e.getValue() * 100)) + "%")
                .collect(Collectors.joining(" "));
    }
}
