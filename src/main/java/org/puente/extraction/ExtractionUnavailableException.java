package org.puente.extraction;

/**
 * Extraction itself is broken, not the document: the parser process could not be started or
 * answered with something that only a wrong setup explains (missing classes on the child's
 * classpath, no {@code java} at the configured path, an unreadable Tika configuration...).
 *
 * <p>Callers must not record the document as bad when they catch this: the same document will
 * very likely extract once the setup is fixed. Stop the run or retry later instead.
 */
public class ExtractionUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExtractionUnavailableException(String message) {
        super(message);
    }

    public ExtractionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
