/**
 * Translation memories: what was already translated, and how much of a new document it covers.
 *
 * <p>What this package owns:
 * <ul>
 *   <li><b>SRX segmentation</b> ({@link org.puente.memory.Segmenter}): text to sentences with
 *       the rules of {@code pipeline/segmentation.srx} (Okapi's SRX engine), for es, en and pt.
 *       The only place in Puente that splits text into translation units.</li>
 *   <li>Translation memories and TMX import/export, the fuzzy index and lookups.</li>
 *   <li><b>Leverage analysis</b> ({@link org.puente.memory.LeverageAnalysis}): how much of a
 *       batch of documents the memory covers for a target language, in words per
 *       {@link org.puente.memory.MatchBand}; its {@link org.puente.memory.LeverageReport} goes to
 *       CSV, JSON and the {@code leverage_*} tables.</li>
 *   <li><b>Alignment</b> of documents that translate each other: {@link org.puente.memory.TranslationPairs}
 *       finds them, {@link org.puente.memory.SentenceAligner} pairs their sentences,
 *       {@link org.puente.memory.DocumentAligner} puts the sure pairs into the memory and the
 *       others into the review queue ({@link org.puente.memory.AlignmentReview}); the
 *       pipeline's {@code align} step is {@link org.puente.memory.AlignmentStepConfiguration}.</li>
 * </ul>
 *
 * <p>It may call {@code config} and read what {@code inventory} and {@code extraction} produce;
 * nothing of {@code web} or {@code cli}.
 */
package org.puente.memory;
