/**
 * Text extraction: what a document says, in which languages, and why not when it cannot be read.
 *
 * <p>What this package owns:
 * <ul>
 *   <li><b>Apache Tika, in isolation.</b> {@link org.puente.extraction.DocumentExtractor} is the
 *       only place in Puente that calls Tika. It parses in separate JVMs (Tika's
 *       {@code PipesParser}), so a file that loops, exhausts memory, exits or crashes the parser
 *       costs only itself; the calling JVM keeps going. Nothing else may create a Tika parser.</li>
 *   <li><b>Limits</b> ({@link org.puente.extraction.ExtractionLimits}): characters kept, time and
 *       heap per document, zip-bomb ratio, nesting and embedded depth, metadata size, file size,
 *       OCR on or off.</li>
 *   <li><b>Outcomes</b> ({@link org.puente.extraction.ExtractionOutcome},
 *       {@link org.puente.extraction.ExtractionStatus}): one status per kind of failure and a
 *       message a person can act on; a broken setup is not a bad document and is thrown as
 *       {@link org.puente.extraction.ExtractionUnavailableException} instead.</li>
 *   <li><b>Language shares</b> ({@link org.puente.extraction.LanguageProfile}): the languages of
 *       an extracted text and their share of it.</li>
 * </ul>
 *
 * <p>It calls nothing else of Puente: it takes a file path and limits, and returns values. The
 * classes {@code Utf8FirstEncodingDetector} and {@code DepthLimitingEmbeddedDocumentExtractorFactory}
 * are public only so that Tika, in the parser process, can instantiate them from the configuration.
 */
package org.puente.extraction;
