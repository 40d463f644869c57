package org.puente.memory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A TMX file that cannot be imported: malformed XML, not TMX, hostile (entities), or a unit
 * the translation memory could not use. The message names the file, the line and column and
 * says what is wrong in words a coordinator can act on; nothing of the file should be kept
 * when this is thrown (an import is all or nothing).
 */
public class TmxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String reason;

    public TmxFormatException(Path file, int line, int column, String reason) {
        this(file, line, column, reason, null);
    }

    public TmxFormatException(Path file, int line, int column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(Path file, int line, int column, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "TMX" : file.toString());
        if (line > 0) {
            b.append(", line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
        }
        return b.append(": ").append(reason).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based; 0 when unknown (e.g. the file could not be decoded at all). */
    public int line() {
        return line;
    }

    /** 1-based; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The reason alone, without file and position. */
    public String reason() {
        return reason;
    }
}
